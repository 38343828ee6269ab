package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Fill-in s3: lifecycle configuration keeps TransitionDefaultMinimumObjectSize.
func testS3Lifecycle(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	tests := []struct {
		name string
		put  s3types.TransitionDefaultMinimumObjectSize
		want s3types.TransitionDefaultMinimumObjectSize
	}{
		{"varies by storage class", s3types.TransitionDefaultMinimumObjectSizeVariesByStorageClass, s3types.TransitionDefaultMinimumObjectSizeVariesByStorageClass},
		{"128K", s3types.TransitionDefaultMinimumObjectSizeAllStorageClasses128k, s3types.TransitionDefaultMinimumObjectSizeAllStorageClasses128k},
		{"default", "", s3types.TransitionDefaultMinimumObjectSizeAllStorageClasses128k},
	}
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("lifecycle-fillin")}))(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			put := must(c.PutBucketLifecycleConfiguration(ctx, &s3.PutBucketLifecycleConfigurationInput{
				Bucket: aws.String("lifecycle-fillin"), TransitionDefaultMinimumObjectSize: tc.put,
				LifecycleConfiguration: &s3types.BucketLifecycleConfiguration{Rules: []s3types.LifecycleRule{{
					ID: aws.String("expire"), Status: s3types.ExpirationStatusEnabled, Filter: &s3types.LifecycleRuleFilter{Prefix: aws.String("")},
					Expiration: &s3types.LifecycleExpiration{Days: aws.Int32(30)}}}},
			}))(t)
			got := must(c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String("lifecycle-fillin")}))(t)
			if put.TransitionDefaultMinimumObjectSize != tc.want || got.TransitionDefaultMinimumObjectSize != tc.want {
				t.Errorf("put answered %q, get %q, want %q", put.TransitionDefaultMinimumObjectSize, got.TransitionDefaultMinimumObjectSize, tc.want)
			}
		})
	}
}
