package emulator_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
)

func testRDSRules(t *testing.T, ctx context.Context, cfg aws.Config, net network) {
	c := rds.NewFromConfig(cfg)
	instance := func(id string, edit func(*rds.CreateDBInstanceInput)) error {
		in := &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(id), DBInstanceClass: aws.String("db.t3.micro"),
			Engine: aws.String("mysql"), EngineVersion: aws.String("8.0.39"), MasterUsername: aws.String("admin"),
			MasterUserPassword: aws.String("initial-password-1"), AllocatedStorage: aws.Int32(20), BackupRetentionPeriod: aws.Int32(1)}
		if edit != nil {
			edit(in)
		}
		_, err := c.CreateDBInstance(ctx, in)
		return err
	}
	replica := func(id, source string) error {
		_, err := c.CreateDBInstanceReadReplica(ctx, &rds.CreateDBInstanceReadReplicaInput{DBInstanceIdentifier: aws.String(id),
			SourceDBInstanceIdentifier: aws.String(source)})
		return err
	}

	t.Run("rds-replica-managed-password", func(t *testing.T) {
		accepted(t, instance("managed-src", func(in *rds.CreateDBInstanceInput) {
			in.MasterUserPassword, in.ManageMasterUserPassword = nil, aws.Bool(true)
		}))
		refused(t, replica("managed-src-replica", "managed-src"), "InvalidParameterValue",
			"Creating read replicas for source instance with engine mysql where ManageMasterUserPassword is enabled is not supported.")
		accepted(t, instance("plain-src", nil))
		accepted(t, replica("plain-src-replica", "plain-src"))
	})

	t.Run("rds-replica-needs-backups", func(t *testing.T) {
		accepted(t, instance("nobackup-src", func(in *rds.CreateDBInstanceInput) { in.BackupRetentionPeriod = aws.Int32(0) }))
		refused(t, replica("nobackup-src-replica", "nobackup-src"), "InvalidDBInstanceState",
			"Automated backups are not enabled for this database instance.")
		accepted(t, instance("backup-src", nil))
		accepted(t, replica("backup-src-replica", "backup-src"))
	})

	t.Run("rds-final-snapshot-exists", func(t *testing.T) {
		accepted(t, instance("snapped", nil))
		must(c.CreateDBSnapshot(ctx, &rds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("snapped"),
			DBSnapshotIdentifier: aws.String("snapped-final")}))(t)
		_, err := c.DeleteDBInstance(ctx, &rds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("snapped"),
			FinalDBSnapshotIdentifier: aws.String("snapped-final")})
		refused(t, err, "DBSnapshotAlreadyExists",
			"Cannot create the snapshot because a snapshot with the identifier snapped-final already exists.")
		_, err = c.DeleteDBInstance(ctx, &rds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("snapped"),
			FinalDBSnapshotIdentifier: aws.String("snapped-final-2")})
		accepted(t, err)
	})

	t.Run("rds-final-snapshot-required", func(t *testing.T) {
		accepted(t, instance("unsnapped", nil))
		_, err := c.DeleteDBInstance(ctx, &rds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("unsnapped")})
		refused(t, err, "InvalidParameterCombination", "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.")
		_, err = c.DeleteDBInstance(ctx, &rds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("unsnapped"),
			SkipFinalSnapshot: aws.Bool(true)})
		accepted(t, err)
	})

	t.Run("rds-identifier", func(t *testing.T) {
		for _, id := range []string{"1st-db", "db--two", "db-", "db_one", "d" + strings.Repeat("b", 63)} {
			refused(t, instance(id, nil), "InvalidParameterValue", "The parameter DBInstanceIdentifier is not a valid identifier.")
		}
		accepted(t, instance("d"+strings.Repeat("b", 62), nil))
		_, err := c.CreateDBSnapshot(ctx, &rds.CreateDBSnapshotInput{DBInstanceIdentifier: aws.String("plain-src"),
			DBSnapshotIdentifier: aws.String("final--snap")})
		refused(t, err, "InvalidParameterValue", "The parameter DBSnapshotIdentifier is not a valid identifier.")
	})

	t.Run("rds-password-characters", func(t *testing.T) {
		for _, pw := range []string{"pass@word1", "pass/word1", `pass"word1`, "pass word1"} {
			refused(t, instance("pw-chars", func(in *rds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String(pw) }),
				"InvalidParameterValue", "Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.")
		}
		accepted(t, instance("pw-chars", func(in *rds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String("pass#word!1") }))
	})

	t.Run("rds-password-length", func(t *testing.T) {
		refused(t, instance("pw-short", func(in *rds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String("seven77") }),
			"InvalidParameterValue", "is not a valid password because it is shorter than 8 characters.")
		refused(t, instance("pw-long", func(in *rds.CreateDBInstanceInput) { in.MasterUserPassword = aws.String(strings.Repeat("p", 42)) }),
			"InvalidParameterValue", "is not a valid password because it is longer than 41 characters.")
		accepted(t, instance("pw-long-pg", func(in *rds.CreateDBInstanceInput) {
			in.Engine, in.EngineVersion, in.MasterUserPassword = aws.String("postgres"), aws.String("16.4"), aws.String(strings.Repeat("p", 42))
		}))
	})

	t.Run("rds-engine-version", func(t *testing.T) {
		pg := func(version string) func(*rds.CreateDBInstanceInput) {
			return func(in *rds.CreateDBInstanceInput) {
				in.Engine, in.EngineVersion = aws.String("postgres"), aws.String(version)
			}
		}
		refused(t, instance("pg-sixteen-zero", pg("16.0")), "InvalidParameterCombination", "Cannot find version 16.0 for postgres")
		accepted(t, instance("pg-sixteen-four", pg("16.4")))
		accepted(t, instance("pg-sixteen", pg("16")))
	})

	t.Run("rds-monitoring-role", func(t *testing.T) {
		refused(t, instance("monitored", func(in *rds.CreateDBInstanceInput) { in.MonitoringInterval = aws.Int32(60) }),
			"InvalidParameterCombination", "A MonitoringRoleARN value is required if you specify a MonitoringInterval value other than 0.")
		accepted(t, instance("monitored", func(in *rds.CreateDBInstanceInput) {
			in.MonitoringInterval, in.MonitoringRoleArn = aws.Int32(60), aws.String("arn:aws:iam::123456789012:role/rds-monitoring")
		}))
	})

	t.Run("rds-subnet-group-azs", func(t *testing.T) {
		group := func(name string, subnets ...string) error {
			_, err := c.CreateDBSubnetGroup(ctx, &rds.CreateDBSubnetGroupInput{DBSubnetGroupName: aws.String(name),
				DBSubnetGroupDescription: aws.String("rules"), SubnetIds: subnets})
			return err
		}
		refused(t, group("one-zone", net.a1, net.a2), "DBSubnetGroupDoesNotCoverEnoughAZs",
			"The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. Current AZ coverage: us-east-1a. Add subnets to cover at least 2 AZs.")
		accepted(t, group("two-zones", net.a1, net.b1))
	})
}
