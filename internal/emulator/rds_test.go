package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
)

// Fill-in rds: unique DbiResourceId, parameter Source=user, reserved instances (and their tags).
// Replicas need a source with a plain MasterUserPassword (AWS refuses replicas of a source whose
// password RDS manages: rule rds-replica-managed-password) and automated backups.
func testRDS(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := rds.NewFromConfig(cfg)

	t.Run("DbiResourceId is unique per instance and replica", func(t *testing.T) {
		for _, id := range []string{"db-one", "db-two"} {
			must(c.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(id),
				DBInstanceClass: aws.String("db.t3.micro"), Engine: aws.String("postgres"), EngineVersion: aws.String("16.4"),
				MasterUsername: aws.String("app"), MasterUserPassword: aws.String("initial-password-1"), AllocatedStorage: aws.Int32(20),
				BackupRetentionPeriod: aws.Int32(1)}))(t)
		}
		must(c.CreateDBInstanceReadReplica(ctx, &rds.CreateDBInstanceReadReplicaInput{
			DBInstanceIdentifier: aws.String("db-one-replica"), SourceDBInstanceIdentifier: aws.String("db-one")}))(t)
		seen := map[string]string{}
		for _, db := range must(c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{}))(t).DBInstances {
			id := aws.ToString(db.DbiResourceId)
			if other, dup := seen[id]; dup {
				t.Errorf("%s and %s share DbiResourceId %s", other, aws.ToString(db.DBInstanceIdentifier), id)
			}
			seen[id] = aws.ToString(db.DBInstanceIdentifier)
		}
		found := must(c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{Filters: []rdstypes.Filter{{
			Name: aws.String("dbi-resource-id"), Values: []string{keyOf(seen, "db-one-replica")}}}}))(t).DBInstances
		if len(found) != 1 || aws.ToString(found[0].DBInstanceIdentifier) != "db-one-replica" {
			t.Errorf("lookup of the replica by DbiResourceId found %d instances", len(found))
		}
	})

	t.Run("a replica takes the request's settings, not the primary's", func(t *testing.T) {
		must(c.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String("db-ha"),
			DBInstanceClass: aws.String("db.t3.micro"), Engine: aws.String("mysql"), EngineVersion: aws.String("8.0.39"),
			MasterUsername: aws.String("app"), MasterUserPassword: aws.String("initial-password-1"), AllocatedStorage: aws.Int32(20),
			MultiAZ: aws.Bool(true), EnableIAMDatabaseAuthentication: aws.Bool(true), DeletionProtection: aws.Bool(true),
			BackupRetentionPeriod: aws.Int32(7)}))(t)
		must(c.CreateDBInstanceReadReplica(ctx, &rds.CreateDBInstanceReadReplicaInput{
			DBInstanceIdentifier: aws.String("db-ha-replica"), SourceDBInstanceIdentifier: aws.String("db-ha")}))(t)
		r := must(c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("db-ha-replica")}))(t).DBInstances[0]
		if aws.ToBool(r.MultiAZ) || aws.ToBool(r.IAMDatabaseAuthenticationEnabled) || aws.ToBool(r.DeletionProtection) || aws.ToInt32(r.BackupRetentionPeriod) != 0 {
			t.Errorf("replica multi-AZ %v, IAM auth %v, deletion protection %v, backups %d; want AWS's defaults (false, false, false, 0)",
				aws.ToBool(r.MultiAZ), aws.ToBool(r.IAMDatabaseAuthenticationEnabled), aws.ToBool(r.DeletionProtection), aws.ToInt32(r.BackupRetentionPeriod))
		}
	})

	t.Run("ModifyDBInstance backup settings are read back", func(t *testing.T) {
		must(c.ModifyDBInstance(ctx, &rds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("db-two"),
			BackupRetentionPeriod: aws.Int32(14), PreferredBackupWindow: aws.String("03:00-04:00"),
			PreferredMaintenanceWindow: aws.String("sun:05:00-sun:06:00"), ApplyImmediately: aws.Bool(true)}))(t)
		db := must(c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("db-two")}))(t).DBInstances[0]
		if aws.ToInt32(db.BackupRetentionPeriod) != 14 || aws.ToString(db.PreferredBackupWindow) != "03:00-04:00" ||
			aws.ToString(db.PreferredMaintenanceWindow) != "sun:05:00-sun:06:00" {
			t.Errorf("got retention %d, backup window %q, maintenance window %q", aws.ToInt32(db.BackupRetentionPeriod),
				aws.ToString(db.PreferredBackupWindow), aws.ToString(db.PreferredMaintenanceWindow))
		}
	})

	t.Run("touching backup and maintenance windows are accepted, overlapping ones refused", func(t *testing.T) {
		for _, tc := range []struct {
			maintenance string
			ok          bool
		}{{"sun:04:00-sun:05:00", true}, {"sun:03:30-sun:04:30", false}} {
			_, err := c.ModifyDBInstance(ctx, &rds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("db-two"),
				PreferredBackupWindow: aws.String("03:00-04:00"), PreferredMaintenanceWindow: aws.String(tc.maintenance),
				ApplyImmediately: aws.Bool(true)})
			if (err == nil) != tc.ok {
				t.Errorf("backup 03:00-04:00, maintenance %s: error %v, want accepted=%v", tc.maintenance, err, tc.ok)
			}
		}
	})

	t.Run("parameters set by the user have Source=user", func(t *testing.T) {
		must(c.CreateDBParameterGroup(ctx, &rds.CreateDBParameterGroupInput{DBParameterGroupName: aws.String("pg16"),
			DBParameterGroupFamily: aws.String("postgres16"), Description: aws.String("test")}))(t)
		must(c.ModifyDBParameterGroup(ctx, &rds.ModifyDBParameterGroupInput{DBParameterGroupName: aws.String("pg16"),
			Parameters: []rdstypes.Parameter{{ParameterName: aws.String("log_min_duration_statement"), ParameterValue: aws.String("500"),
				ApplyMethod: rdstypes.ApplyMethodImmediate}}}))(t)
		for _, tc := range []struct {
			source string
			want   int
		}{{"user", 1}, {"engine-default", 0}} {
			ps := must(c.DescribeDBParameters(ctx, &rds.DescribeDBParametersInput{DBParameterGroupName: aws.String("pg16"),
				Source: aws.String(tc.source)}))(t).Parameters
			if len(ps) != tc.want {
				t.Fatalf("Source=%s: %d parameters, want %d", tc.source, len(ps), tc.want)
			}
			if tc.want == 1 && (aws.ToString(ps[0].Source) != "user" || aws.ToString(ps[0].ParameterValue) != "500") {
				t.Errorf("parameter %+v, want Source user and value 500", ps[0])
			}
		}
	})

	t.Run("reserved instances", func(t *testing.T) {
		tests := []struct {
			name string
			in   rds.DescribeReservedDBInstancesOfferingsInput
			want int
		}{
			{"one exact offering", rds.DescribeReservedDBInstancesOfferingsInput{DBInstanceClass: aws.String("db.r6g.large"),
				Duration: aws.String("31536000"), ProductDescription: aws.String("postgresql"),
				OfferingType: aws.String("No Upfront"), MultiAZ: aws.Bool(false)}, 1},
			{"duration in years", rds.DescribeReservedDBInstancesOfferingsInput{DBInstanceClass: aws.String("db.t3.medium"),
				Duration: aws.String("3"), ProductDescription: aws.String("mysql"), OfferingType: aws.String("All Upfront"),
				MultiAZ: aws.Bool(true)}, 1},
			{"all offering types and AZ modes", rds.DescribeReservedDBInstancesOfferingsInput{DBInstanceClass: aws.String("db.r6g.xlarge"),
				Duration: aws.String("94608000"), ProductDescription: aws.String("postgresql")}, 6},
			{"unknown class", rds.DescribeReservedDBInstancesOfferingsInput{DBInstanceClass: aws.String("db.x9.huge")}, 0},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got := must(c.DescribeReservedDBInstancesOfferings(ctx, &tc.in))(t).ReservedDBInstancesOfferings
				if len(got) != tc.want {
					t.Errorf("%d offerings, want %d", len(got), tc.want)
				}
			})
		}
		offering := must(c.DescribeReservedDBInstancesOfferings(ctx, &tests[0].in))(t).ReservedDBInstancesOfferings[0]
		bought := must(c.PurchaseReservedDBInstancesOffering(ctx, &rds.PurchaseReservedDBInstancesOfferingInput{
			ReservedDBInstancesOfferingId: offering.ReservedDBInstancesOfferingId, ReservedDBInstanceId: aws.String("ri-one"),
			DBInstanceCount: aws.Int32(1), Tags: []rdstypes.Tag{{Key: aws.String("Project"), Value: aws.String("hms")}}}))(t).ReservedDBInstance
		if aws.ToString(bought.State) != "active" || aws.ToString(bought.DBInstanceClass) != "db.r6g.large" {
			t.Errorf("purchased %+v", bought)
		}
		got := must(c.DescribeReservedDBInstances(ctx, &rds.DescribeReservedDBInstancesInput{ReservedDBInstanceId: aws.String("ri-one")}))(t).ReservedDBInstances
		if len(got) != 1 || aws.ToString(got[0].ReservedDBInstancesOfferingId) != aws.ToString(offering.ReservedDBInstancesOfferingId) {
			t.Errorf("DescribeReservedDBInstances: %+v", got)
		}
		if _, err := c.DescribeReservedDBInstances(ctx, &rds.DescribeReservedDBInstancesInput{ReservedDBInstanceId: aws.String("ri-none")}); err == nil {
			t.Error("unknown reservation: want an error")
		}

		arn := bought.ReservedDBInstanceArn
		must(c.AddTagsToResource(ctx, &rds.AddTagsToResourceInput{ResourceName: arn,
			Tags: []rdstypes.Tag{{Key: aws.String("Env"), Value: aws.String("dev")}}}))(t)
		must(c.RemoveTagsFromResource(ctx, &rds.RemoveTagsFromResourceInput{ResourceName: arn, TagKeys: []string{"Project"}}))(t)
		tags := must(c.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{ResourceName: arn}))(t).TagList
		if len(tags) != 1 || aws.ToString(tags[0].Key) != "Env" || aws.ToString(tags[0].Value) != "dev" {
			t.Errorf("reservation tags after purchase(Project), add(Env), remove(Project): %+v, want only Env=dev", tags)
		}
		if _, err := c.ListTagsForResource(ctx, &rds.ListTagsForResourceInput{
			ResourceName: aws.String("arn:aws:rds:us-east-1:123456789012:ri:ri-none")}); err == nil {
			t.Error("tags of an unknown reservation: want an error")
		}
	})

	t.Run("replica delete finishes", func(t *testing.T) {
		must(c.DeleteDBInstance(ctx, &rds.DeleteDBInstanceInput{DBInstanceIdentifier: aws.String("db-one-replica"), SkipFinalSnapshot: aws.Bool(true)}))(t)
		if _, err := c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String("db-one-replica")}); err == nil {
			t.Error("replica still described after delete")
		}
	})
}

func keyOf(m map[string]string, value string) string {
	for k, v := range m {
		if v == value {
			return k
		}
	}
	return ""
}
