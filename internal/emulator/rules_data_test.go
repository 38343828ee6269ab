package emulator_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	ectypes "github.com/aws/aws-sdk-go-v2/service/elasticache/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

func testSecretsManagerRules(t *testing.T, ctx context.Context, cfg aws.Config, _ network) {
	c := secretsmanager.NewFromConfig(cfg)
	create := func(name string) error {
		_, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String("v")})
		return err
	}

	t.Run("secretsmanager-name-scheduled-for-deletion", func(t *testing.T) {
		accepted(t, create("dev/app/database-url"))
		must(c.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: aws.String("dev/app/database-url"), RecoveryWindowInDays: aws.Int64(7)}))(t)
		refused(t, create("dev/app/database-url"), "InvalidRequestException",
			"You can't create this secret because a secret with this name is already scheduled for deletion.")
		must(c.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: aws.String("dev/app/database-url"), ForceDeleteWithoutRecovery: aws.Bool(true)}))(t)
		accepted(t, create("dev/app/database-url"))
	})

	t.Run("secretsmanager-recovery-window", func(t *testing.T) {
		accepted(t, create("dev/app/windowed"))
		for _, days := range []int64{6, 31} {
			_, err := c.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: aws.String("dev/app/windowed"), RecoveryWindowInDays: aws.Int64(days)})
			refused(t, err, "InvalidParameterException", "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).")
		}
		_, err := c.DeleteSecret(ctx, &secretsmanager.DeleteSecretInput{SecretId: aws.String("dev/app/windowed"), RecoveryWindowInDays: aws.Int64(30)})
		accepted(t, err)
	})
}

func testElastiCacheRules(t *testing.T, ctx context.Context, cfg aws.Config, _ network) {
	c := elasticache.NewFromConfig(cfg)
	group := func(id string, edit func(*elasticache.CreateReplicationGroupInput)) error {
		in := &elasticache.CreateReplicationGroupInput{ReplicationGroupId: aws.String(id), ReplicationGroupDescription: aws.String("rules"),
			Engine: aws.String("redis"), CacheNodeType: aws.String("cache.t3.micro"), NumCacheClusters: aws.Int32(1)}
		if edit != nil {
			edit(in)
		}
		_, err := c.CreateReplicationGroup(ctx, in)
		return err
	}
	user := func(id, name string) error {
		_, err := c.CreateUser(ctx, &elasticache.CreateUserInput{UserId: aws.String(id), UserName: aws.String(name), Engine: aws.String("redis"),
			AccessString: aws.String("on ~* +@all"), AuthenticationMode: &ectypes.AuthenticationMode{Type: ectypes.InputAuthenticationTypeIam}})
		return err
	}

	t.Run("elasticache-replication-group-id-length", func(t *testing.T) {
		refused(t, group("r"+strings.Repeat("g", 40), nil), "InvalidParameterValue", "Replication Group ID cannot be longer than 40 characters.")
		accepted(t, group("r"+strings.Repeat("g", 39), nil))
	})

	t.Run("elasticache-failover-needs-two-clusters", func(t *testing.T) {
		refused(t, group("failover-one", func(in *elasticache.CreateReplicationGroupInput) { in.AutomaticFailoverEnabled = aws.Bool(true) }),
			"InvalidParameterCombination", "When using automatic failover, there must be at least 2 cache clusters in the replication group.")
		accepted(t, group("failover-two", func(in *elasticache.CreateReplicationGroupInput) {
			in.AutomaticFailoverEnabled, in.NumCacheClusters = aws.Bool(true), aws.Int32(2)
		}))
	})

	t.Run("elasticache-iam-user-id-is-name", func(t *testing.T) {
		refused(t, user("rules-app", "app"), "InvalidParameterCombination", "User Id and User name must be same for authentication type: iam")
		accepted(t, user("rules-app", "rules-app"))
	})

	t.Run("elasticache-user-group-default-user", func(t *testing.T) {
		userGroup := func(id string, users ...string) error {
			_, err := c.CreateUserGroup(ctx, &elasticache.CreateUserGroupInput{UserGroupId: aws.String(id), Engine: aws.String("redis"), UserIds: users})
			return err
		}
		refused(t, userGroup("no-default", "rules-app"), "DefaultUserRequired", "User group needs to contain a user with the user name default.")
		must(c.CreateUser(ctx, &elasticache.CreateUserInput{UserId: aws.String("rules-default"), UserName: aws.String("default"), Engine: aws.String("redis"),
			AccessString: aws.String("off -@all"), NoPasswordRequired: aws.Bool(true)}))(t)
		accepted(t, userGroup("with-default", "rules-default", "rules-app"))
	})

	t.Run("elasticache-user-group-needs-transit-encryption", func(t *testing.T) {
		users := func(in *elasticache.CreateReplicationGroupInput) { in.UserGroupIds = []string{"with-default"} }
		refused(t, group("rbac-plain", users), "InvalidParameterCombination",
			"User group based access control requires encryption-in-transit to be enabled on the replication group.")
		accepted(t, group("rbac-tls", func(in *elasticache.CreateReplicationGroupInput) {
			users(in)
			in.TransitEncryptionEnabled = aws.Bool(true)
		}))
	})
}

func testLogsRules(t *testing.T, ctx context.Context, cfg aws.Config, _ network) {
	c := cloudwatchlogs.NewFromConfig(cfg)
	keys := kms.NewFromConfig(cfg)
	group := func(name, key string) error {
		in := &cloudwatchlogs.CreateLogGroupInput{LogGroupName: aws.String(name)}
		if key != "" {
			in.KmsKeyId = aws.String(key)
		}
		_, err := c.CreateLogGroup(ctx, in)
		return err
	}

	t.Run("logs-retention-days", func(t *testing.T) {
		accepted(t, group("/rules/retention", ""))
		put := func(days int32) error {
			_, err := c.PutRetentionPolicy(ctx, &cloudwatchlogs.PutRetentionPolicyInput{LogGroupName: aws.String("/rules/retention"), RetentionInDays: aws.Int32(days)})
			return err
		}
		refused(t, put(15), "InvalidParameterException",
			"Value '15' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30")
		accepted(t, put(14))
		accepted(t, put(3653))
	})

	t.Run("logs-group-name", func(t *testing.T) {
		refused(t, group("/rules/bad name", ""), "InvalidParameterException",
			"Value '/rules/bad name' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern")
		accepted(t, group("/aws/ecs/dev/app-web_1.#", ""))
	})

	t.Run("logs-kms-key-usable", func(t *testing.T) {
		rootOnly := aws.ToString(must(keys.CreateKey(ctx, &kms.CreateKeyInput{}))(t).KeyMetadata.Arn)
		arn := "arn:aws:logs:us-east-1:123456789012:log-group:/rules/encrypted"
		refused(t, group("/rules/encrypted", rootOnly), "AccessDeniedException",
			"The specified KMS key does not exist or is not allowed to be used with Arn '"+arn+"'")
		refused(t, group("/rules/encrypted", "arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000"),
			"AccessDeniedException", "The specified KMS key does not exist or is not allowed to be used with Arn")
		policy, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": []any{
			map[string]any{"Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"},
			map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": "logs.us-east-1.amazonaws.com"},
				"Action":   []string{"kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"},
				"Resource": "*", "Condition": map[string]any{"ArnLike": map[string]any{
					"kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:123456789012:log-group:/rules/*"}}},
		}})
		if err != nil {
			t.Fatal(err)
		}
		forLogs := aws.ToString(must(keys.CreateKey(ctx, &kms.CreateKeyInput{Policy: aws.String(string(policy))}))(t).KeyMetadata.Arn)
		refused(t, group("/other/encrypted", forLogs), "AccessDeniedException", "is not allowed to be used with Arn")
		accepted(t, group("/rules/encrypted", forLogs))
		accepted(t, group("/rules/plain", ""))
		_, err = c.AssociateKmsKey(ctx, &cloudwatchlogs.AssociateKmsKeyInput{LogGroupName: aws.String("/rules/plain"), KmsKeyId: aws.String(rootOnly)})
		refused(t, err, "AccessDeniedException", "is not allowed to be used with Arn")
		_, err = c.AssociateKmsKey(ctx, &cloudwatchlogs.AssociateKmsKeyInput{LogGroupName: aws.String("/rules/plain"), KmsKeyId: aws.String(forLogs)})
		accepted(t, err)
	})
}

func testKMSRules(t *testing.T, ctx context.Context, cfg aws.Config, _ network) {
	t.Run("kms-rotation-period", func(t *testing.T) {
		c := kms.NewFromConfig(cfg)
		key := must(c.CreateKey(ctx, &kms.CreateKeyInput{}))(t).KeyMetadata.KeyId
		rotate := func(days int32) error {
			_, err := c.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: key, RotationPeriodInDays: aws.Int32(days)})
			return err
		}
		refused(t, rotate(89), "ValidationException",
			"Value '89' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90")
		refused(t, rotate(2561), "ValidationException",
			"Value '2561' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 2560")
		accepted(t, rotate(90))
		accepted(t, rotate(365))
	})
}
