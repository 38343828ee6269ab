// Package rotate rotates a database master password held in a Secrets
// Manager secret, in the steps Secrets Manager's own rotation takes (and RDS
// takes for the secrets it manages): create a pending version, set it on the
// instance, wait until the instance uses it, then make it current. Each step
// can be repeated: a rotation that died half-way is resumed from its pending
// version rather than started again, so the instance and the secret never
// disagree for longer than one interrupted run.
package rotate

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// Stages of a secret version, as Secrets Manager names them.
const (
	StageCurrent = "AWSCURRENT"
	StagePending = "AWSPENDING"
)

// PasswordLength fits MySQL's 41-character limit; letters and digits only
// stay clear of the characters RDS refuses (/ " @) and of URL syntax.
const PasswordLength = 41

// Secrets is the part of the Secrets Manager API a rotation uses.
type Secrets interface {
	DescribeSecret(context.Context, *secretsmanager.DescribeSecretInput, ...func(*secretsmanager.Options)) (*secretsmanager.DescribeSecretOutput, error)
	GetSecretValue(context.Context, *secretsmanager.GetSecretValueInput, ...func(*secretsmanager.Options)) (*secretsmanager.GetSecretValueOutput, error)
	GetRandomPassword(context.Context, *secretsmanager.GetRandomPasswordInput, ...func(*secretsmanager.Options)) (*secretsmanager.GetRandomPasswordOutput, error)
	PutSecretValue(context.Context, *secretsmanager.PutSecretValueInput, ...func(*secretsmanager.Options)) (*secretsmanager.PutSecretValueOutput, error)
	UpdateSecretVersionStage(context.Context, *secretsmanager.UpdateSecretVersionStageInput, ...func(*secretsmanager.Options)) (*secretsmanager.UpdateSecretVersionStageOutput, error)
}

// Instances is the part of the RDS API a rotation uses.
type Instances interface {
	ModifyDBInstance(context.Context, *rds.ModifyDBInstanceInput, ...func(*rds.Options)) (*rds.ModifyDBInstanceOutput, error)
	DescribeDBInstances(context.Context, *rds.DescribeDBInstancesInput, ...func(*rds.Options)) (*rds.DescribeDBInstancesOutput, error)
}

// Target is a master secret and the instance whose password it holds.
type Target struct {
	SecretID   string // ARN or name
	InstanceID string // DB instance identifier (the primary; replicas follow it)
}

// Options tune the wait for the instance.
type Options struct {
	Poll    time.Duration // between DescribeDBInstances calls (default 10 s)
	Timeout time.Duration // for the instance to apply the password (default 20 min)
}

// Result says what a rotation did.
type Result struct {
	PreviousVersion string
	CurrentVersion  string
	Resumed         bool // an interrupted rotation's pending version was used
}

// credentials is the secret's JSON: an RDS-managed master secret's shape.
type credentials struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// Rotate gives the instance a new master password and makes it the secret's
// current version.
func Rotate(ctx context.Context, sm Secrets, db Instances, t Target, o Options) (Result, error) {
	if o.Poll == 0 {
		o.Poll = 10 * time.Second
	}
	if o.Timeout == 0 {
		o.Timeout = 20 * time.Minute
	}
	desc, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(t.SecretID)})
	if err != nil {
		return Result{}, fmt.Errorf("reading secret %s: %w", t.SecretID, err)
	}
	current, pending := "", ""
	for id, stages := range desc.VersionIdsToStages {
		for _, s := range stages {
			switch s {
			case StageCurrent:
				current = id
			case StagePending:
				pending = id
			}
		}
	}
	if current == "" {
		return Result{}, fmt.Errorf("secret %s has no %s version: apply the stack first", t.SecretID, StageCurrent)
	}
	res := Result{PreviousVersion: current}
	if pending != "" && pending != current {
		res.Resumed = true
	} else {
		if pending, err = createPending(ctx, sm, t.SecretID, current); err != nil {
			return Result{}, err
		}
	}
	next, err := value(ctx, sm, t.SecretID, pending)
	if err != nil {
		return Result{}, err
	}
	if _, err := db.ModifyDBInstance(ctx, &rds.ModifyDBInstanceInput{
		DBInstanceIdentifier: aws.String(t.InstanceID),
		MasterUserPassword:   aws.String(next.Password),
		ApplyImmediately:     aws.Bool(true),
	}); err != nil {
		return Result{}, fmt.Errorf("setting the new master password on %s (the secret still holds the old one as %s; run the rotation again): %w", t.InstanceID, StageCurrent, err)
	}
	if err := waitApplied(ctx, db, t.InstanceID, o); err != nil {
		return Result{}, err
	}
	if _, err := sm.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
		SecretId: aws.String(t.SecretID), VersionStage: aws.String(StageCurrent),
		MoveToVersionId: aws.String(pending), RemoveFromVersionId: aws.String(current),
	}); err != nil {
		return Result{}, fmt.Errorf("making version %s of %s current (the instance already uses it; run the rotation again to finish): %w", pending, t.SecretID, err)
	}
	if _, err := sm.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
		SecretId: aws.String(t.SecretID), VersionStage: aws.String(StagePending),
		RemoveFromVersionId: aws.String(pending),
	}); err != nil {
		return Result{}, fmt.Errorf("clearing %s of %s: %w", StagePending, t.SecretID, err)
	}
	res.CurrentVersion = pending
	return res, nil
}

// createPending stores a new password as the AWSPENDING version, keeping the
// current version's user name.
func createPending(ctx context.Context, sm Secrets, secretID, current string) (string, error) {
	cur, err := value(ctx, sm, secretID, current)
	if err != nil {
		return "", err
	}
	pw, err := sm.GetRandomPassword(ctx, &secretsmanager.GetRandomPasswordInput{
		PasswordLength: aws.Int64(PasswordLength), ExcludePunctuation: aws.Bool(true),
	})
	if err != nil {
		return "", fmt.Errorf("generating a password: %w", err)
	}
	body, err := json.Marshal(credentials{Username: cur.Username, Password: aws.ToString(pw.RandomPassword)})
	if err != nil {
		return "", err
	}
	out, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{
		SecretId: aws.String(secretID), SecretString: aws.String(string(body)),
		VersionStages: []string{StagePending},
	})
	if err != nil {
		return "", fmt.Errorf("storing the pending password in %s: %w", secretID, err)
	}
	return aws.ToString(out.VersionId), nil
}

func value(ctx context.Context, sm Secrets, secretID, version string) (credentials, error) {
	out, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretID), VersionId: aws.String(version)})
	if err != nil {
		return credentials{}, fmt.Errorf("reading version %s of %s: %w", version, secretID, err)
	}
	var c credentials
	if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &c); err != nil || c.Username == "" || c.Password == "" {
		return credentials{}, fmt.Errorf("version %s of %s is not JSON with username and password", version, secretID)
	}
	return c, nil
}

// errTimeout is returned when the instance did not apply the password in time.
var errTimeout = errors.New("timed out")

// waitApplied waits until the instance is available with no master password
// change pending: RDS applies it asynchronously.
func waitApplied(ctx context.Context, db Instances, id string, o Options) error {
	deadline := time.Now().Add(o.Timeout)
	for {
		out, err := db.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", id, err)
		}
		if len(out.DBInstances) == 1 {
			in := out.DBInstances[0]
			pendingPW := in.PendingModifiedValues != nil && in.PendingModifiedValues.MasterUserPassword != nil
			if aws.ToString(in.DBInstanceStatus) == "available" && !pendingPW {
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waiting for %s to apply the new password: %w after %s (the secret still holds the old one; run the rotation again)", id, errTimeout, o.Timeout)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(o.Poll):
		}
	}
}
