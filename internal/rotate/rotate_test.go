package rotate_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/taskmanager-platform/infra/internal/awsx"
	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/emulator/emulatortest"
	"github.com/taskmanager-platform/infra/internal/rotate"
)

// A rotation on the emulator: the instance takes the new password (its old
// one no longer logs in, on the primary or the replica), the secret's
// current version holds it and the previous one is kept; an interrupted
// rotation is resumed with its pending password.
func TestRotate(t *testing.T) {
	inst := emulatortest.Start(t)
	client, err := emulator.HTTPClient(inst.CABundle)
	if err != nil {
		t.Fatal(err)
	}
	cfg := awsx.Local(inst.Endpoint, emulator.Region, "test", "test", client)
	ctx := context.Background()
	sm, db := secretsmanager.NewFromConfig(cfg), rds.NewFromConfig(cfg)

	const first = "initialpassword0123456789abcdefABCDEF0123"
	must(t, func() error {
		_, err := db.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String("rot-db"),
			DBInstanceClass: aws.String("db.t3.micro"), Engine: aws.String("mysql"), EngineVersion: aws.String("8.0.39"),
			MasterUsername: aws.String("dbadmin"), MasterUserPassword: aws.String(first), AllocatedStorage: aws.Int32(20),
			BackupRetentionPeriod: aws.Int32(1)})
		return err
	})
	must(t, func() error {
		_, err := db.CreateDBInstanceReadReplica(ctx, &rds.CreateDBInstanceReadReplicaInput{
			DBInstanceIdentifier: aws.String("rot-db-replica"), SourceDBInstanceIdentifier: aws.String("rot-db")})
		return err
	})
	created, err := sm.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String("dev/app/db-master-x"),
		SecretString: aws.String(`{"username":"dbadmin","password":"` + first + `"}`)})
	if err != nil {
		t.Fatal(err)
	}
	target := rotate.Target{SecretID: aws.ToString(created.ARN), InstanceID: "rot-db"}
	login := func(instance, pw string) bool {
		ok, err := emulator.DBLogin(ctx, inst.Endpoint, client, instance, "dbadmin", pw)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	current := func() string {
		out, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(target.SecretID)})
		if err != nil {
			t.Fatal(err)
		}
		var c struct{ Username, Password string }
		if err := json.Unmarshal([]byte(aws.ToString(out.SecretString)), &c); err != nil {
			t.Fatal(err)
		}
		if c.Username != "dbadmin" {
			t.Fatalf("user name %q after rotation, want dbadmin kept", c.Username)
		}
		return c.Password
	}
	if !login("rot-db", first) || login("rot-db", "wrong-password") {
		t.Fatal("the login stand-in must accept exactly the master password")
	}

	res, err := rotate.Rotate(ctx, sm, db, target, rotate.Options{Poll: 10 * time.Millisecond, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	second := current()
	if second == first || len(second) != rotate.PasswordLength || res.Resumed || res.CurrentVersion == res.PreviousVersion {
		t.Fatalf("rotation result %+v, new password length %d: want a new %d-character password in a new version", res, len(second), rotate.PasswordLength)
	}
	for _, id := range []string{"rot-db", "rot-db-replica"} {
		if !login(id, second) || login(id, first) {
			t.Errorf("%s: after rotation the new password must log in and the old one must not", id)
		}
	}
	prev, err := sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(target.SecretID), VersionStage: aws.String("AWSPREVIOUS")})
	if err != nil || aws.ToString(prev.VersionId) != res.PreviousVersion {
		t.Errorf("AWSPREVIOUS must be the version before the rotation (%s): %v %v", res.PreviousVersion, prev, err)
	}

	// A rotation that died after storing its pending version resumes with it.
	const pending = "pendingpassword0123456789abcdefABCDEF0123"
	must(t, func() error {
		_, err := sm.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String(target.SecretID),
			SecretString: aws.String(`{"username":"dbadmin","password":"` + pending + `"}`), VersionStages: []string{rotate.StagePending}})
		return err
	})
	res, err = rotate.Rotate(ctx, sm, db, target, rotate.Options{Poll: 10 * time.Millisecond, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Resumed || current() != pending || !login("rot-db", pending) || login("rot-db", second) {
		t.Errorf("an interrupted rotation must be finished with its pending password (resumed %v)", res.Resumed)
	}
	d, err := sm.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(target.SecretID)})
	if err != nil {
		t.Fatal(err)
	}
	for id, stages := range d.VersionIdsToStages {
		for _, s := range stages {
			if s == rotate.StagePending {
				t.Errorf("version %s still carries %s after the rotation finished", id, s)
			}
		}
	}

	// No secret: a clear error, nothing changed.
	if _, err := rotate.Rotate(ctx, sm, db, rotate.Target{SecretID: "missing", InstanceID: "rot-db"}, rotate.Options{}); err == nil {
		t.Error("rotating a missing secret must fail")
	}
	if !login("rot-db", pending) {
		t.Error("a failed rotation must leave the instance's password alone")
	}
}

func must(t *testing.T, f func() error) {
	t.Helper()
	if err := f(); err != nil {
		t.Fatal(err)
	}
}
