package cli_test

import (
	"context"
	"encoding/json"
	"io"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

const (
	stateBucket = "taskmanager-terraform-state"
	lockTable   = "terraform-state-lock"
	stateKeyKMS = "alias/taskmanager-terraform-state"
)

func s3c(cfg aws.Config) *s3.Client {
	return s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true })
}

// TestBootstrap: the backend comes up with every protection, and a second
// run changes nothing and says so.
func TestBootstrap(t *testing.T) {
	clitest.Integration(t)
	t.Parallel()
	state := t.TempDir()
	cfg := clitest.SDK(t, clitest.LocalEmulator(t, state))
	ctx := context.Background()

	first := mustInfra(t, state, "--local", "bootstrap")
	if !strings.Contains(first.Out, "state backend ready") || !strings.Contains(first.Out, "created") {
		t.Fatalf("first bootstrap:\n%s", first.Out)
	}
	second := mustInfra(t, state, "--local", "bootstrap")
	if !strings.Contains(second.Out, "nothing changed") || strings.Contains(second.Out, "created") || strings.Contains(second.Out, "updated") {
		t.Fatalf("second bootstrap changed something:\n%s", second.Out)
	}

	key, err := kms.NewFromConfig(cfg).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(stateKeyKMS)})
	if err != nil {
		t.Fatalf("state key alias: %v", err)
	}
	rot, err := kms.NewFromConfig(cfg).GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: key.KeyMetadata.KeyId})
	if err != nil || !rot.KeyRotationEnabled {
		t.Errorf("key rotation: %v %v", rot, err)
	}

	s := s3c(cfg)
	v, err := s.GetBucketVersioning(ctx, &s3.GetBucketVersioningInput{Bucket: aws.String(stateBucket)})
	if err != nil || v.Status != s3types.BucketVersioningStatusEnabled {
		t.Errorf("versioning: %+v %v", v, err)
	}
	enc, err := s.GetBucketEncryption(ctx, &s3.GetBucketEncryptionInput{Bucket: aws.String(stateBucket)})
	if err != nil {
		t.Fatal(err)
	}
	rule := enc.ServerSideEncryptionConfiguration.Rules[0]
	if rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm != s3types.ServerSideEncryptionAwsKms ||
		aws.ToString(rule.ApplyServerSideEncryptionByDefault.KMSMasterKeyID) != aws.ToString(key.KeyMetadata.Arn) {
		t.Errorf("encryption is not SSE-KMS under the state key: %+v", rule.ApplyServerSideEncryptionByDefault)
	}
	pab, err := s.GetPublicAccessBlock(ctx, &s3.GetPublicAccessBlockInput{Bucket: aws.String(stateBucket)})
	if err != nil {
		t.Fatal(err)
	}
	c := pab.PublicAccessBlockConfiguration
	if !aws.ToBool(c.BlockPublicAcls) || !aws.ToBool(c.IgnorePublicAcls) || !aws.ToBool(c.BlockPublicPolicy) || !aws.ToBool(c.RestrictPublicBuckets) {
		t.Errorf("public access block: %+v", c)
	}
	pol, err := s.GetBucketPolicy(ctx, &s3.GetBucketPolicyInput{Bucket: aws.String(stateBucket)})
	if err != nil || !strings.Contains(aws.ToString(pol.Policy), `"aws:SecureTransport":"false"`) {
		t.Errorf("TLS-only policy: %v %v", aws.ToString(pol.Policy), err)
	}

	ddb := dynamodb.NewFromConfig(cfg)
	tbl, err := ddb.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(lockTable)})
	if err != nil {
		t.Fatal(err)
	}
	ks := tbl.Table.KeySchema
	if len(ks) != 1 || aws.ToString(ks[0].AttributeName) != "LockID" || ks[0].KeyType != ddbtypes.KeyTypeHash ||
		tbl.Table.BillingModeSummary == nil || tbl.Table.BillingModeSummary.BillingMode != ddbtypes.BillingModePayPerRequest {
		t.Errorf("lock table schema: %+v billing %+v", ks, tbl.Table.BillingModeSummary)
	}
	pitr, err := ddb.DescribeContinuousBackups(ctx, &dynamodb.DescribeContinuousBackupsInput{TableName: aws.String(lockTable)})
	if err != nil || pitr.ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus != ddbtypes.PointInTimeRecoveryStatusEnabled {
		t.Errorf("PITR: %+v %v", pitr, err)
	}

	// The TLS-only policy holds on the emulator: plain HTTP is refused.
	plain := cfg.Copy()
	plain.BaseEndpoint = aws.String(strings.Replace(*cfg.BaseEndpoint, "https://", "http://", 1))
	if _, err := s3c(plain).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(stateBucket)}); err == nil {
		t.Error("the emulator answered plain HTTP; it must only speak TLS")
	}
}

// TestBootstrapRefusesForeignOrUnversionedBucket: nothing is created when the
// bucket cannot be adopted.
func TestBootstrapRefusesForeignOrUnversionedBucket(t *testing.T) {
	clitest.Integration(t)
	tests := []struct {
		name  string
		setup func(t *testing.T, cfg aws.Config)
		want  string
	}{
		{
			name: "unversioned bucket",
			setup: func(t *testing.T, cfg aws.Config) {
				if _, err := s3c(cfg).CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(stateBucket)}); err != nil {
					t.Fatal(err)
				}
			},
			want: "put-bucket-versioning",
		},
		{
			name: "bucket of another account",
			setup: func(t *testing.T, cfg aws.Config) {
				ctx := context.Background()
				out, err := sts.NewFromConfig(cfg).AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::111111111111:role/other"), RoleSessionName: aws.String("other-team")})
				if err != nil {
					t.Fatal(err)
				}
				other := cfg.Copy()
				other.Credentials = credentials.NewStaticCredentialsProvider(*out.Credentials.AccessKeyId, *out.Credentials.SecretAccessKey, *out.Credentials.SessionToken)
				if _, err := s3c(other).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(stateBucket)}); err != nil {
					t.Fatal(err)
				}
			},
			want: "belongs to another account",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			state := t.TempDir()
			cfg := clitest.SDK(t, clitest.LocalEmulator(t, state))
			tc.setup(t, cfg)
			r := infra(t, state, "", "--local", "bootstrap")
			if r.Code != cli.ExitError || !strings.Contains(r.Err, tc.want) {
				t.Fatalf("want refusal %q, got %s", tc.want, r)
			}
			ctx := context.Background()
			if _, err := kms.NewFromConfig(cfg).DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(stateKeyKMS)}); err == nil {
				t.Error("a KMS key was created although bootstrap refused")
			}
			if _, err := dynamodb.NewFromConfig(cfg).DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(lockTable)}); err == nil {
				t.Error("the lock table was created although bootstrap refused")
			}
		})
	}
}

// TestWalkingSkeleton: infra up of the dev stack on the emulator, a clean
// second plan, the network as the SDK sees it, and locking under contention.
func TestWalkingSkeleton(t *testing.T) {
	clitest.Integration(t)
	t.Parallel()
	state := t.TempDir()
	inst := clitest.LocalEmulator(t, state)
	cfg := clitest.SDK(t, inst)
	ctx := context.Background()
	mustInfra(t, state, "--local", "bootstrap")

	// Two concurrent applies of one stack: exactly one proceeds.
	t.Run("concurrent applies", func(t *testing.T) {
		if p := infra(t, state, "", "--local", "plan", "dev"); p.Code != cli.ExitChanges || !strings.Contains(p.Out, "to add") {
			t.Fatalf("first plan: want changes (exit 2), got %s", p)
		}
		var outA clitest.SyncBuffer
		doneA := make(chan int, 1)
		go func() {
			doneA <- cli.Run(ctx, []string{"--state-dir", state, "-C", fixtureRepo(t), "--local", "apply", "dev"}, cli.IO{In: strings.NewReader(""), Out: &outA, Err: &outA})
		}()
		holder := waitForLock(t, cfg, doneA)
		b := infra(t, state, "", "--local", "apply", "dev")
		select {
		case code := <-doneA:
			t.Fatalf("the first apply ended (exit %d) before the second was refused; the test proves nothing:\n%s", code, outA.String())
		default:
		}
		if b.Code != cli.ExitRefused || !strings.Contains(b.Err, "is locked by") || !strings.Contains(b.Err, holder) || !strings.Contains(b.Err, "infra unlock") {
			t.Fatalf("second apply: want a lock error naming holder %q, got %s", holder, b)
		}
		if code := <-doneA; code != cli.ExitOK {
			t.Fatalf("first apply failed (%d):\n%s", code, outA.String())
		}
		assertStateNotForked(t, cfg, "dev/terraform.tfstate")
	})

	t.Run("up", func(t *testing.T) {
		r := mustInfra(t, state, "up")
		for _, want := range []string{"already running", "nothing changed", "outputs of tm-dev", "vpc_id = ", "timing: emulator", "tm-dev apply"} {
			if !strings.Contains(r.Out, want) {
				t.Errorf("up output lacks %q:\n%s", want, r.Out)
			}
		}
		// Converged: a second plan has nothing to do.
		if p := infra(t, state, "", "--local", "plan", "dev"); p.Code != cli.ExitOK {
			t.Fatalf("second plan not empty: %s", p)
		}
		status := mustInfra(t, state, "local", "status")
		if !strings.Contains(status.Out, inst.Endpoint) {
			t.Errorf("status: %s", status.Out)
		}
	})

	t.Run("network through the SDK", func(t *testing.T) {
		e := ec2.NewFromConfig(cfg)
		vpcs, err := e.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: aws.String("tag:Name"), Values: []string{"dev-taskmanager-vpc"}}}})
		if err != nil || len(vpcs.Vpcs) != 1 {
			t.Fatalf("dev VPC: %+v %v", vpcs, err)
		}
		vpc := vpcs.Vpcs[0]
		if aws.ToString(vpc.CidrBlock) != "10.10.0.0/16" {
			t.Errorf("VPC CIDR %s", aws.ToString(vpc.CidrBlock))
		}
		inVPC := []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{aws.ToString(vpc.VpcId)}}}
		subnets, err := e.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: inVPC})
		if err != nil {
			t.Fatal(err)
		}
		tiers := map[string][]string{}
		for _, s := range subnets.Subnets {
			tiers[clitest.Tag(s.Tags, "Type")] = append(tiers[clitest.Tag(s.Tags, "Type")], aws.ToString(s.AvailabilityZone)+"="+aws.ToString(s.CidrBlock))
		}
		want := map[string][]string{
			"public":       {"us-east-1a=10.10.0.0/20", "us-east-1b=10.10.16.0/20"},
			"private-app":  {"us-east-1a=10.10.64.0/20", "us-east-1b=10.10.80.0/20"},
			"private-data": {"us-east-1a=10.10.128.0/20", "us-east-1b=10.10.144.0/20"},
		}
		for tier, w := range want {
			got := tiers[tier]
			sort.Strings(got)
			if strings.Join(got, ",") != strings.Join(w, ",") {
				t.Errorf("tier %s: got %v, want %v", tier, got, w)
			}
		}
		nats, err := e.DescribeNatGateways(ctx, &ec2.DescribeNatGatewaysInput{Filter: inVPC})
		if err != nil {
			t.Fatal(err)
		}
		var natIDs []string
		for _, n := range nats.NatGateways {
			if n.State == ec2types.NatGatewayStateAvailable {
				natIDs = append(natIDs, aws.ToString(n.NatGatewayId))
			}
		}
		if len(natIDs) != 1 {
			t.Fatalf("dev runs one shared NAT gateway, got %v", natIDs)
		}
		rts, err := e.DescribeRouteTables(ctx, &ec2.DescribeRouteTablesInput{Filters: inVPC})
		if err != nil {
			t.Fatal(err)
		}
		defaults := map[string]string{} // route table Name -> target of 0.0.0.0/0
		for _, rt := range rts.RouteTables {
			for _, r := range rt.Routes {
				if aws.ToString(r.DestinationCidrBlock) == "0.0.0.0/0" {
					defaults[clitest.Tag(rt.Tags, "Name")] = aws.ToString(r.GatewayId) + aws.ToString(r.NatGatewayId)
				}
			}
		}
		if !strings.HasPrefix(defaults["dev-taskmanager-public-rt"], "igw-") {
			t.Errorf("public default route: %q", defaults["dev-taskmanager-public-rt"])
		}
		for _, az := range []string{"us-east-1a", "us-east-1b"} {
			if got := defaults["dev-taskmanager-private-rt-"+az]; got != natIDs[0] {
				t.Errorf("private %s default route via %q, want the NAT %s", az, got, natIDs[0])
			}
		}
		if got, ok := defaults["dev-taskmanager-data-rt"]; ok {
			t.Errorf("the data tier must have no route out, has one via %s", got)
		}
	})

	t.Run("day two: drift, saved plans", func(t *testing.T) { dayTwo(t, state, cfg) })

	t.Run("destroy", func(t *testing.T) {
		if r := infra(t, state, "no\n", "--local", "destroy", "dev"); r.Code != cli.ExitRefused || !strings.Contains(r.Err, "does not match") {
			t.Fatalf("destroy without the right confirmation: %s", r)
		}
		mustInfra(t, state, "--local", "destroy", "dev", "--yes")
		vpcs, err := ec2.NewFromConfig(cfg).DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: aws.String("tag:Name"), Values: []string{"dev-taskmanager-vpc"}}}})
		if err != nil || len(vpcs.Vpcs) != 0 {
			t.Errorf("VPC survives destroy: %+v %v", vpcs, err)
		}
	})
}

// TestLocalModeRefusesRemoteEndpoints: an endpoint off the loopback
// interface stops a local run before Terraform starts.
func TestLocalModeRefusesRemoteEndpoints(t *testing.T) {
	clitest.Integration(t)
	state := t.TempDir()
	clitest.LocalEmulator(t, state)
	t.Setenv("AWS_ENDPOINT_URL_EC2", "https://ec2.us-east-1.amazonaws.com")
	for _, args := range [][]string{{"--local", "plan", "dev"}, {"--local", "apply", "dev"}, {"--local", "init", "dev"}} {
		r := infra(t, state, "", args...)
		if r.Code != cli.ExitRefused || !strings.Contains(r.Err, "AWS_ENDPOINT_URL_EC2") || !strings.Contains(r.Err, "not a loopback address") {
			t.Errorf("%v: want refusal, got %s", args, r)
		}
	}
}

// waitForLock waits until dev's DynamoDB lock item exists and returns who
// holds it; it fails if the apply ends first.
func waitForLock(t *testing.T, cfg aws.Config, done <-chan int) string {
	t.Helper()
	ddb := dynamodb.NewFromConfig(cfg)
	for {
		out, err := ddb.GetItem(context.Background(), &dynamodb.GetItemInput{
			TableName: aws.String(lockTable),
			Key:       map[string]ddbtypes.AttributeValue{"LockID": &ddbtypes.AttributeValueMemberS{Value: stateBucket + "/dev/terraform.tfstate"}},
		})
		if err == nil && out.Item != nil {
			if info, ok := out.Item["Info"].(*ddbtypes.AttributeValueMemberS); ok {
				var li struct{ Who string }
				if json.Unmarshal([]byte(info.Value), &li) == nil && li.Who != "" {
					return li.Who
				}
			}
		}
		select {
		case code := <-done:
			t.Fatalf("apply ended (exit %d) before its lock was seen", code)
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// assertStateNotForked reads every stored version of a state object: one
// lineage, and no serial written twice.
func assertStateNotForked(t *testing.T, cfg aws.Config, key string) {
	t.Helper()
	ctx := context.Background()
	s := s3c(cfg)
	vs, err := s.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String(stateBucket), Prefix: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	type doc struct {
		Lineage string `json:"lineage"`
		Serial  int    `json:"serial"`
	}
	var docs []doc
	for _, v := range vs.Versions {
		if aws.ToString(v.Key) != key {
			continue
		}
		obj, err := s.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(stateBucket), Key: v.Key, VersionId: v.VersionId})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(obj.Body)
		obj.Body.Close()
		var d doc
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatalf("version %s is not a state document: %v", aws.ToString(v.VersionId), err)
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		t.Fatal("no state versions stored")
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Serial < docs[j].Serial })
	for i, d := range docs {
		if d.Lineage != docs[0].Lineage {
			t.Errorf("state forked: serial %d has lineage %s, serial %d has %s", d.Serial, d.Lineage, docs[0].Serial, docs[0].Lineage)
		}
		if i > 0 && d.Serial == docs[i-1].Serial {
			t.Errorf("state forked: serial %d was written twice", d.Serial)
		}
	}
}
