package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
)

// Fill-in kms: the rotation period is kept and read back.
func testKMS(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := kms.NewFromConfig(cfg)
	for _, tc := range []struct {
		name   string
		period *int32
		want   int32
	}{{"explicit period", aws.Int32(90), 90}, {"AWS default", nil, 365}} {
		t.Run(tc.name, func(t *testing.T) {
			key := must(c.CreateKey(ctx, &kms.CreateKeyInput{}))(t).KeyMetadata.KeyId
			must(c.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: key, RotationPeriodInDays: tc.period}))(t)
			got := must(c.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: key}))(t)
			if !got.KeyRotationEnabled || aws.ToInt32(got.RotationPeriodInDays) != tc.want {
				t.Errorf("rotation enabled %v, period %d; want enabled, %d", got.KeyRotationEnabled, aws.ToInt32(got.RotationPeriodInDays), tc.want)
			}
		})
	}
}
