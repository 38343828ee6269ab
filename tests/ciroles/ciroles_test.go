// Package ciroles runs the workflow's infra commands on the emulator as the
// CI roles global-iam creates, with the emulator's IAM enforcement on: a
// plan of global-iam and of an environment stack under the read-only plan
// role succeeds, and the apply role refreshes global-iam but can change
// neither the CI roles nor the state key.
package ciroles

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/target"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

const (
	planRole  = "github-actions-terraform-plan"
	applyRole = "github-actions-terraform"
)

func TestCIRolesUnderIAMEnforcement(t *testing.T) {
	start := time.Now()
	state := t.TempDir()
	inst := clitest.LocalEmulator(t, state)
	dummy := clitest.SDK(t, inst)
	ctx := context.Background()
	clitest.MustInfra(t, state, "--local", "bootstrap")
	// global-iam, and what the Task Manager dev plan reads (its images'
	// repositories and its zone).
	for _, stack := range []string{"global-iam", "global-ecr", "global-route53"} {
		clitest.MustInfra(t, state, "--local", "up", stack)
	}
	t.Logf("emulator, bootstrap and three global stacks applied in %s", time.Since(start).Round(time.Second))

	// An administrator (an IAM user with AdministratorAccess) obtains the
	// roles' keys with sts:AssumeRole. In CI the roles are assumed with
	// AssumeRoleWithWebIdentity and GitHub's OIDC token, which the emulator
	// cannot issue; AWS would also refuse this AssumeRole, because the
	// roles trust only the OIDC provider, so it is made before enforcement
	// is switched on. What the keys may do afterwards is what the test is about.
	admin := adminKeys(t, ctx, iam.NewFromConfig(dummy))
	adminSTS := sts.NewFromConfig(with(dummy, admin))
	keys := map[string]target.Credentials{}
	for _, role := range []string{planRole, applyRole} {
		arn := "arn:aws:iam::123456789012:role/" + role
		out, err := adminSTS.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(arn), RoleSessionName: aws.String("ci")})
		if err != nil {
			t.Fatalf("assuming %s: %v", role, err)
		}
		c := out.Credentials
		keys[role] = target.Credentials{AccessKeyID: aws.ToString(c.AccessKeyId), SecretAccessKey: aws.ToString(c.SecretAccessKey), SessionToken: aws.ToString(c.SessionToken)}
	}

	if err := inst.EnforceIAM(ctx, true); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = inst.EnforceIAM(context.Background(), false) })
	// Enforcement is on: the dummy keys belong to nobody.
	if _, err := iam.NewFromConfig(dummy).ListRoles(ctx, &iam.ListRolesInput{}); code(err) != "InvalidClientTokenId" {
		t.Fatalf("with enforcement on, the dummy keys were not refused: %v", err)
	}

	t.Run("plan role plans global-iam and tm-dev", func(t *testing.T) {
		as(t, keys[planRole])
		began := time.Now()
		if r := clitest.Infra(t, state, "", "--local", "plan", "global-iam"); r.Code != cli.ExitOK || !strings.Contains(r.Out, "no changes") {
			t.Errorf("plan of global-iam under the plan role: want exit 0, no changes:\n%s", r)
		}
		// A first plan of an environment: the data sources' reads, the
		// lock, and the secrets module's ephemeral random password.
		if r := clitest.Infra(t, state, "", "--local", "plan", "tm-dev"); r.Code != cli.ExitChanges {
			t.Errorf("plan of tm-dev under the plan role: want exit 2 (changes):\n%s", r)
		}
		t.Logf("two plans under the plan role in %s", time.Since(began).Round(time.Second))
	})

	t.Run("plan role cannot write", func(t *testing.T) {
		c := iam.NewFromConfig(with(dummy, keys[planRole]))
		_, err := c.CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String("dev-taskmanager-x"), AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[]}`)})
		if code(err) != "AccessDenied" {
			t.Errorf("iam:CreateRole under the plan role: want AccessDenied, got %v", err)
		}
	})

	t.Run("apply role reads but cannot change the CI roles", func(t *testing.T) {
		c := iam.NewFromConfig(with(dummy, keys[applyRole]))
		// The guard rail denies changes only: a refresh of global-iam reads these.
		if _, err := c.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(applyRole)}); err != nil {
			t.Errorf("iam:GetRole on its own role under the apply role: %v", err)
		}
		for _, role := range []string{applyRole, planRole} {
			_, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(role), PolicyName: aws.String("widen"),
				PolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)})
			if code(err) != "AccessDenied" {
				t.Errorf("iam:PutRolePolicy on %s under the apply role: want AccessDenied, got %v", role, err)
			}
		}
		_, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(applyRole), PolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")})
		if code(err) != "AccessDenied" {
			t.Errorf("iam:AttachRolePolicy on its own role under the apply role: want AccessDenied, got %v", err)
		}
		// The state key: usable (the backend encrypts with it), not destroyable.
		k := kms.NewFromConfig(with(dummy, keys[applyRole]))
		key, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String("alias/taskmanager-terraform-state")})
		if err != nil {
			t.Fatalf("kms:DescribeKey of the state key under the apply role: %v", err)
		}
		_, err = k.ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: key.KeyMetadata.KeyId, PendingWindowInDays: aws.Int32(7)})
		if code(err) != "AccessDeniedException" {
			t.Errorf("kms:ScheduleKeyDeletion of the state key under the apply role: want AccessDeniedException, got %v", err)
		}
		as(t, keys[applyRole])
		if r := clitest.Infra(t, state, "", "--local", "plan", "global-iam"); r.Code != cli.ExitOK {
			t.Errorf("plan (refresh) of global-iam under the apply role: want exit 0:\n%s", r)
		}
	})
	t.Logf("total %s", time.Since(start).Round(time.Second))
}

// adminKeys creates an IAM user with AdministratorAccess and returns its keys.
func adminKeys(t *testing.T, ctx context.Context, c *iam.Client) target.Credentials {
	t.Helper()
	name := aws.String("ci-administrator")
	clitest.Must(c.CreateUser(ctx, &iam.CreateUserInput{UserName: name}))(t)
	clitest.Must(c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: name, PolicyArn: aws.String("arn:aws:iam::aws:policy/AdministratorAccess")}))(t)
	k := clitest.Must(c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: name}))(t)
	return target.Credentials{AccessKeyID: aws.ToString(k.AccessKey.AccessKeyId), SecretAccessKey: aws.ToString(k.AccessKey.SecretAccessKey)}
}

// with is cfg signing with c.
func with(cfg aws.Config, c target.Credentials) aws.Config {
	cfg = cfg.Copy()
	cfg.Credentials = credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, c.SessionToken)
	return cfg
}

// as makes the in-process CLI sign its local-mode requests with c.
func as(t *testing.T, c target.Credentials) {
	t.Setenv(target.EnvLocalAccessKeyID, c.AccessKeyID)
	t.Setenv(target.EnvLocalSecretAccessKey, c.SecretAccessKey)
	t.Setenv(target.EnvLocalSessionToken, c.SessionToken)
}

func code(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}
