package emulator_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/smithy-go"

	"github.com/taskmanager-platform/infra/internal/awsx"
	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/emulator/emulatortest"
)

// Fill-ins iam_enforcement and policy_conditions: with enforcement on, a
// user's requests are authorised against the resource they act on (KMS keys
// through their aliases, secrets, tables), requests without a body pass the
// signature check, and statements are evaluated as IAM does (NotResource,
// conditions on keys the emulator cannot supply decided the strict way).
func TestIAMEnforcement(t *testing.T) {
	inst := emulatortest.Start(t)
	client, err := emulator.HTTPClient(inst.CABundle)
	if err != nil {
		t.Fatal(err)
	}
	admin := awsx.Local(inst.Endpoint, emulator.Region, "test", "test", client)
	ctx := context.Background()

	k := kms.NewFromConfig(admin)
	state := must(k.CreateKey(ctx, &kms.CreateKeyInput{}))(t).KeyMetadata
	other := must(k.CreateKey(ctx, &kms.CreateKeyInput{}))(t).KeyMetadata
	must(k.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/state"), TargetKeyId: state.KeyId}))(t)
	sm := secretsmanager.NewFromConfig(admin)
	devSecret := must(sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("dev/app/db"), SecretString: aws.String("x")}))(t)
	must(sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("production/app/db"), SecretString: aws.String("y")}))(t)
	ddb := dynamodb.NewFromConfig(admin)
	for _, table := range []string{"locks", "other"} {
		must(ddb.CreateTable(ctx, &dynamodb.CreateTableInput{TableName: aws.String(table), BillingMode: ddbtypes.BillingModePayPerRequest,
			AttributeDefinitions: []ddbtypes.AttributeDefinition{{AttributeName: aws.String("LockID"), AttributeType: ddbtypes.ScalarAttributeTypeS}},
			KeySchema:            []ddbtypes.KeySchemaElement{{AttributeName: aws.String("LockID"), KeyType: ddbtypes.KeyTypeHash}}}))(t)
	}

	policy := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[
	 {"Effect":"Allow","Action":["kms:DescribeKey","kms:Encrypt","kms:Decrypt"],"Resource":%q},
	 {"Effect":"Allow","Action":"secretsmanager:getsecretvalue","Resource":"arn:aws:secretsmanager:%s:123456789012:secret:dev/*"},
	 {"Effect":"Allow","Action":"dynamodb:DescribeTable","Resource":"arn:aws:dynamodb:%[2]s:123456789012:table/locks"},
	 {"Effect":"Allow","Action":"kms:DisableKey","NotResource":%[1]q},
	 {"Effect":"Allow","Action":"kms:EnableKey","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"secretsmanager.%[2]s.amazonaws.com"}}},
	 {"Effect":"Allow","Action":["kms:ListKeys","kms:ListAliases","route53:ListHostedZones"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":%[2]q}}},
	 {"Effect":"Deny","Action":"kms:ListAliases","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111111111111"}}},
	 {"Effect":"Allow","Action":["kms:CreateAlias","kms:UpdateAlias"],"Resource":["arn:aws:kms:%[2]s:123456789012:alias/app-*",%[3]q]},
	 {"Effect":"Allow","Action":"kms:UpdateAlias","Resource":"*"},
	 {"Effect":"Deny","Action":"kms:UpdateAlias","Resource":%[1]q}
	]}`, aws.ToString(state.Arn), emulator.Region, aws.ToString(other.Arn))
	c := iam.NewFromConfig(admin)
	must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String("enforced")}))(t)
	must(c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String("enforced"), PolicyName: aws.String("p"), PolicyDocument: aws.String(policy)}))(t)
	key := must(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String("enforced")}))(t).AccessKey

	if err := inst.EnforceIAM(ctx, true); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.EnforceIAM(context.Background(), false) })
	user := admin.Copy()
	user.Credentials = credentials.NewStaticCredentialsProvider(aws.ToString(key.AccessKeyId), aws.ToString(key.SecretAccessKey), "")
	uk, usm, uddb, ur53 := kms.NewFromConfig(user), secretsmanager.NewFromConfig(user), dynamodb.NewFromConfig(user), route53.NewFromConfig(user)
	blob := must(uk.Encrypt(ctx, &kms.EncryptInput{KeyId: aws.String("alias/state"), Plaintext: []byte("state")}))(t).CiphertextBlob

	tests := []struct {
		name string
		call func() error
		want string // error code, "" for allowed
	}{
		{"key scoped by ARN, named by alias", func() error {
			_, err := uk.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/state")})
			return err
		}, ""},
		{"key scoped by ARN, named by id", func() error { _, err := uk.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: state.KeyId}); return err }, ""},
		{"another key", func() error { _, err := uk.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: other.KeyId}); return err }, "AccessDeniedException"},
		{"decrypt: the key from the ciphertext", func() error { _, err := uk.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob}); return err }, ""},
		{"secret under the allowed prefix, by name", func() error {
			_, err := usm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("dev/app/db")})
			return err
		}, ""},
		{"secret under the allowed prefix, by ARN", func() error {
			_, err := usm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: devSecret.ARN})
			return err
		}, ""},
		{"secret of another environment", func() error {
			_, err := usm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("production/app/db")})
			return err
		}, "AccessDeniedException"},
		{"table scoped by ARN", func() error {
			_, err := uddb.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("locks")})
			return err
		}, ""},
		{"another table", func() error {
			_, err := uddb.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("other")})
			return err
		}, "AccessDeniedException"},
		{"NotResource excludes the listed key", func() error { _, err := uk.DisableKey(ctx, &kms.DisableKeyInput{KeyId: state.KeyId}); return err }, "AccessDeniedException"},
		{"NotResource allows the others", func() error { _, err := uk.DisableKey(ctx, &kms.DisableKeyInput{KeyId: other.KeyId}); return err }, ""},
		{"an Allow needing a key the emulator cannot supply does not apply", func() error {
			_, err := uk.EnableKey(ctx, &kms.EnableKeyInput{KeyId: other.KeyId})
			return err
		}, "AccessDeniedException"},
		{"aws:RequestedRegion is supplied", func() error { _, err := uk.ListKeys(ctx, &kms.ListKeysInput{}); return err }, ""},
		{"a Deny testing a key the emulator cannot supply applies", func() error { _, err := uk.ListAliases(ctx, &kms.ListAliasesInput{}); return err }, "AccessDeniedException"},
		{"alias action: alias and key both allowed", func() error {
			_, err := uk.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/app-a"), TargetKeyId: other.KeyId})
			return err
		}, ""},
		{"alias action: the alias allowed, the key not", func() error {
			_, err := uk.CreateAlias(ctx, &kms.CreateAliasInput{AliasName: aws.String("alias/app-b"), TargetKeyId: state.KeyId})
			return err
		}, "AccessDeniedException"},
		{"alias action: denied on the key the alias points to now", func() error {
			_, err := uk.UpdateAlias(ctx, &kms.UpdateAliasInput{AliasName: aws.String("alias/state"), TargetKeyId: other.KeyId})
			return err
		}, "AccessDeniedException"},
		{"form POST passes the signature check and is authorised", func() error {
			_, err := iam.NewFromConfig(user).GetUser(ctx, &iam.GetUserInput{UserName: aws.String("enforced")})
			return err
		}, "AccessDenied"},
		{"REST GET without a body passes the signature check", func() error {
			_, err := ur53.ListHostedZones(ctx, &route53.ListHostedZonesInput{MaxItems: aws.Int32(10)})
			return err
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var api smithy.APIError
			got := ""
			if errors.As(err, &api) {
				got = api.ErrorCode()
			} else if err != nil {
				t.Fatalf("not an API error: %v", err)
			}
			if got != tc.want {
				t.Errorf("got %q (%v), want %q", got, err, tc.want)
			}
		})
	}
}
