package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/taskmanager-platform/infra/internal/awsx"
	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/emulator/emulatortest"
)

// TestFillins runs one emulator and checks every fill-in module through the
// SDK, one subtest per AWS service (see docs/emulator.md).
func TestFillins(t *testing.T) {
	cfg := startEmulator(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, ctx context.Context, cfg aws.Config)
	}{
		{"kms", testKMS},
		{"applicationautoscaling", testAppAutoscaling},
		{"rds", testRDS},
		{"elasticache", testElastiCache},
		{"ecs", testECS},
		{"ec2", testEC2},
		{"s3", testS3Lifecycle},
		{"xray", testXRay},
		{"cloudfront", testCloudFront},
		{"route53", testRoute53},
		{"logs", testLogs},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, ctx, cfg) })
	}
}

// startEmulator starts a private emulator for the test and returns an SDK
// configuration that reaches it over TLS with the dummy credentials.
func startEmulator(t *testing.T) aws.Config {
	t.Helper()
	inst := emulatortest.Start(t)
	client, err := emulator.HTTPClient(inst.CABundle)
	if err != nil {
		t.Fatal(err)
	}
	return awsx.Local(inst.Endpoint, emulator.Region, "test", "test", client)
}

// must(call())(t) returns call's value or ends the test with its error.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
