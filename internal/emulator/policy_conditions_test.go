package emulator_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/taskmanager-platform/infra/internal/awsx"
	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/emulator/emulatortest"
)

// Fill-in policy_conditions: bucket policies are evaluated with IAM's
// condition semantics and aws:SecureTransport from the request's scheme.
func TestBucketPolicyConditions(t *testing.T) {
	inst := emulatortest.Start(t)
	client, err := emulator.HTTPClient(inst.CABundle)
	if err != nil {
		t.Fatal(err)
	}
	s := s3.NewFromConfig(awsx.Local(inst.Endpoint, emulator.Region, "test", "test", client), func(o *s3.Options) { o.UsePathStyle = true })
	ctx := context.Background()

	deny := func(cond string) string {
		return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::%%s/*","Condition":%s}]}`, cond)
	}
	tests := []struct {
		name    string
		policy  string
		allowed bool
	}{
		{"TLS-only policy lets HTTPS through", deny(`{"Bool":{"aws:SecureTransport":"false"}}`), true},
		{"the key is really evaluated", deny(`{"Bool":{"aws:SecureTransport":"true"}}`), false},
		{"an absent key does not match", deny(`{"StringEquals":{"aws:SourceVpc":"vpc-123"}}`), true},
		{"IfExists matches an absent key", deny(`{"StringEqualsIfExists":{"aws:SourceVpc":"vpc-123"}}`), false},
		{"Null true matches an absent key", deny(`{"Null":{"aws:SourceVpc":"true"}}`), false},
		{"unconditional deny still denies", `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}`, false},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bucket := fmt.Sprintf("policy-test-%d", i)
			if _, err := s.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(bucket)}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("k"), Body: strings.NewReader("v")}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.PutBucketPolicy(ctx, &s3.PutBucketPolicyInput{Bucket: aws.String(bucket), Policy: aws.String(fmt.Sprintf(tc.policy, bucket))}); err != nil {
				t.Fatal(err)
			}
			_, err := s.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("k")})
			if tc.allowed && err != nil {
				t.Errorf("denied: %v", err)
			}
			if !tc.allowed && err == nil {
				t.Error("allowed, want denied")
			}
		})
	}
}
