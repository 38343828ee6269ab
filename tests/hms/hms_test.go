// Package hms applies the HMS environments of the HMS design on the local emulator
// through the infra CLI, the way people run them, and checks what the
// emulator holds against the design's values.
package hms

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudfront"
	cftypes "github.com/aws/aws-sdk-go-v2/service/cloudfront/types"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatch"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	cwltypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/ecs"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/xray"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
	"github.com/taskmanager-platform/infra/internal/verify"
)

// env is what one HMS environment must look like.
type env struct {
	stack, name, domain string
	logGroup            string
	logDays             int32
	dbClass             string
	dbStorage           int32
	dbBackupDays        int32
	backend, frontend   int32 // desired tasks
	dbUser              string
}

var (
	dev  = env{stack: "hms-dev", name: "dev", domain: "dev.hms.yourcompany.com", logGroup: "/ecs/hms-dev", logDays: 7, dbClass: "db.t3.micro", dbStorage: 20, dbBackupDays: 1, backend: 1, frontend: 1, dbUser: "hms_dev"}
	prod = env{stack: "hms-prod", name: "production", domain: "hms.yourcompany.com", logGroup: "/ecs/hms", logDays: 30, dbClass: "db.t3.medium", dbStorage: 100, dbBackupDays: 7, backend: 2, frontend: 2, dbUser: "hms_prod"}
)

// The HMS design's network: three zones, one subnet of each tier per zone.
var wantSubnets = map[string][]string{
	"public":       {"10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"},
	"private-app":  {"10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"},
	"private-data": {"10.0.201.0/24", "10.0.202.0/24", "10.0.203.0/24"},
}

func TestHMSEnvironments(t *testing.T) {
	state := t.TempDir()
	inst := clitest.LocalEmulator(t, state)
	emu = inst
	cfg := clitest.SDK(t, inst)
	var timings []string
	timed := func(key string, f func()) {
		start := time.Now()
		f()
		timings = append(timings, fmt.Sprintf("%-22s %6.1fs", key, time.Since(start).Seconds()))
	}

	// dev the way the README brings it up; production through the reviewed
	// plan/apply workflow (its values come from prod.tfvars via var_files).
	// One after the other: one apply at a time keeps the shared cores free.
	timed("hms-dev apply", func() { clitest.MustInfra(t, state, "--local", "up", "hms-dev") })
	// up verified hms-dev from `terraform state pull`: the same resources
	// and values as terraform show -json.
	clitest.StateMatchesShow(t, ".", state, "hms-dev")
	timed("hms-prod apply", func() {
		if r := clitest.Infra(t, state, "", "--local", "plan", "hms-prod"); r.Code != 2 {
			t.Fatalf("first plan of hms-prod should report changes (exit 2): %s", r)
		}
		if r := clitest.Infra(t, state, "hms-prod\n", "--local", "apply", "hms-prod"); r.Code != 0 {
			t.Fatalf("apply hms-prod: %s", r)
		}
	})

	// Converged: a second plan right after apply is empty.
	for _, e := range []env{dev, prod} {
		timed(e.stack+" second plan", func() {
			if r := clitest.Infra(t, state, "", "--local", "plan", e.stack); r.Code != 0 {
				t.Errorf("second plan of %s is not empty (want exit 0): %s", e.stack, r)
			}
		})
		// The converged plan knows every value (policy documents, container
		// definitions): the policy library finds nothing left unwaived.
		timed(e.stack+" policy", func() {
			if r := clitest.Infra(t, state, "", "--local", "policy", e.stack); r.Code != 0 || !strings.Contains(r.Out, "no unwaived findings") {
				t.Errorf("policy of %s must have no unwaived findings (want exit 0): %s", e.stack, r)
			}
		})
	}

	ctx := context.Background()
	for _, e := range []env{dev, prod} {
		t.Run(e.name, func(t *testing.T) {
			tasks := checkNetworkAndServices(t, ctx, cfg, e)
			checkDatabase(t, ctx, cfg, e, tasks)
			checkBuckets(t, ctx, cfg, e)
			checkEdge(t, ctx, cfg, e)
			checkObservability(t, ctx, cfg, e)
			checkPasswordNotInStateOrPlan(t, ctx, cfg, state, e)
		})
	}

	r := clitest.Infra(t, state, "", "--local", "verify", "hms-prod")
	if r.Code != 0 || !strings.Contains(r.Out, "hms-prod") || !strings.Contains(r.Out, "aws_db_instance") {
		t.Errorf("verify hms-prod must pass with a report naming the stack and its resources: %s", r)
	}

	// Production is never destroyed by infra (the emulator teardown takes
	// it); dev is.
	if r := clitest.Infra(t, state, "", "--local", "destroy", "hms-prod", "--yes"); r.Code != 3 || !strings.Contains(r.Out+r.Err, "production") {
		t.Errorf("destroying production must be refused with a message naming production: %s", r)
	}
	timed("hms-dev destroy", func() { clitest.MustInfra(t, state, "--local", "destroy", "hms-dev", "--yes") })
	dbs := clitest.Must(rds.NewFromConfig(cfg).DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{}))(t).DBInstances
	var left []string
	for _, db := range dbs {
		left = append(left, aws.ToString(db.DBInstanceIdentifier))
	}
	if slices.Contains(left, "dev-hms-db") || !slices.Contains(left, "production-hms-db") {
		t.Errorf("after destroying hms-dev the databases are %v, want production-hms-db only", left)
	}
	for _, l := range timings {
		t.Log(l)
	}
}

// checkNetworkAndServices checks the VPC, the security group chain ALB →
// tasks and the services; it returns the task security groups by service.
func checkNetworkAndServices(t *testing.T, ctx context.Context, cfg aws.Config, e env) map[string]string {
	c := ec2.NewFromConfig(cfg)
	vpcs := clitest.Must(c.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{
		{Name: aws.String("tag:Environment"), Values: []string{e.name}},
		{Name: aws.String("tag:Project"), Values: []string{"hms"}},
	}}))(t).Vpcs
	if len(vpcs) != 1 || aws.ToString(vpcs[0].CidrBlock) != "10.0.0.0/16" {
		t.Fatalf("want one %s VPC 10.0.0.0/16, got %d", e.name, len(vpcs))
	}
	vpcID := aws.ToString(vpcs[0].VpcId)
	subnets := clitest.Must(c.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpcID}}}}))(t).Subnets
	got := map[string][]string{}
	zones := map[string]bool{}
	for _, s := range subnets {
		got[clitest.Tag(s.Tags, "Type")] = append(got[clitest.Tag(s.Tags, "Type")], aws.ToString(s.CidrBlock))
		zones[aws.ToString(s.AvailabilityZone)] = true
	}
	for tier, want := range wantSubnets {
		slices.Sort(got[tier])
		if !slices.Equal(got[tier], want) {
			t.Errorf("%s subnets %v, want %v", tier, got[tier], want)
		}
	}
	if len(zones) != 3 {
		t.Errorf("subnets span %d zones, want 3", len(zones))
	}
	nats := clitest.Must(c.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{Filter: []ec2types.Filter{
		{Name: aws.String("vpc-id"), Values: []string{vpcID}},
		{Name: aws.String("state"), Values: []string{"available"}}}}))(t).NatGateways
	if len(nats) != 1 {
		t.Errorf("%d NAT gateways, want exactly 1 (design: single_nat_gateway)", len(nats))
	}

	// ALB: 80 and 443 from anywhere, nothing else.
	lbs := clitest.Must(elb.NewFromConfig(cfg).DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{e.name + "-hms"}}))(t).LoadBalancers
	if len(lbs) != 1 || len(lbs[0].SecurityGroups) != 1 {
		t.Fatalf("load balancer %s-hms with one security group not found", e.name)
	}
	albSG := lbs[0].SecurityGroups[0]
	if in := ingress(t, ctx, c, albSG); !slices.Equal(in, []string{"tcp 443-443 from 0.0.0.0/0", "tcp 80-80 from 0.0.0.0/0"}) {
		t.Errorf("ALB ingress %v, want 80 and 443 from 0.0.0.0/0 only", in)
	}

	// Tasks: reachable from the ALB only, on their container port.
	cluster := e.name + "-hms"
	tasks := map[string]string{}
	ec := ecs.NewFromConfig(cfg)
	for key, spec := range map[string]struct {
		port    int
		desired int32
	}{"backend": {8000, e.backend}, "frontend": {8080, e.frontend}} {
		name := cluster + "-" + key
		svcs := clitest.Must(ec.DescribeServices(ctx, &ecs.DescribeServicesInput{Cluster: aws.String(cluster), Services: []string{name}}))(t).Services
		if len(svcs) != 1 {
			t.Errorf("service %s not found", name)
			continue
		}
		s := svcs[0]
		if s.DesiredCount != spec.desired {
			t.Errorf("%s desired %d, want %d", name, s.DesiredCount, spec.desired)
		}
		if len(s.LoadBalancers) != 1 || aws.ToInt32(s.LoadBalancers[0].ContainerPort) != int32(spec.port) {
			t.Errorf("%s load balancers %v, want the container on %d", name, s.LoadBalancers, spec.port)
		}
		if s.NetworkConfiguration == nil || s.NetworkConfiguration.AwsvpcConfiguration == nil || len(s.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups) != 1 {
			t.Errorf("%s: want one task security group", name)
			continue
		}
		sg := s.NetworkConfiguration.AwsvpcConfiguration.SecurityGroups[0]
		tasks[key] = sg
		want := []string{fmt.Sprintf("tcp %d-%d from %s", spec.port, spec.port, albSG)}
		if in := ingress(t, ctx, c, sg); !slices.Equal(in, want) {
			t.Errorf("%s task ingress %v, want %v (design's 0-65535 corrected)", key, in, want)
		}
		td := clitest.Must(ec.DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: s.TaskDefinition}))(t).TaskDefinition
		if len(td.ContainerDefinitions) != 1 {
			t.Errorf("%s: %d containers, want 1", name, len(td.ContainerDefinitions))
			continue
		}
		d := td.ContainerDefinitions[0]
		if lc := d.LogConfiguration; lc == nil || lc.Options["awslogs-group"] != e.logGroup || lc.Options["awslogs-stream-prefix"] != key {
			t.Errorf("%s logs %+v, want %s with stream prefix %s", name, d.LogConfiguration, e.logGroup, key)
		}
		if d.HealthCheck == nil || len(d.HealthCheck.Command) < 2 {
			t.Errorf("%s has no container health check", name)
		}
		if img := aws.ToString(d.Image); !strings.HasSuffix(img, "/hms-"+key+":v1.2.0") || !strings.Contains(img, ".dkr.ecr.") {
			t.Errorf("%s image %s, want the hms-%s repository of hms-global at v1.2.0", name, img, key)
		}
		vars := map[string]string{}
		for _, kv := range d.Environment {
			vars[aws.ToString(kv.Name)] = aws.ToString(kv.Value)
		}
		if key == "backend" && (vars["DB_USERNAME"] != e.dbUser || vars["DB_IAM_AUTH"] != "true" || len(d.Secrets) != 0) {
			t.Errorf("backend DB_USERNAME %q, DB_IAM_AUTH %q, secrets %v: want %s with IAM authentication and no password", vars["DB_USERNAME"], vars["DB_IAM_AUTH"], d.Secrets, e.dbUser)
		}
	}
	return tasks
}

func checkDatabase(t *testing.T, ctx context.Context, cfg aws.Config, e env, tasks map[string]string) {
	id := e.name + "-hms-db"
	out, err := rds.NewFromConfig(cfg).DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
	if err != nil || len(out.DBInstances) != 1 {
		t.Fatalf("DB instance %s: %v", id, err)
	}
	db := out.DBInstances[0]
	if aws.ToString(db.Engine) != "postgres" || !strings.HasPrefix(aws.ToString(db.EngineVersion), "16.") {
		t.Errorf("engine %s %s, want postgres 16.x", aws.ToString(db.Engine), aws.ToString(db.EngineVersion))
	}
	if aws.ToString(db.DBInstanceClass) != e.dbClass || aws.ToInt32(db.AllocatedStorage) != e.dbStorage {
		t.Errorf("class %s with %d GB, want %s with %d GB", aws.ToString(db.DBInstanceClass), aws.ToInt32(db.AllocatedStorage), e.dbClass, e.dbStorage)
	}
	if !aws.ToBool(db.StorageEncrypted) || aws.ToString(db.KmsKeyId) == "" || aws.ToBool(db.PubliclyAccessible) {
		t.Errorf("encrypted %v (key %q), public %v: want encrypted with the environment key, private", aws.ToBool(db.StorageEncrypted), aws.ToString(db.KmsKeyId), aws.ToBool(db.PubliclyAccessible))
	}
	if aws.ToInt32(db.BackupRetentionPeriod) != e.dbBackupDays || aws.ToString(db.PreferredBackupWindow) != "03:00-04:00" ||
		aws.ToString(db.PreferredMaintenanceWindow) != "sun:04:00-sun:05:00" {
		t.Errorf("backups %d days in %s, maintenance %s; want %d days, 03:00-04:00, sun:04:00-sun:05:00", aws.ToInt32(db.BackupRetentionPeriod),
			aws.ToString(db.PreferredBackupWindow), aws.ToString(db.PreferredMaintenanceWindow), e.dbBackupDays)
	}
	if db.MasterUserSecret != nil || !aws.ToBool(db.IAMDatabaseAuthenticationEnabled) {
		t.Error("the master password must be the database module's secret's (an RDS-managed one forbids replicas) and IAM authentication on")
	}
	master := masterSecret(t, ctx, cfg, e)
	if ok, err := emulator.DBLogin(ctx, emu.Endpoint, emuClient(t), id, master.Username, master.Password); err != nil || !ok {
		t.Errorf("the master secret's credentials must log in to %s (%v)", id, err)
	}
	td := clitest.Must(ecs.NewFromConfig(cfg).DescribeTaskDefinition(ctx, &ecs.DescribeTaskDefinitionInput{TaskDefinition: aws.String(e.name + "-hms-migrate")}))(t).TaskDefinition
	refs := map[string]string{}
	for _, sec := range td.ContainerDefinitions[0].Secrets {
		refs[aws.ToString(sec.Name)] = aws.ToString(sec.ValueFrom)
	}
	if !strings.HasSuffix(refs["DB_MASTER_PASSWORD"], ":password::") || !strings.Contains(refs["DB_MASTER_PASSWORD"], ":secret:"+e.name+"/hms/db-master-") {
		t.Errorf("migrate task secrets %v, want the master secret's password key", refs)
	}
	if len(db.VpcSecurityGroups) != 1 {
		t.Fatalf("DB security groups %v, want one", db.VpcSecurityGroups)
	}
	// The services' task groups and the migrate task's, nothing else.
	ec := ec2.NewFromConfig(cfg)
	migrate := clitest.Must(ec.DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{Filters: []ec2types.Filter{
		{Name: aws.String("group-name"), Values: []string{e.name + "-hms-migrate-tasks"}}}}))(t).SecurityGroups
	if len(migrate) != 1 {
		t.Fatalf("security group %s-hms-migrate-tasks: found %d", e.name, len(migrate))
	}
	want := []string{"tcp 5432-5432 from " + aws.ToString(migrate[0].GroupId)}
	for _, sg := range tasks {
		want = append(want, "tcp 5432-5432 from "+sg)
	}
	slices.Sort(want)
	if in := ingress(t, ctx, ec, aws.ToString(db.VpcSecurityGroups[0].VpcSecurityGroupId)); !slices.Equal(in, want) {
		t.Errorf("DB ingress %v, want 5432 from the task security groups only %v", in, want)
	}
}

func checkBuckets(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
	bucket := "hms-backups-" + e.name
	rules := clitest.Must(c.GetBucketLifecycleConfiguration(ctx, &s3.GetBucketLifecycleConfigurationInput{Bucket: aws.String(bucket)}))(t).Rules
	if len(rules) != 1 {
		t.Fatalf("%s: %d lifecycle rules, want 1", bucket, len(rules))
	}
	r := rules[0]
	var transitions []string
	for _, tr := range r.Transitions {
		transitions = append(transitions, fmt.Sprintf("%d %s", aws.ToInt32(tr.Days), tr.StorageClass))
	}
	slices.Sort(transitions)
	if r.Status != s3types.ExpirationStatusEnabled || !slices.Equal(transitions, []string{"30 STANDARD_IA", "90 GLACIER"}) ||
		r.Expiration == nil || aws.ToInt32(r.Expiration.Days) != 365 {
		t.Errorf("%s lifecycle: status %s, transitions %v, expiration %+v; want 30 STANDARD_IA, 90 GLACIER, expire 365", bucket, r.Status, transitions, r.Expiration)
	}
	v := clitest.Must(c.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(bucket)}))(t)
	if v.Status != s3types.BucketVersioningStatusEnabled {
		t.Errorf("%s versioning %s, want Enabled", bucket, v.Status)
	}
	enc := clitest.Must(c.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(bucket)}))(t)
	if cfg := enc.ServerSideEncryptionConfiguration; cfg == nil || len(cfg.Rules) != 1 || cfg.Rules[0].ApplyServerSideEncryptionByDefault == nil ||
		cfg.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm != s3types.ServerSideEncryptionAwsKms {
		t.Errorf("%s must be encrypted with the environment's KMS key", bucket)
	}
	pab := clitest.Must(c.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(bucket)}))(t).PublicAccessBlockConfiguration
	if pab == nil || !aws.ToBool(pab.BlockPublicAcls) || !aws.ToBool(pab.BlockPublicPolicy) || !aws.ToBool(pab.IgnorePublicAcls) || !aws.ToBool(pab.RestrictPublicBuckets) {
		t.Errorf("%s public access block %+v, want all four on", bucket, pab)
	}
	policy := aws.ToString(clitest.Must(c.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String("hms-static-" + e.name)}))(t).Policy)
	if !strings.Contains(policy, "cloudfront.amazonaws.com") || !strings.Contains(policy, "AWS:SourceArn") {
		t.Errorf("static bucket policy must let only the distribution read: %s", policy)
	}
}

func checkEdge(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	cf := cloudfront.NewFromConfig(cfg)
	list := clitest.Must(cf.ListDistributions(ctx, &cloudfront.ListDistributionsInput{}))(t).DistributionList
	// The list's summaries may leave Aliases out: read each configuration.
	var dist *cftypes.DistributionSummary
	var dc *cftypes.DistributionConfig
	for i, d := range list.Items {
		c := clitest.Must(cf.GetDistributionConfig(ctx, &cloudfront.GetDistributionConfigInput{Id: d.Id}))(t).DistributionConfig
		if c.Aliases != nil && slices.Contains(c.Aliases.Items, e.domain) {
			dist, dc = &list.Items[i], c
		}
	}
	if dist == nil {
		t.Fatalf("no distribution with alias %s among %d", e.domain, len(list.Items))
	}
	origins := map[string]cftypes.Origin{}
	for _, o := range dc.Origins.Items {
		origins[aws.ToString(o.Id)] = o
	}
	// Users reach the application through CloudFront (the design's
	// diagram): everything goes to the ALB but /static/*, from the bucket.
	if dc.CacheBehaviors == nil || len(dc.CacheBehaviors.Items) != 2 || aws.ToString(dc.CacheBehaviors.Items[0].PathPattern) != "/api/*" ||
		aws.ToString(dc.CacheBehaviors.Items[1].PathPattern) != "/static/*" {
		t.Fatalf("cache behaviours %+v, want /api/* then /static/*", dc.CacheBehaviors)
	}
	for _, target := range []string{aws.ToString(dc.DefaultCacheBehavior.TargetOriginId), aws.ToString(dc.CacheBehaviors.Items[0].TargetOriginId)} {
		alb := origins[target]
		if aws.ToString(alb.DomainName) != "api."+e.domain || alb.CustomOriginConfig == nil || alb.CustomOriginConfig.OriginProtocolPolicy != cftypes.OriginProtocolPolicyHttpsOnly {
			t.Errorf("default and /api/* go to %s (%+v), want the ALB as api.%s over HTTPS only", aws.ToString(alb.DomainName), alb.CustomOriginConfig, e.domain)
		}
	}
	static := origins[aws.ToString(dc.CacheBehaviors.Items[1].TargetOriginId)]
	if !strings.HasPrefix(aws.ToString(static.DomainName), "hms-static-"+e.name+".s3.") || aws.ToString(static.OriginAccessControlId) == "" {
		t.Errorf("/static/* origin %s (OAC %q), want the static bucket through OAC", aws.ToString(static.DomainName), aws.ToString(static.OriginAccessControlId))
	}
	if dc.DefaultCacheBehavior.ViewerProtocolPolicy == cftypes.ViewerProtocolPolicyAllowAll {
		t.Error("viewers must use HTTPS")
	}
	if vc := dc.ViewerCertificate; vc == nil || vc.MinimumProtocolVersion != cftypes.MinimumProtocolVersionTLSv122021 || aws.ToString(vc.ACMCertificateArn) == "" {
		t.Errorf("viewer certificate %+v, want the ACM certificate with TLSv1.2_2021", dc.ViewerCertificate)
	}

	r53 := route53.NewFromConfig(cfg)
	zones := clitest.Must(r53.ListHostedZonesByName(ctx, &route53.ListHostedZonesByNameInput{DNSName: aws.String(e.domain)}))(t).HostedZones
	if len(zones) == 0 || aws.ToString(zones[0].Name) != e.domain+"." {
		t.Fatalf("hosted zone %s not found", e.domain)
	}
	records := clitest.Must(r53.ListResourceRecordSets(ctx, &route53.ListResourceRecordSetsInput{HostedZoneId: zones[0].Id}))(t).ResourceRecordSets
	aliases := map[string]string{}
	for _, rr := range records {
		if rr.Type == "A" && rr.AliasTarget != nil {
			aliases[strings.TrimSuffix(aws.ToString(rr.Name), ".")] = strings.ToLower(strings.TrimSuffix(aws.ToString(rr.AliasTarget.DNSName), "."))
		}
	}
	cfDomain := strings.ToLower(aws.ToString(dist.DomainName))
	lbs := clitest.Must(elb.NewFromConfig(cfg).DescribeLoadBalancers(ctx, &elb.DescribeLoadBalancersInput{Names: []string{e.name + "-hms"}}))(t).LoadBalancers
	albDomain := strings.ToLower(aws.ToString(lbs[0].DNSName))
	for name, target := range map[string]string{e.domain: cfDomain, "www." + e.domain: cfDomain, "api." + e.domain: albDomain} {
		if !strings.HasSuffix(aliases[name], target) {
			t.Errorf("record %s aliases %q, want %s", name, aliases[name], target)
		}
	}
}

func checkObservability(t *testing.T, ctx context.Context, cfg aws.Config, e env) {
	name := e.name + "-hms-ecs-backend-cpu"
	alarms := clitest.Must(verify.NewCloudWatch(cfg).DescribeAlarms(ctx, &cloudwatch.DescribeAlarmsInput{AlarmNames: []string{name}}))(t).MetricAlarms
	if len(alarms) != 1 {
		t.Fatalf("alarm %s not found", name)
	}
	a := alarms[0]
	dims := map[string]string{}
	for _, d := range a.Dimensions {
		dims[aws.ToString(d.Name)] = aws.ToString(d.Value)
	}
	if dims["ClusterName"] != e.name+"-hms" || dims["ServiceName"] != e.name+"-hms-backend" || len(dims) != 2 {
		t.Errorf("alarm %s dimensions %v, want the real cluster and service names", name, dims)
	}
	if aws.ToFloat64(a.Threshold) != 80 || aws.ToInt32(a.EvaluationPeriods) != 2 || aws.ToInt32(a.Period) != 300 ||
		aws.ToString(a.MetricName) != "CPUUtilization" || aws.ToString(a.Namespace) != "AWS/ECS" || len(a.AlarmActions) == 0 {
		t.Errorf("alarm %s: %s/%s > %v for %d × %ds, %d actions; want AWS/ECS CPUUtilization > 80 for 2 × 300s with a notification",
			name, aws.ToString(a.Namespace), aws.ToString(a.MetricName), aws.ToFloat64(a.Threshold), aws.ToInt32(a.EvaluationPeriods), aws.ToInt32(a.Period), len(a.AlarmActions))
	}
	groups := clitest.Must(cloudwatchlogs.NewFromConfig(cfg).DescribeLogGroups(ctx, &cloudwatchlogs.DescribeLogGroupsInput{LogGroupNamePrefix: aws.String(e.logGroup)}))(t).LogGroups
	i := slices.IndexFunc(groups, func(g cwltypes.LogGroup) bool { return aws.ToString(g.LogGroupName) == e.logGroup })
	if i < 0 {
		t.Errorf("log group %s missing", e.logGroup)
	} else if g := groups[i]; aws.ToInt32(g.RetentionInDays) != e.logDays || aws.ToString(g.KmsKeyId) == "" {
		t.Errorf("%s: retention %d days, key %q; want %d days with the KMS key", e.logGroup, aws.ToInt32(g.RetentionInDays), aws.ToString(g.KmsKeyId), e.logDays)
	}

	rule := e.name + "-hms"
	var found bool
	p := xray.NewGetSamplingRulesPaginator(xray.NewFromConfig(cfg), &xray.GetSamplingRulesInput{})
	for p.HasMorePages() {
		for _, r := range clitest.Must(p.NextPage(ctx))(t).SamplingRuleRecords {
			sr := r.SamplingRule
			if sr == nil || aws.ToString(sr.RuleName) != rule {
				continue
			}
			found = true
			if aws.ToInt32(sr.Priority) != 100 || sr.ReservoirSize != 1 || sr.FixedRate != 0.05 {
				t.Errorf("sampling rule %s: priority %d, reservoir %d, rate %v; want 100, 1, 0.05", rule, aws.ToInt32(sr.Priority), sr.ReservoirSize, sr.FixedRate)
			}
		}
	}
	if !found {
		t.Errorf("sampling rule %s not found", rule)
	}
}

// checkPasswordNotInStateOrPlan reads the master password from the
// database module's secret and searches the state in the backend and the
// saved plan for it: unlike the design's prod.tfvars, it must never pass
// through Terraform.
func checkPasswordNotInStateOrPlan(t *testing.T, ctx context.Context, cfg aws.Config, stateDir string, e env) {
	master := masterSecret(t, ctx, cfg, e)
	docs := clitest.StateAndPlan(t, cfg, stateDir, "hms/"+e.name+"/terraform.tfstate", e.stack)
	for where, d := range docs {
		if bytes.Contains(d, []byte(master.Password)) || bytes.Contains(d, []byte("strong-production-password-2024")) {
			t.Errorf("a database password is in the %s of %s", where, e.stack)
		}
	}
}

// masterSecret reads the one secret <env>/hms/db-master-*: JSON with the
// master user dbadmin and a generated password.
func masterSecret(t *testing.T, ctx context.Context, cfg aws.Config, e env) struct{ Username, Password string } {
	t.Helper()
	sm := secretsmanager.NewFromConfig(cfg)
	var arns []string
	for _, s := range clitest.Must(sm.ListSecrets(ctx, &secretsmanager.ListSecretsInput{}))(t).SecretList {
		if strings.HasPrefix(aws.ToString(s.Name), e.name+"/hms/db-master-") {
			arns = append(arns, aws.ToString(s.ARN))
		}
	}
	if len(arns) != 1 {
		t.Fatalf("master secrets of %s: %v, want one", e.name, arns)
	}
	v := clitest.Must(sm.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(arns[0])}))(t)
	var master struct{ Username, Password string }
	if err := json.Unmarshal([]byte(aws.ToString(v.SecretString)), &master); err != nil || master.Username != "dbadmin" || len(master.Password) < 32 {
		t.Fatalf("master secret: want JSON with user dbadmin and a generated password (%v)", err)
	}
	return master
}

// emu is the test's emulator, for its database login stand-in.
var emu *emulator.Instance

func emuClient(t *testing.T) *http.Client {
	t.Helper()
	c, err := emulator.HTTPClient(emu.CABundle)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ingress lists a security group's inbound rules as "proto from-to from
// source", sorted.
func ingress(t *testing.T, ctx context.Context, c *ec2.Client, sg string) []string {
	t.Helper()
	rules := clitest.Must(c.DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{Filters: []ec2types.Filter{
		{Name: aws.String("group-id"), Values: []string{sg}}}}))(t).SecurityGroupRules
	var out []string
	for _, r := range rules {
		if aws.ToBool(r.IsEgress) {
			continue
		}
		src := aws.ToString(r.CidrIpv4) + aws.ToString(r.CidrIpv6)
		if r.ReferencedGroupInfo != nil {
			src = aws.ToString(r.ReferencedGroupInfo.GroupId)
		}
		out = append(out, fmt.Sprintf("%s %d-%d from %s", aws.ToString(r.IpProtocol), aws.ToInt32(r.FromPort), aws.ToInt32(r.ToPort), src))
	}
	slices.Sort(out)
	return out
}
