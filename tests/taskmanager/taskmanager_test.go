// Package taskmanager applies the Task Manager environments of the Task Manager design on
// the local emulator through the infra CLI, the way people run them, and
// checks what the emulator holds against the design's values.
package taskmanager

import (
	"bytes"
	"context"
	"encoding/json"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/applicationautoscaling"
	aastypes "github.com/aws/aws-sdk-go-v2/service/applicationautoscaling/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	ecstypes "github.com/aws/aws-sdk-go-v2/service/ecs/types"
	"github.com/aws/aws-sdk-go-v2/service/elasticache"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
	"github.com/taskmanager-platform/infra/internal/verify"
)

// env is what one environment must look like: the Task Manager design's production sizes,
// staging in production's shape, dev small.
type env struct {
	stack, name, vpcCIDR string
	nat                  int
	db                   dbSpec
	cache                cacheSpec
	api, worker          svcSpec
	logDays              int32
}

type dbSpec struct {
	class, replicaClass string
	multiAZ             bool
	storage, max        int32
	backupDays          int32
	maxConnections      string
	deletionProtection  bool
}

type cacheSpec struct {
	nodeType string
	nodes    int
	failover bool
}

type svcSpec struct {
	cpu, memory             string
	desired, minCap, maxCap int32
}

var envs = []env{
	{stack: "tm-dev", name: "dev", vpcCIDR: "10.10.0.0/16", nat: 1,
		db:    dbSpec{class: "db.t3.micro", storage: 20, max: 100, backupDays: 1, maxConnections: "100"},
		cache: cacheSpec{nodeType: "cache.t4g.micro", nodes: 1},
		api:   svcSpec{"256", "512", 1, 1, 2}, worker: svcSpec{"256", "512", 1, 1, 2}, logDays: 7},
	{stack: "tm-staging", name: "staging", vpcCIDR: "10.20.0.0/16", nat: 2,
		db:    dbSpec{class: "db.t4g.medium", replicaClass: "db.t4g.medium", multiAZ: true, storage: 50, max: 200, backupDays: 7, maxConnections: "200"},
		cache: cacheSpec{nodeType: "cache.t4g.small", nodes: 2, failover: true},
		api:   svcSpec{"512", "1024", 2, 2, 10}, worker: svcSpec{"256", "512", 2, 2, 10}, logDays: 14},
	{stack: "tm-prod", name: "production", vpcCIDR: "10.0.0.0/16", nat: 2,
		db:    dbSpec{class: "db.r6g.xlarge", replicaClass: "db.r6g.large", multiAZ: true, storage: 100, max: 1000, backupDays: 30, maxConnections: "500", deletionProtection: true},
		cache: cacheSpec{nodeType: "cache.r7g.large", nodes: 2, failover: true},
		api:   svcSpec{"1024", "2048", 5, 5, 50}, worker: svcSpec{"512", "1024", 10, 5, 100}, logDays: 30},
}

// emu is the test's emulator, for its database login stand-in.
var emu *emulator.Instance

func TestTaskManagerEnvironments(t *testing.T) {
	state := t.TempDir()
	inst := clitest.LocalEmulator(t, state)
	emu = inst
	cfg := clitest.SDK(t, inst)
	timings := map[string]time.Duration{}
	var mu sync.Mutex
	timed := func(key string, f func()) {
		start := time.Now()
		f()
		mu.Lock()
		timings[key] = time.Since(start)
		mu.Unlock()
	}

	// dev the way the README brings it up (global stacks first), then
	// staging and production through the reviewed plan/apply workflow, side
	// by side (the CLI bounds the terraform processes).
	timed("tm-dev apply", func() { clitest.MustInfra(t, state, "--local", "up", "tm-dev") })
	parallel(t, []string{"tm-staging", "tm-prod"}, func(t *testing.T, stack string) {
		timed(stack+" apply", func() {
			if r := clitest.Infra(t, state, "", "--local", "plan", stack); r.Code != 2 {
				t.Fatalf("first plan of %s should report changes (exit 2): %s", stack, r)
			}
			confirm := ""
			if stack == "tm-prod" {
				confirm = stack + "\n" // production wants its name typed
			}
			if r := clitest.Infra(t, state, confirm, "--local", "apply", stack); r.Code != 0 {
				t.Fatalf("apply %s: %s", stack, r)
			}
		})
	})
	if t.Failed() {
		return
	}

	// Converged: a second plan of every stack right after apply is empty.
	parallel(t, stackNames(), func(t *testing.T, stack string) {
		timed(stack+" second plan", func() {
			if r := clitest.Infra(t, state, "", "--local", "plan", stack); r.Code != 0 {
				t.Errorf("second plan of %s is not empty (want exit 0): %s", stack, r)
			}
		})
		// The converged plan knows every value (policy documents, container
		// definitions): the policy library finds nothing left unwaived.
		timed(stack+" policy", func() {
			if r := clitest.Infra(t, state, "", "--local", "policy", stack); r.Code != 0 || !strings.Contains(r.Out, "no unwaived findings") {
				t.Errorf("policy of %s must have no unwaived findings (want exit 0): %s", stack, r)
			}
		})
	})

	ctx := context.Background()
	for _, e := range envs {
		t.Run(e.name, func(t *testing.T) {
			checkNetwork(t, ctx, cfg, e)
			checkDatabase(t, ctx, cfg, e)
			checkCache(t, ctx, cfg, e)
			checkECS(t, ctx, cfg, e)
			checkDatabaseAccess(t, ctx, cfg, e)
			checkALB(t, ctx, cfg, e)
			checkAlarmsAndLogs(t, ctx, cfg, e)
			checkNoSecretInStateOrPlan(t, ctx, cfg, state, e)
		})
	}

	t.Run("rotation", func(t *testing.T) { rotation(t, ctx, cfg, state, envs[1]) })
	t.Run("day two", func(t *testing.T) { dayTwo(t, ctx, cfg, state) })

	// Production is never destroyed by infra (the emulator teardown takes
	// it); dev and staging are.
	if r := clitest.Infra(t, state, "", "--local", "destroy", "tm-prod", "--yes"); r.Code != 3 || !strings.Contains(r.Out+r.Err, "production") {
		t.Errorf("destroying production must be refused with a message naming production: %s", r)
	}
	parallel(t, []string{"tm-dev", "tm-staging"}, func(t *testing.T, stack string) {
		timed(stack+" destroy", func() { clitest.MustInfra(t, state, "--local", "destroy", stack, "--yes") })
	})
	for _, e := range envs[:2] {
		out, err := rds.NewFromConfig(cfg).DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{})
		if err != nil {
			t.Fatal(err)
		}
		for _, db := range out.DBInstances {
			if strings.HasPrefix(aws.ToString(db.DBInstanceIdentifier), e.name+"-taskmanager") {
				t.Errorf("%s still exists after destroying %s", aws.ToString(db.DBInstanceIdentifier), e.stack)
			}
		}
	}

	keys := make([]string, 0, len(timings))
	for k := range timings {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.Logf("%-24s %6.1fs", k, timings[k].Seconds())
	}
}

// dayTwo exercises issue 5 on the real stacks: drift made through the SDK
// is reported per resource and attribute (exit 3) while an untouched stack
// is in sync (exit 0); a production plan that replaces a stateful resource
// is refused until its address is named.
func dayTwo(t *testing.T, ctx context.Context, cfg aws.Config, state string) {
	if r := clitest.Infra(t, state, "", "--local", "drift", "tm-staging"); r.Code != 0 || !strings.Contains(r.Out, "tm-staging: in sync") {
		t.Errorf("untouched staging must be in sync (exit 0): %s", r)
	}
	ec := ec2.NewFromConfig(cfg)
	vpc := clitest.Must(ec.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{
		{Name: aws.String("tag:Environment"), Values: []string{"dev"}}, {Name: aws.String("tag:Project"), Values: []string{"taskmanager"}}}}))(t).Vpcs[0]
	clitest.Must(ec.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{aws.ToString(vpc.VpcId)}, Tags: []ec2types.Tag{{Key: aws.String("Name")}}}))(t)
	// The VPC's default group is declared rule-less (CIS: default SG closed).
	defaultSG := clitest.Must(ec.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{
		{Name: aws.String("group-name"), Values: []string{"default"}}, {Name: aws.String("vpc-id"), Values: []string{aws.ToString(vpc.VpcId)}}}}))(t).SecurityGroups
	if len(defaultSG) != 1 {
		t.Fatalf("default security group of the dev VPC: %d found", len(defaultSG))
	}
	clitest.Must(ec.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: defaultSG[0].GroupId,
		IpPermissions: []ec2types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(22), ToPort: aws.Int32(22),
			IpRanges: []ec2types.IpRange{{CidrIp: aws.String("0.0.0.0/0"), Description: aws.String("by hand")}}}}}))(t)
	clitest.Must(rds.NewFromConfig(cfg).ModifyDBInstance(ctx, &rds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String("dev-taskmanager-db"),
		BackupRetentionPeriod: aws.Int32(5), ApplyImmediately: aws.Bool(true)}))(t)
	clitest.Must(ecs.NewFromConfig(cfg).UpdateService(ctx, &ecs.UpdateServiceInput{Cluster: aws.String("dev-taskmanager"),
		Service: aws.String("dev-taskmanager-api"), DesiredCount: aws.Int32(3)}))(t)

	clitest.DriftMatchesShow(t, ".", state, "tm-dev")
	clitest.StateMatchesShow(t, ".", state, "tm-dev")
	r := clitest.Infra(t, state, "", "--local", "drift", "tm-dev")
	if r.Code != 3 || !strings.Contains(r.Out, "tm-dev: DRIFTED") {
		t.Errorf("drift made through the SDK must be reported with exit 3: %s", r)
	}
	for _, want := range [][2]string{
		{"module.taskmanager.module.networking.aws_vpc.this", "tags.Name"},
		{"module.taskmanager.module.networking.aws_default_security_group.this", "ingress"},
		{"module.taskmanager.module.database.aws_db_instance.this", "backup_retention_period: 1 → 5"},
		{`module.taskmanager.module.ecs.aws_ecs_service.this["api"]`, "desired_count: 1 → 3"},
	} {
		i := strings.Index(r.Out, "  "+want[0]+" ")
		if i < 0 || !strings.Contains(r.Out[i:], want[1]) {
			t.Errorf("drift report lacks %s with %q:\n%s", want[0], want[1], r.Out)
		}
	}

	cache := "module.taskmanager.module.cache.aws_elasticache_replication_group.this"
	if r := clitest.Infra(t, state, "", "--local", "plan", "tm-prod", "--replace", cache); r.Code != 2 {
		t.Fatalf("plan with --replace must report changes: %s", r)
	}
	r = clitest.Infra(t, state, "tm-prod\n", "--local", "apply", "tm-prod")
	if r.Code != 3 || !strings.Contains(r.Err, cache) || !strings.Contains(r.Err, "--allow-replace") {
		t.Errorf("replacing production's cache must be refused naming it (exit 3): %s", r)
	}
	if r := clitest.Infra(t, state, "tm-prod\n", "--local", "apply", "tm-prod", "--allow-replace", cache); r.Code != 0 {
		t.Errorf("with --allow-replace naming the cache the plan must apply: %s", r)
	}
}

func stackNames() []string {
	var out []string
	for _, e := range envs {
		out = append(out, e.stack)
	}
	return out
}

// parallel runs f for each stack at once and waits; failures are reported
// on t under the stack's name.
func parallel(t *testing.T, stacks []string, f func(t *testing.T, stack string)) {
	t.Helper()
	t.Run("stacks", func(t *testing.T) {
		for _, s := range stacks {
			t.Run(s, func(t *testing.T) {
				t.Parallel()
				f(t, s)
			})
		}
	})
}

func checkNetwork(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	c := ec2.NewFromConfig(cfg)
	vpcs := clitest.Must(c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{
		{Name: aws.String("tag:Environment"), Values: []string{e.name}},
		{Name: aws.String("tag:Project"), Values: []string{"taskmanager"}},
	}}))(t).Vpcs
	if len(vpcs) != 1 || aws.ToString(vpcs[0].CidrBlock) != e.vpcCIDR {
		t.Fatalf("want one %s VPC %s, got %d", e.name, e.vpcCIDR, len(vpcs))
	}
	vpcID := vpcs[0].VpcId
	subnets := clitest.Must(c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{aws.ToString(vpcID)}}}}))(t).Subnets
	got := map[string][]string{}
	for _, s := range subnets {
		got[clitest.Tag(s.Tags, "Type")] = append(got[clitest.Tag(s.Tags, "Type")], aws.ToString(s.CidrBlock))
	}
	// Design: cidrsubnet(vpc, 4, i), i+4 and i+8 for the three tiers, one per AZ.
	for tier, offset := range map[string]int{"public": 0, "private-app": 4, "private-data": 8} {
		want := []string{subnet(t, e.vpcCIDR, offset), subnet(t, e.vpcCIDR, offset+1)}
		slices.Sort(got[tier])
		if !slices.Equal(got[tier], want) {
			t.Errorf("%s subnets %v, want %v", tier, got[tier], want)
		}
	}
	nats := clitest.Must(c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{Filter: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{aws.ToString(vpcID)}},
		{Name: aws.String("state"), Values: []string{"available"}}}}))(t).NatGateways
	if len(nats) != e.nat {
		t.Errorf("%d NAT gateways, want %d", len(nats), e.nat)
	}
}

// subnet is Terraform's cidrsubnet(cidr, 4, n).
func subnet(t *testing.T, cidr string, n int) string {
	p := netip.MustParsePrefix(cidr)
	a := p.Addr().As4()
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	bits := p.Bits() + 4
	v += uint32(n) << (32 - bits)
	return netip.PrefixFrom(netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), bits).String()
}

func checkDatabase(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	c := rds.NewFromConfig(cfg)
	id := e.name + "-taskmanager-db"
	db := describeDB(t, ctx, c, id)
	if db == nil {
		return
	}
	if aws.ToString(db.Engine) != "mysql" || !strings.HasPrefix(aws.ToString(db.EngineVersion), "8.0") {
		t.Errorf("engine %s %s, want mysql 8.0", aws.ToString(db.Engine), aws.ToString(db.EngineVersion))
	}
	if aws.ToString(db.DBInstanceClass) != e.db.class || aws.ToBool(db.MultiAZ) != e.db.multiAZ {
		t.Errorf("class %s multi-AZ %v, want %s %v", aws.ToString(db.DBInstanceClass), aws.ToBool(db.MultiAZ), e.db.class, e.db.multiAZ)
	}
	if !aws.ToBool(db.StorageEncrypted) || aws.ToString(db.KmsKeyId) == "" || aws.ToBool(db.PubliclyAccessible) {
		t.Errorf("encrypted %v (key %q), public %v: want encrypted with the environment key, not public",
			aws.ToBool(db.StorageEncrypted), aws.ToString(db.KmsKeyId), aws.ToBool(db.PubliclyAccessible))
	}
	if aws.ToInt32(db.AllocatedStorage) != e.db.storage || aws.ToInt32(db.MaxAllocatedStorage) != e.db.max {
		t.Errorf("storage %d→%d GB, want %d→%d", aws.ToInt32(db.AllocatedStorage), aws.ToInt32(db.MaxAllocatedStorage), e.db.storage, e.db.max)
	}
	if aws.ToInt32(db.BackupRetentionPeriod) != e.db.backupDays || aws.ToString(db.PreferredBackupWindow) != "03:00-04:00" ||
		aws.ToString(db.PreferredMaintenanceWindow) != "sun:04:00-sun:05:00" {
		t.Errorf("backups %d days in %s, maintenance %s; want %d days, the design's windows", aws.ToInt32(db.BackupRetentionPeriod),
			aws.ToString(db.PreferredBackupWindow), aws.ToString(db.PreferredMaintenanceWindow), e.db.backupDays)
	}
	if aws.ToBool(db.DeletionProtection) != e.db.deletionProtection {
		t.Errorf("deletion protection %v, want %v", aws.ToBool(db.DeletionProtection), e.db.deletionProtection)
	}
	// RDS refuses read replicas of an instance whose master password it
	// manages: the password is the project's secret's, written write-only.
	if db.MasterUserSecret != nil {
		t.Errorf("the master password must not be RDS-managed (it would forbid the replica): %v", aws.ToString(db.MasterUserSecret.SecretArn))
	}
	if !aws.ToBool(db.IAMDatabaseAuthenticationEnabled) || aws.ToString(db.MasterUsername) != "dbadmin" {
		t.Errorf("IAM auth %v, master %q: want IAM database authentication on, master dbadmin", aws.ToBool(db.IAMDatabaseAuthenticationEnabled), aws.ToString(db.MasterUsername))
	}
	master := masterSecret(t, ctx, cfg, e)
	ids := []string{id}
	replicas := db.ReadReplicaDBInstanceIdentifiers
	if want := e.db.replicaClass != ""; (len(replicas) == 1) != want {
		t.Errorf("read replicas %v, want replica: %v", replicas, want)
	} else if want {
		r := describeDB(t, ctx, c, replicas[0])
		if r != nil && (aws.ToString(r.DBInstanceClass) != e.db.replicaClass || !aws.ToBool(r.StorageEncrypted) || !aws.ToBool(r.IAMDatabaseAuthenticationEnabled)) {
			t.Errorf("replica class %s encrypted %v IAM auth %v, want %s encrypted with IAM auth", aws.ToString(r.DBInstanceClass),
				aws.ToBool(r.StorageEncrypted), aws.ToBool(r.IAMDatabaseAuthenticationEnabled), e.db.replicaClass)
		}
		ids = append(ids, replicas[0])
	}
	for _, instance := range ids {
		if !dbLogin(t, instance, master.Username, master.Password) {
			t.Errorf("%s: the master secret's credentials must log in", instance)
		}
	}
	if len(db.DBParameterGroups) != 1 {
		t.Fatalf("parameter groups %v", db.DBParameterGroups)
	}
	params := map[string]string{}
	for _, p := range clitest.Must(c.DescribeDBParameters(ctx, &rds.DescribeDBParametersInput{
		DBParameterGroupName: db.DBParameterGroups[0].DBParameterGroupName, Source: aws.String("user")}))(t).Parameters {
		params[aws.ToString(p.ParameterName)] = aws.ToString(p.ParameterValue)
	}
	for k, v := range map[string]string{"character_set_server": "utf8mb4", "collation_server": "utf8mb4_unicode_ci",
		"slow_query_log": "1", "long_query_time": "2", "max_connections": e.db.maxConnections} {
		if params[k] != v {
			t.Errorf("parameter %s = %q, want %q", k, params[k], v)
		}
	}
}

func describeDB(t *testing.T, ctx context.Context, c *rds.Client, id string) *rdstypes.DBInstance {
	t.Helper()
	out, err := c.DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
	if err != nil || len(out.DBInstances) != 1 {
		t.Errorf("DB instance %s: %v", id, err)
		return nil
	}
	return &out.DBInstances[0]
}

func checkCache(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	groups := clitest.Must(elasticache.NewFromConfig(cfg).DescribeReplicationGroups(ctx, &elasticache.DescribeReplicationGroupsInput{
		ReplicationGroupId: aws.String(e.name + "-taskmanager-redis")}))(t).ReplicationGroups
	if len(groups) != 1 {
		t.Fatalf("replication groups: %d", len(groups))
	}
	g := groups[0]
	failover := string(g.AutomaticFailover) == "enabled"
	if len(g.MemberClusters) != e.cache.nodes || failover != e.cache.failover || (string(g.MultiAZ) == "enabled") != e.cache.failover {
		t.Errorf("%d nodes, failover %s, multi-AZ %s; want %d nodes, failover and multi-AZ %v", len(g.MemberClusters), g.AutomaticFailover, g.MultiAZ, e.cache.nodes, e.cache.failover)
	}
	if aws.ToString(g.CacheNodeType) != e.cache.nodeType {
		t.Errorf("node type %s, want %s", aws.ToString(g.CacheNodeType), e.cache.nodeType)
	}
	if !aws.ToBool(g.AtRestEncryptionEnabled) || !aws.ToBool(g.TransitEncryptionEnabled) || aws.ToBool(g.AuthTokenEnabled) || len(g.UserGroupIds) != 1 {
		t.Errorf("at rest %v, in transit %v, auth token %v, user groups %v: want encryption both ways, RBAC, no token",
			aws.ToBool(g.AtRestEncryptionEnabled), aws.ToBool(g.TransitEncryptionEnabled), aws.ToBool(g.AuthTokenEnabled), g.UserGroupIds)
	}
}

func checkECS(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	c := ecs.NewFromConfig(cfg)
	cluster := e.name + "-taskmanager"
	clusters := clitest.Must(c.DescribeClusters(ctx, &ecs.DescribeClustersInput{Clusters: []string{cluster},
		Include: []ecstypes.ClusterField{ecstypes.ClusterFieldSettings, ecstypes.ClusterFieldConfigurations}}))(t).Clusters
	if len(clusters) != 1 {
		t.Fatalf("cluster %s not found", cluster)
	}
	cl := clusters[0]
	insights := ""
	for _, s := range cl.Settings {
		if s.Name == ecstypes.ClusterSettingNameContainerInsights {
			insights = aws.ToString(s.Value)
		}
	}
	if insights != "enabled" {
		t.Errorf("container insights %q, want enabled", insights)
	}
	if cl.Configuration == nil || cl.Configuration.ExecuteCommandConfiguration == nil ||
		aws.ToString(cl.Configuration.ExecuteCommandConfiguration.KmsKeyId) == "" ||
		cl.Configuration.ExecuteCommandConfiguration.Logging != ecstypes.ExecuteCommandLoggingOverride {
		t.Error("ECS Exec must be configured with the KMS key and OVERRIDE logging")
	}
	slices.Sort(cl.CapacityProviders)
	if !slices.Equal(cl.CapacityProviders, []string{"FARGATE", "FARGATE_SPOT"}) {
		t.Errorf("capacity providers %v", cl.CapacityProviders)
	}
	strategy := map[string][2]int32{}
	for _, s := range cl.DefaultCapacityProviderStrategy {
		strategy[aws.ToString(s.CapacityProvider)] = [2]int32{s.Base, s.Weight}
	}
	if strategy["FARGATE"] != [2]int32{2, 1} || strategy["FARGATE_SPOT"] != [2]int32{0, 4} {
		t.Errorf("default strategy %v, want FARGATE base 2 weight 1, FARGATE_SPOT weight 4", strategy)
	}

	services := map[string]svcSpec{"api": e.api, "worker": e.worker}
	aas := applicationautoscaling.NewFromConfig(cfg)
	for key, spec := range services {
		name := cluster + "-" + key
		svcs := clitest.Must(c.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cluster), Services: []string{name}}))(t).Services
		if len(svcs) != 1 {
			t.Errorf("service %s not found", name)
			continue
		}
		s := svcs[0]
		if s.DesiredCount != spec.desired {
			t.Errorf("%s desired %d, want %d", name, s.DesiredCount, spec.desired)
		}
		if dc := s.DeploymentConfiguration; dc == nil || dc.DeploymentCircuitBreaker == nil || !dc.DeploymentCircuitBreaker.Enable || !dc.DeploymentCircuitBreaker.Rollback {
			t.Errorf("%s: deployment circuit breaker with rollback missing", name)
		}
		if key == "api" && (len(s.LoadBalancers) != 1 || aws.ToInt32(s.LoadBalancers[0].ContainerPort) != 8000) {
			t.Errorf("%s load balancers %v, want the api container on 8000", name, s.LoadBalancers)
		}
		td := clitest.Must(c.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: s.TaskDefinition}))(t).TaskDefinition
		if aws.ToString(td.Cpu) != spec.cpu || aws.ToString(td.Memory) != spec.memory {
			t.Errorf("%s task %s/%s, want %s/%s", name, aws.ToString(td.Cpu), aws.ToString(td.Memory), spec.cpu, spec.memory)
		}
		checkContainer(t, e, key, td.ContainerDefinitions)

		resource := "service/" + cluster + "/" + name
		targets := clitest.Must(aas.DescribeScalableTargets(ctx, &applicationautoscaling.DescribeScalableTargetsInput{
			ServiceNamespace: aastypes.ServiceNamespaceEcs, ResourceIds: []string{resource}}))(t).ScalableTargets
		if len(targets) != 1 || aws.ToInt32(targets[0].MinCapacity) != spec.minCap || aws.ToInt32(targets[0].MaxCapacity) != spec.maxCap {
			t.Errorf("%s scalable target %v, want %d→%d", name, targets, spec.minCap, spec.maxCap)
		}
		policies := clitest.Must(aas.DescribeScalingPolicies(ctx, &applicationautoscaling.DescribeScalingPoliciesInput{
			ServiceNamespace: aastypes.ServiceNamespaceEcs, ResourceId: aws.String(resource)}))(t).ScalingPolicies
		if len(policies) != 1 || policies[0].TargetTrackingScalingPolicyConfiguration == nil {
			t.Errorf("%s: want one target tracking policy, got %d", name, len(policies))
			continue
		}
		tt := policies[0].TargetTrackingScalingPolicyConfiguration
		if aws.ToFloat64(tt.TargetValue) != 70 || aws.ToInt32(tt.ScaleInCooldown) != 300 || aws.ToInt32(tt.ScaleOutCooldown) != 60 ||
			tt.PredefinedMetricSpecification == nil || tt.PredefinedMetricSpecification.PredefinedMetricType != aastypes.MetricTypeECSServiceAverageCPUUtilization {
			t.Errorf("%s scaling: target %v, cooldowns in %d out %d; want CPU 70, 300, 60", name, aws.ToFloat64(tt.TargetValue),
				aws.ToInt32(tt.ScaleInCooldown), aws.ToInt32(tt.ScaleOutCooldown))
		}
	}
}

// checkContainer holds the design's task definition fields.
func checkContainer(t *testing.T, e env, key string, defs []ecstypes.ContainerDefinition) {
	if len(defs) != 1 || aws.ToString(defs[0].Name) != key {
		t.Errorf("%s: want one container named %s", key, key)
		return
	}
	d := defs[0]
	if aws.ToString(d.User) != "1000:1000" || d.LinuxParameters == nil || d.LinuxParameters.Capabilities == nil ||
		!slices.Equal(d.LinuxParameters.Capabilities.Drop, []string{"ALL"}) {
		t.Errorf("%s: user %q, want 1000:1000 with ALL capabilities dropped", key, aws.ToString(d.User))
	}
	envVars := map[string]string{}
	for _, kv := range d.Environment {
		envVars[aws.ToString(kv.Name)] = aws.ToString(kv.Value)
	}
	if envVars["ENVIRONMENT"] != e.name || envVars["LOG_LEVEL"] == "" {
		t.Errorf("%s environment %v", key, envVars)
	}
	secrets := map[string]string{}
	for _, s := range d.Secrets {
		secrets[aws.ToString(s.Name)] = aws.ToString(s.ValueFrom)
	}
	want := []string{"REDIS_URL"}
	user := appUser(e)
	if u, err := url.Parse(envVars["DATABASE_URL"]); err != nil || u.Scheme != "mysql" || u.User.Username() != user || u.Path != "/taskmanager" ||
		u.Query().Get("ssl-mode") != "REQUIRED" || envVars["DATABASE_IAM_AUTH"] != "true" || envVars["DATABASE_IAM_USER"] != user {
		t.Errorf("%s DATABASE_URL %q, IAM auth %q: want mysql://%s@<host>:3306/taskmanager?ssl-mode=REQUIRED with IAM authentication", key, envVars["DATABASE_URL"], envVars["DATABASE_IAM_AUTH"], user)
	} else if _, has := u.User.Password(); has {
		t.Errorf("%s DATABASE_URL carries a password", key)
	}
	if key == "api" {
		want = append(want, "JWT_SECRET_KEY")
		if len(d.PortMappings) != 1 || aws.ToInt32(d.PortMappings[0].ContainerPort) != 8000 || envVars["PORT"] != "8000" {
			t.Errorf("api ports %v, PORT %q; want 8000", d.PortMappings, envVars["PORT"])
		}
		if d.HealthCheck == nil || !strings.Contains(strings.Join(d.HealthCheck.Command, " "), "curl -f http://localhost:8000/health") ||
			aws.ToInt32(d.HealthCheck.Interval) != 30 || aws.ToInt32(d.HealthCheck.Timeout) != 10 || aws.ToInt32(d.HealthCheck.Retries) != 3 ||
			aws.ToInt32(d.HealthCheck.StartPeriod) != 40 {
			t.Errorf("api health check %+v, want the design's /health check 30/10/3/40", d.HealthCheck)
		}
	}
	for _, name := range want {
		if !strings.HasPrefix(secrets[name], "arn:aws:secretsmanager:") || !strings.Contains(secrets[name], ":secret:"+e.name+"/taskmanager/") {
			t.Errorf("%s secret %s from %q, want an ARN under %s/taskmanager/", key, name, secrets[name], e.name)
		}
	}
	if len(secrets) != len(want) {
		t.Errorf("%s secrets %v, want exactly %v", key, secrets, want)
	}
}

func checkALB(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	c := elb.NewFromConfig(cfg)
	lbs := clitest.Must(c.DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{e.name + "-taskmanager"}}))(t).LoadBalancers
	if len(lbs) != 1 {
		t.Fatalf("load balancer %s-taskmanager not found", e.name)
	}
	attrs := map[string]string{}
	for _, a := range clitest.Must(c.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: lbs[0].LoadBalancerArn}))(t).Attributes {
		attrs[aws.ToString(a.Key)] = aws.ToString(a.Value)
	}
	if attrs["routing.http.drop_invalid_header_fields.enabled"] != "true" || attrs["access_logs.s3.enabled"] != "true" {
		t.Errorf("drop invalid headers %q, access logs %q: want both true", attrs["routing.http.drop_invalid_header_fields.enabled"], attrs["access_logs.s3.enabled"])
	}
	listeners := clitest.Must(c.DescribeListeners(ctx, &elb.DescribeListenersInput{LoadBalancerArn: lbs[0].LoadBalancerArn}))(t).Listeners
	byPort := map[int32]int{}
	for i, l := range listeners {
		byPort[aws.ToInt32(l.Port)] = i
	}
	if i, ok := byPort[80]; !ok {
		t.Error("no HTTP listener")
	} else if a := listeners[i].DefaultActions; len(a) != 1 || a[0].RedirectConfig == nil || aws.ToString(a[0].RedirectConfig.Protocol) != "HTTPS" ||
		aws.ToString(a[0].RedirectConfig.Port) != "443" || a[0].RedirectConfig.StatusCode != "HTTP_301" {
		t.Errorf("HTTP listener must redirect to HTTPS 443 with 301: %+v", a)
	}
	if i, ok := byPort[443]; !ok {
		t.Error("no HTTPS listener")
	} else if l := listeners[i]; l.Protocol != "HTTPS" || !strings.HasPrefix(aws.ToString(l.SslPolicy), "ELBSecurityPolicy-TLS13-1-2") || len(l.Certificates) != 1 {
		t.Errorf("HTTPS listener protocol %s policy %s certificates %d: want TLS 1.2+ with the ACM certificate", l.Protocol, aws.ToString(l.SslPolicy), len(l.Certificates))
	}
}

func checkAlarmsAndLogs(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	prefix := e.name + "-taskmanager-"
	alarms := clitest.Must(verify.NewCloudWatch(cfg).DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNamePrefix: aws.String(prefix)}))(t).MetricAlarms
	byName := map[string]map[string]string{}
	for _, a := range alarms {
		dims := map[string]string{}
		for _, d := range a.Dimensions {
			dims[aws.ToString(d.Name)] = aws.ToString(d.Value)
		}
		byName[strings.TrimPrefix(aws.ToString(a.AlarmName), prefix)] = dims
		if len(a.AlarmActions) == 0 {
			t.Errorf("alarm %s notifies nobody", aws.ToString(a.AlarmName))
		}
	}
	for name, dims := range map[string]map[string]string{
		"ecs-api-cpu":      {"ClusterName": e.name + "-taskmanager", "ServiceName": e.name + "-taskmanager-api"},
		"ecs-worker-cpu":   {"ClusterName": e.name + "-taskmanager", "ServiceName": e.name + "-taskmanager-worker"},
		"db-cpu":           {"DBInstanceIdentifier": e.name + "-taskmanager-db"},
		"redis-001-memory": {"CacheClusterId": e.name + "-taskmanager-redis-001"},
	} {
		got, ok := byName[name]
		if !ok {
			t.Errorf("alarm %s%s missing (have %d alarms)", prefix, name, len(byName))
			continue
		}
		for k, v := range dims {
			if got[k] != v {
				t.Errorf("alarm %s dimension %s = %q, want %q", name, k, got[k], v)
			}
		}
	}
	for _, hasPrefix := range []string{"/aws/ecs/" + e.name + "/", "/aws/rds/instance/" + e.name + "-taskmanager-db/"} {
		groups := clitest.Must(cloudwatchlogs.NewFromConfig(cfg).DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(hasPrefix)}))(t).LogGroups
		if len(groups) == 0 {
			t.Errorf("no log groups under %s", hasPrefix)
		}
		for _, g := range groups {
			if aws.ToInt32(g.RetentionInDays) != e.logDays || aws.ToString(g.KmsKeyId) == "" {
				t.Errorf("log group %s: retention %d, key %q; want %d days with the KMS key", aws.ToString(g.LogGroupName),
					aws.ToInt32(g.RetentionInDays), aws.ToString(g.KmsKeyId), e.logDays)
			}
		}
	}
}

// checkNoSecretInStateOrPlan reads every secret value of the environment
// from Secrets Manager and searches the state the backend holds and the
// saved plan for each: the database password and the generated key must
// never have passed through Terraform.
func checkNoSecretInStateOrPlan(t *testing.T, ctx context.Context, cfg aws.Config, stateDir string, e env) {
	master := masterSecret(t, ctx, cfg, e)
	jwt := secretValue(t, ctx, cfg, secretARN(t, ctx, cfg, e.name+"/taskmanager/jwt-secret-"))
	if len(jwt) < 32 {
		t.Errorf("JWT key of %d characters, want a generated one of at least 32", len(jwt))
	}
	noneOf(t, clitest.StateAndPlan(t, cfg, stateDir, e.name+"/terraform.tfstate", e.stack), master.Password, url.QueryEscape(master.Password), jwt)
}

// noneOf fails for every document holding one of the secrets.
func noneOf(t *testing.T, documents map[string][]byte, secrets ...string) {
	t.Helper()
	for where, doc := range documents {
		for i, s := range secrets {
			if bytes.Contains(doc, []byte(s)) {
				t.Errorf("secret #%d found in %s", i, where)
			}
		}
	}
}

type credentials struct{ Username, Password string }

// masterSecret reads the environment's master secret (named with a unique
// suffix) and checks its shape: an RDS-managed master secret's JSON,
// encrypted with the environment's key.
func masterSecret(t *testing.T, ctx context.Context, cfg aws.Config, e env) credentials {
	t.Helper()
	arn := secretARN(t, ctx, cfg, e.name+"/taskmanager/db-master-")
	d := clitest.Must(secretsmanager.NewFromConfig(cfg).DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(arn)}))(t)
	if aws.ToString(d.KmsKeyId) == "" {
		t.Errorf("master secret %s must be encrypted with the environment key", arn)
	}
	var c credentials
	if err := json.Unmarshal([]byte(secretValue(t, ctx, cfg, arn)), &c); err != nil || c.Username != "dbadmin" || len(c.Password) < 32 {
		t.Fatalf("master secret %s: want JSON username dbadmin and a generated password, got user %q, %d characters (%v)", arn, c.Username, len(c.Password), err)
	}
	return c
}

// secretARN finds the one secret whose name starts with prefix.
func secretARN(t *testing.T, ctx context.Context, cfg aws.Config, prefix string) string {
	t.Helper()
	var found []string
	p := secretsmanager.NewListSecretsPaginator(secretsmanager.NewFromConfig(cfg), &secretsmanager.ListSecretsInput{})
	for p.HasMorePages() {
		for _, s := range clitest.Must(p.NextPage(ctx))(t).SecretList {
			if strings.HasPrefix(aws.ToString(s.Name), prefix) {
				found = append(found, aws.ToString(s.ARN))
			}
		}
	}
	if len(found) != 1 {
		t.Fatalf("secrets named %s*: %v, want exactly one", prefix, found)
	}
	return found[0]
}

func secretValue(t *testing.T, ctx context.Context, cfg aws.Config, id string) string {
	t.Helper()
	v := clitest.Must(secretsmanager.NewFromConfig(cfg).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(id)}))(t)
	return aws.ToString(v.SecretString)
}

// dbLogin asks the emulator's database stand-in whether the credentials
// would log in to the instance.
func dbLogin(t *testing.T, instance, user, password string) bool {
	t.Helper()
	client, err := emulator.HTTPClient(emu.CABundle)
	if err != nil {
		t.Fatal(err)
	}
	ok, err := emulator.DBLogin(context.Background(), emu.Endpoint, client, instance, user, password)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// checkDatabaseAccess: the API and worker may connect as the application
// user with IAM tokens (primary and replica), and only the one-off migrate
// task gets the master credentials, as keys of the live secret.
func checkDatabaseAccess(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	user := appUser(e)
	doc := clitest.Must(iam.NewFromConfig(cfg).GetRolePolicy(ctx, &iam.GetRolePolicyInput{
		RoleName: aws.String(e.name + "-taskmanager-ecs-task"), PolicyName: aws.String("database")}))(t).PolicyDocument
	policy, err := url.QueryUnescape(aws.ToString(doc))
	if err != nil {
		t.Fatal(err)
	}
	c := rds.NewFromConfig(cfg)
	ids := []string{e.name + "-taskmanager-db"}
	if e.db.replicaClass != "" {
		ids = append(ids, e.name+"-taskmanager-db-replica")
	}
	for _, id := range ids {
		db := describeDB(t, ctx, c, id)
		if db == nil {
			continue
		}
		arn := ":dbuser:" + aws.ToString(db.DbiResourceId) + "/" + user
		if !strings.Contains(policy, "rds-db:connect") || !strings.Contains(policy, arn) {
			t.Errorf("task role policy %s must allow rds-db:connect on %s", policy, arn)
		}
	}
	master := secretARN(t, ctx, cfg, e.name+"/taskmanager/db-master-")
	td := clitest.Must(ecs.NewFromConfig(cfg).DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{
		TaskDefinition: aws.String(e.name + "-taskmanager-migrate")}))(t).TaskDefinition
	got := map[string]string{}
	for _, s := range td.ContainerDefinitions[0].Secrets {
		got[aws.ToString(s.Name)] = aws.ToString(s.ValueFrom)
	}
	if got["DATABASE_MASTER_USERNAME"] != master+":username::" || got["DATABASE_MASTER_PASSWORD"] != master+":password::" || len(got) != 2 {
		t.Errorf("migrate task secrets %v, want the master secret's username and password keys", got)
	}
}

func appUser(e env) string {
	if e.name == "production" {
		return "taskmanager_prod"
	}
	return "taskmanager_" + e.name
}

// rotation rotates the master password the way RDS rotates its own secrets
// (`infra db rotate`: pending version, set on the instance, promote) and
// checks that what a newly started task receives logs in with the current
// password on the primary and the replica, that the old one no longer does,
// that no copy of either is kept anywhere else, and that Terraform neither
// sees nor undoes the change.
func rotation(t *testing.T, ctx context.Context, cfg aws.Config, state string, e env) {
	before := masterSecret(t, ctx, cfg, e)
	clitest.MustInfra(t, state, "--local", "db", "rotate", e.stack)

	// What ECS gives a task started now: each secrets entry's valueFrom
	// (<secret arn>:<json key>::) resolved against the current version.
	ecsc := ecs.NewFromConfig(cfg)
	td := clitest.Must(ecsc.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(e.name + "-taskmanager-migrate")}))(t).TaskDefinition
	received := map[string]string{}
	for _, s := range td.ContainerDefinitions[0].Secrets {
		ref := aws.ToString(s.ValueFrom)
		parts := strings.Split(ref, ":")
		if len(parts) < 8 {
			t.Fatalf("%s: valueFrom %q names no JSON key", aws.ToString(s.Name), ref)
		}
		var doc map[string]string
		if err := json.Unmarshal([]byte(secretValue(t, ctx, cfg, strings.Join(parts[:7], ":"))), &doc); err != nil {
			t.Fatal(err)
		}
		received[aws.ToString(s.Name)] = doc[parts[7]]
	}
	user, pw := received["DATABASE_MASTER_USERNAME"], received["DATABASE_MASTER_PASSWORD"]
	if pw == "" || pw == before.Password || user != before.Username {
		t.Fatalf("after rotation a new task receives user %q and the %s password; want %s with a new one", user, map[bool]string{true: "old", false: "new"}[pw == before.Password], before.Username)
	}
	for _, id := range []string{e.name + "-taskmanager-db", e.name + "-taskmanager-db-replica"} {
		if !dbLogin(t, id, user, pw) {
			t.Errorf("%s: the password a new task receives must log in", id)
		}
		if dbLogin(t, id, user, before.Password) {
			t.Errorf("%s: the password from before the rotation must no longer log in", id)
		}
	}

	// No stale copy: only the master secret holds either password.
	master := secretARN(t, ctx, cfg, e.name+"/taskmanager/db-master-")
	var outs map[string]struct{ Value json.RawMessage }
	if err := json.Unmarshal([]byte(clitest.MustInfra(t, state, "--local", "output", e.stack, "--json").Out), &outs); err != nil {
		t.Fatalf("infra output --json: %v", err)
	}
	if got := strings.Trim(string(outs["db_master_secret_arn"].Value), `"`); got != master {
		t.Errorf("output db_master_secret_arn %q, want the master secret %s", got, master)
	}
	p := secretsmanager.NewListSecretsPaginator(secretsmanager.NewFromConfig(cfg), &secretsmanager.ListSecretsInput{})
	for p.HasMorePages() {
		for _, sec := range clitest.Must(p.NextPage(ctx))(t).SecretList {
			if aws.ToString(sec.ARN) == master {
				continue
			}
			v := secretValue(t, ctx, cfg, aws.ToString(sec.ARN))
			if strings.Contains(v, pw) || strings.Contains(v, before.Password) {
				t.Errorf("secret %s holds a copy of the master password", aws.ToString(sec.Name))
			}
		}
	}
	tdp := ecs.NewListTaskDefinitionsPaginator(ecsc, &ecs.ListTaskDefinitionsInput{})
	for tdp.HasMorePages() {
		for _, arn := range clitest.Must(tdp.NextPage(ctx))(t).TaskDefinitionArns {
			def := clitest.Must(ecsc.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(arn)}))(t).TaskDefinition
			raw, _ := json.Marshal(def.ContainerDefinitions)
			if bytes.Contains(raw, []byte(pw)) || bytes.Contains(raw, []byte(before.Password)) {
				t.Errorf("task definition %s carries the master password", arn)
			}
		}
	}

	// Terraform neither sees the rotation nor undoes it.
	if r := clitest.Infra(t, state, "", "--local", "plan", e.stack); r.Code != 0 {
		t.Errorf("plan after a rotation must be empty (exit 0): %s", r)
	}
	noneOf(t, clitest.StateAndPlan(t, cfg, state, e.name+"/terraform.tfstate", e.stack), pw, before.Password)
	if after := masterSecret(t, ctx, cfg, e); after.Password != pw {
		t.Error("the plan after the rotation changed the master secret")
	}
}
