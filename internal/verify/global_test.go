package verify

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

func TestECRRepositoryDetail(t *testing.T) {
	good := func() ecrtypes.Repository {
		return ecrtypes.Repository{
			RepositoryUri:              aws.String("123456789012.dkr.ecr.us-east-1.amazonaws.com/taskmanager-api"),
			ImageTagMutability:         ecrtypes.ImageTagMutabilityImmutable,
			ImageScanningConfiguration: &ecrtypes.ImageScanningConfiguration{ScanOnPush: true},
			EncryptionConfiguration:    &ecrtypes.EncryptionConfiguration{EncryptionType: ecrtypes.EncryptionTypeKms},
		}
	}
	tests := []struct {
		name    string
		mutate  func(*ecrtypes.Repository)
		wantErr string
	}{
		{name: "as the design wants", mutate: func(*ecrtypes.Repository) {}},
		{name: "mutable tags", mutate: func(r *ecrtypes.Repository) { r.ImageTagMutability = ecrtypes.ImageTagMutabilityMutable }, wantErr: "want IMMUTABLE"},
		{name: "no scan on push", mutate: func(r *ecrtypes.Repository) { r.ImageScanningConfiguration.ScanOnPush = false }, wantErr: "scan on push off"},
		{name: "no scanning config", mutate: func(r *ecrtypes.Repository) { r.ImageScanningConfiguration = nil }, wantErr: "scan on push off"},
		{name: "AES256", mutate: func(r *ecrtypes.Repository) { r.EncryptionConfiguration.EncryptionType = ecrtypes.EncryptionTypeAes256 }, wantErr: "KMS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			repo := good()
			tt.mutate(&repo)
			detail, err := ecrRepositoryDetail(repo)
			if tt.wantErr == "" {
				if err != nil || !strings.Contains(detail, "taskmanager-api") {
					t.Fatalf("got %q, %v; want success naming the repository", detail, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("got %v; want error containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestGlobalChecksRegistered(t *testing.T) {
	for _, typ := range []string{"aws_iam_role_policy_attachment", "aws_ecr_lifecycle_policy", "aws_ecr_repository_policy", "aws_iam_openid_connect_provider", "aws_route53_zone", "aws_route53_record"} {
		if _, ok := existence[typ]; !ok {
			t.Errorf("no existence check for %s", typ)
		}
	}
	if _, ok := deployment["aws_ecr_repository"]; !ok {
		t.Error("no deployment check for aws_ecr_repository")
	}
}
