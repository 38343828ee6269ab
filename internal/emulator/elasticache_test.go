package emulator_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	ectypes "github.com/aws/aws-sdk-go-v2/service/elasticache/types"
	"github.com/google/go-cmp/cmp"
)

// Fill-in elasticache: members, parameter groups, subnet groups, user groups, tags.
func testElastiCache(t *testing.T, ctx context.Context, cfg aws.Config) {
	c := elasticache.NewFromConfig(cfg)
	e := ec2.NewFromConfig(cfg)
	vpc := must(e.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.9.0.0/16")}))(t).Vpc.VpcId
	var subnets []string
	for _, cidr := range []string{"10.9.1.0/24", "10.9.2.0/24"} {
		subnets = append(subnets, aws.ToString(must(e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: vpc, CidrBlock: aws.String(cidr)}))(t).Subnet.SubnetId))
	}
	sg := must(e.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{GroupName: aws.String("cache"), Description: aws.String("cache"), VpcId: vpc}))(t).GroupId

	subnetGroup := must(c.CreateCacheSubnetGroup(ctx, &elasticache.CreateCacheSubnetGroupInput{CacheSubnetGroupName: aws.String("cache-subnets"),
		CacheSubnetGroupDescription: aws.String("d"), SubnetIds: subnets[:1],
		Tags: []ectypes.Tag{{Key: aws.String("team"), Value: aws.String("a")}}}))(t).CacheSubnetGroup
	modified := must(c.ModifyCacheSubnetGroup(ctx, &elasticache.ModifyCacheSubnetGroupInput{CacheSubnetGroupName: aws.String("cache-subnets"), SubnetIds: subnets}))(t).CacheSubnetGroup
	if len(modified.Subnets) != 2 || modified.Subnets[0].SubnetAvailabilityZone == nil || aws.ToString(modified.Subnets[0].SubnetAvailabilityZone.Name) == "" {
		t.Errorf("ModifyCacheSubnetGroup: subnets %+v", modified.Subnets)
	}

	pg := must(c.CreateCacheParameterGroup(ctx, &elasticache.CreateCacheParameterGroupInput{CacheParameterGroupName: aws.String("redis7-app"),
		CacheParameterGroupFamily: aws.String("redis7"), Description: aws.String("app")}))(t).CacheParameterGroup
	must(c.ModifyCacheParameterGroup(ctx, &elasticache.ModifyCacheParameterGroupInput{CacheParameterGroupName: aws.String("redis7-app"),
		ParameterNameValues: []ectypes.ParameterNameValue{{ParameterName: aws.String("maxmemory-policy"), ParameterValue: aws.String("allkeys-lru")}}}))(t)
	params := must(c.DescribeCacheParameters(ctx, &elasticache.DescribeCacheParametersInput{CacheParameterGroupName: aws.String("redis7-app"), Source: aws.String("user")}))(t).Parameters
	if len(params) != 1 || aws.ToString(params[0].ParameterValue) != "allkeys-lru" || aws.ToString(params[0].Source) != "user" {
		t.Errorf("DescribeCacheParameters Source=user: %+v", params)
	}
	if got := must(c.DescribeCacheParameterGroups(ctx, &elasticache.DescribeCacheParameterGroupsInput{CacheParameterGroupName: aws.String("default.redis7")}))(t).CacheParameterGroups; len(got) != 1 {
		t.Errorf("default.redis7 not described: %+v", got)
	}

	user := must(c.CreateUser(ctx, &elasticache.CreateUserInput{UserId: aws.String("app"), UserName: aws.String("app"), Engine: aws.String("redis"),
		AccessString: aws.String("on ~* +@all"), AuthenticationMode: &ectypes.AuthenticationMode{Type: ectypes.InputAuthenticationTypeIam}}))(t)
	if user.Authentication == nil || user.Authentication.Type != ectypes.AuthenticationTypeIam {
		t.Errorf("user authentication %+v, want iam", user.Authentication)
	}
	if got := must(c.ModifyUser(ctx, &elasticache.ModifyUserInput{UserId: aws.String("app"), AccessString: aws.String("on ~app:* +@all")}))(t); aws.ToString(got.AccessString) != "on ~app:* +@all" {
		t.Errorf("ModifyUser access string %q", aws.ToString(got.AccessString))
	}
	group := must(c.CreateUserGroup(ctx, &elasticache.CreateUserGroupInput{UserGroupId: aws.String("app-users"), Engine: aws.String("redis"),
		UserIds: []string{"default", "app"}}))(t)
	if aws.ToString(group.Status) != "active" {
		t.Errorf("user group status %q", aws.ToString(group.Status))
	}

	rg := must(c.CreateReplicationGroup(ctx, &elasticache.CreateReplicationGroupInput{ReplicationGroupId: aws.String("sessions"),
		ReplicationGroupDescription: aws.String("d"), NumCacheClusters: aws.Int32(2), AutomaticFailoverEnabled: aws.Bool(true),
		MultiAZEnabled: aws.Bool(true), CacheNodeType: aws.String("cache.t4g.micro"), Engine: aws.String("redis"), EngineVersion: aws.String("7.1"),
		CacheParameterGroupName: pg.CacheParameterGroupName, CacheSubnetGroupName: subnetGroup.CacheSubnetGroupName, SecurityGroupIds: []string{aws.ToString(sg)},
		AtRestEncryptionEnabled: aws.Bool(true), TransitEncryptionEnabled: aws.Bool(true), UserGroupIds: []string{"app-users"}}))(t).ReplicationGroup
	if d := cmp.Diff([]string{"sessions-001", "sessions-002"}, rg.MemberClusters); d != "" {
		t.Errorf("member clusters (-want +got):\n%s", d)
	}
	if rg.AutomaticFailover != ectypes.AutomaticFailoverStatusEnabled || rg.MultiAZ != ectypes.MultiAZStatusEnabled ||
		!aws.ToBool(rg.AtRestEncryptionEnabled) || !aws.ToBool(rg.TransitEncryptionEnabled) {
		t.Errorf("replication group settings %+v", rg)
	}
	for _, id := range rg.MemberClusters {
		cl := must(c.DescribeCacheClusters(ctx, &elasticache.DescribeCacheClustersInput{CacheClusterId: aws.String(id)}))(t).CacheClusters[0]
		if aws.ToString(cl.ReplicationGroupId) != "sessions" || len(cl.SecurityGroups) != 1 ||
			aws.ToString(cl.SecurityGroups[0].SecurityGroupId) != aws.ToString(sg) ||
			cl.CacheParameterGroup == nil || aws.ToString(cl.CacheParameterGroup.CacheParameterGroupName) != "redis7-app" {
			t.Errorf("member %s: %+v", id, cl)
		}
	}
	if got := must(c.DescribeUserGroups(ctx, &elasticache.DescribeUserGroupsInput{UserGroupId: aws.String("app-users")}))(t).UserGroups[0].ReplicationGroups; len(got) != 1 {
		t.Errorf("user group replication groups %v", got)
	}

	mod := must(c.ModifyReplicationGroup(ctx, &elasticache.ModifyReplicationGroupInput{ReplicationGroupId: aws.String("sessions"),
		SnapshotRetentionLimit: aws.Int32(3), SnapshotWindow: aws.String("02:00-03:00"), ApplyImmediately: aws.Bool(true),
		LogDeliveryConfigurations: []ectypes.LogDeliveryConfigurationRequest{{LogType: ectypes.LogTypeSlowLog,
			DestinationType: ectypes.DestinationTypeCloudWatchLogs, LogFormat: ectypes.LogFormatJson, Enabled: aws.Bool(true),
			DestinationDetails: &ectypes.DestinationDetails{CloudWatchLogsDetails: &ectypes.CloudWatchLogsDestinationDetails{LogGroup: aws.String("/cache/slow")}}}}}))(t).ReplicationGroup
	if aws.ToInt32(mod.SnapshotRetentionLimit) != 3 || aws.ToString(mod.SnapshotWindow) != "02:00-03:00" {
		t.Errorf("ModifyReplicationGroup: retention %d window %q", aws.ToInt32(mod.SnapshotRetentionLimit), aws.ToString(mod.SnapshotWindow))
	}
	if len(mod.LogDeliveryConfigurations) != 1 || mod.LogDeliveryConfigurations[0].LogType != ectypes.LogTypeSlowLog {
		t.Errorf("log delivery %+v", mod.LogDeliveryConfigurations)
	}

	for _, arn := range []*string{rg.ARN, pg.ARN, subnetGroup.ARN, user.ARN, group.ARN} {
		must(c.AddTagsToResource(ctx, &elasticache.AddTagsToResourceInput{ResourceName: arn, Tags: []ectypes.Tag{{Key: aws.String("env"), Value: aws.String("dev")}}}))(t)
		must(c.RemoveTagsFromResource(ctx, &elasticache.RemoveTagsFromResourceInput{ResourceName: arn, TagKeys: []string{"team"}}))(t)
		tags := must(c.ListTagsForResource(ctx, &elasticache.ListTagsForResourceInput{ResourceName: arn}))(t).TagList
		if len(tags) != 1 || aws.ToString(tags[0].Key) != "env" {
			t.Errorf("tags of %s: %+v", aws.ToString(arn), tags)
		}
	}

	solo := must(c.CreateCacheCluster(ctx, &elasticache.CreateCacheClusterInput{CacheClusterId: aws.String("solo"), CacheNodeType: aws.String("cache.t4g.micro"),
		Engine: aws.String("redis"), NumCacheNodes: aws.Int32(1), SecurityGroupIds: []string{aws.ToString(sg)}}))(t).CacheCluster
	if len(solo.SecurityGroups) != 1 {
		t.Errorf("standalone cluster security groups %+v", solo.SecurityGroups)
	}
	must(c.DeleteCacheCluster(ctx, &elasticache.DeleteCacheClusterInput{CacheClusterId: aws.String("solo")}))(t)
	if _, err := c.DescribeCacheClusters(ctx, &elasticache.DescribeCacheClustersInput{CacheClusterId: aws.String("solo")}); err == nil {
		t.Error("standalone cluster still described after delete")
	}

	must(c.DeleteReplicationGroup(ctx, &elasticache.DeleteReplicationGroupInput{ReplicationGroupId: aws.String("sessions")}))(t)
	if _, err := c.DescribeReplicationGroups(ctx, &elasticache.DescribeReplicationGroupsInput{ReplicationGroupId: aws.String("sessions")}); err == nil {
		t.Error("replication group still described after delete")
	}
	if _, err := c.DescribeCacheClusters(ctx, &elasticache.DescribeCacheClustersInput{CacheClusterId: aws.String("sessions-001")}); err == nil {
		t.Error("member cluster still described after the group's delete")
	}
	must(c.DeleteUserGroup(ctx, &elasticache.DeleteUserGroupInput{UserGroupId: aws.String("app-users")}))(t)
	must(c.DeleteUser(ctx, &elasticache.DeleteUserInput{UserId: aws.String("app")}))(t)
	must(c.DeleteCacheParameterGroup(ctx, &elasticache.DeleteCacheParameterGroupInput{CacheParameterGroupName: aws.String("redis7-app")}))(t)
	must(c.DeleteCacheSubnetGroup(ctx, &elasticache.DeleteCacheSubnetGroupInput{CacheSubnetGroupName: aws.String("cache-subnets")}))(t)
	for name, call := range map[string]func() error{
		"user group": func() error {
			_, err := c.DescribeUserGroups(ctx, &elasticache.DescribeUserGroupsInput{UserGroupId: aws.String("app-users")})
			return err
		},
		"user": func() error {
			_, err := c.DescribeUsers(ctx, &elasticache.DescribeUsersInput{UserId: aws.String("app")})
			return err
		},
		"parameter group": func() error {
			_, err := c.DescribeCacheParameterGroups(ctx, &elasticache.DescribeCacheParameterGroupsInput{CacheParameterGroupName: aws.String("redis7-app")})
			return err
		},
		"subnet group": func() error {
			_, err := c.DescribeCacheSubnetGroups(ctx, &elasticache.DescribeCacheSubnetGroupsInput{CacheSubnetGroupName: aws.String("cache-subnets")})
			return err
		},
	} {
		if call() == nil {
			t.Errorf("%s still described after delete", name)
		}
	}
}
