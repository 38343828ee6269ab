package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/kms"
)

// Fill-in logs: AssociateKmsKey and DisassociateKmsKey change a log group's key.
func testLogs(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := cloudwatchlogs.NewFromConfig(cfg)
	policy := `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},` +
		`{"Effect":"Allow","Principal":{"Service":"logs.us-east-1.amazonaws.com"},"Action":["kms:GenerateDataKey*","kms:Decrypt*","kms:Encrypt*"],"Resource":"*"}]}`
	key := aws.ToString(must(kms.NewFromConfig(cfg).CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(policy)}))(t).KeyMetadata.Arn)
	must(c.CreateLogGroup(ctx, &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String("/fillin/keyed")}))(t)
	keyOfGroup := func() string {
		groups := must(c.DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String("/fillin/keyed")}))(t).LogGroups
		if len(groups) != 1 {
			t.Fatalf("%d log groups", len(groups))
		}
		return aws.ToString(groups[0].KmsKeyId)
	}
	must(c.AssociateKmsKey(ctx, &cloudwatchlogs.AssociateKmsKeyInput{LogGroupName: aws.String("/fillin/keyed"), KmsKeyId: aws.String(key)}))(t)
	if got := keyOfGroup(); got != key {
		t.Errorf("after AssociateKmsKey: key %q, want %q", got, key)
	}
	must(c.DisassociateKmsKey(ctx, &cloudwatchlogs.DisassociateKmsKeyInput{LogGroupName: aws.String("/fillin/keyed")}))(t)
	if got := keyOfGroup(); got != "" {
		t.Errorf("after DisassociateKmsKey: key %q, want none", got)
	}
	if _, err := c.AssociateKmsKey(ctx, &cloudwatchlogs.AssociateKmsKeyInput{LogGroupName: aws.String("/fillin/none"), KmsKeyId: aws.String(key)}); err == nil {
		t.Error("AssociateKmsKey on a missing group: want ResourceNotFoundException")
	}
}
