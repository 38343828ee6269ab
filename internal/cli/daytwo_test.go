package cli_test

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

// dayTwo runs against the applied dev stack of TestWalkingSkeleton: drift
// made through the SDK is reported with resource and attribute (exit 3), a
// reviewed plan repairs it, a plan made before someone else's apply is
// refused as stale, and bad input is refused with nothing changed.
func dayTwo(t *testing.T, state string, cfg aws.Config) {
	ctx := context.Background()
	e := ec2.NewFromConfig(cfg)

	if r := infra(t, state, "", "--local", "drift", "dev"); r.Code != cli.ExitOK || !strings.Contains(r.Out, "tm-dev: in sync") {
		t.Fatalf("untouched stack: want in sync (exit 0), got %s", r)
	}

	vpcs, err := e.DescribeVpcs(ctx, &ec2.DescribeVpcsInput{Filters: []ec2types.Filter{{Name: aws.String("tag:Name"), Values: []string{"dev-taskmanager-vpc"}}}})
	if err != nil || len(vpcs.Vpcs) != 1 {
		t.Fatalf("dev VPC: %v", err)
	}
	vpcID := aws.ToString(vpcs.Vpcs[0].VpcId)
	subnets, err := e.DescribeSubnets(ctx, &ec2.DescribeSubnetsInput{Filters: []ec2types.Filter{{Name: aws.String("vpc-id"), Values: []string{vpcID}}}})
	if err != nil || len(subnets.Subnets) == 0 {
		t.Fatalf("subnets: %v", err)
	}
	subnet := subnets.Subnets[0]
	if _, err := e.CreateTags(ctx, &ec2.CreateTagsInput{Resources: []string{vpcID}, Tags: []ec2types.Tag{{Key: aws.String("Owner"), Value: aws.String("someone-by-hand")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DeleteTags(ctx, &ec2.DeleteTagsInput{Resources: []string{aws.ToString(subnet.SubnetId)}, Tags: []ec2types.Tag{{Key: aws.String("Type")}}}); err != nil {
		t.Fatal(err)
	}

	r := infra(t, state, "", "--local", "drift", "dev")
	if r.Code != cli.ExitFindings {
		t.Fatalf("drift: want exit 3, got %s", r)
	}
	for _, want := range []string{"tm-dev: DRIFTED", "aws_vpc.", `tags.Owner: null → "someone-by-hand"`, "aws_subnet.", "tags.Type: "} {
		if !strings.Contains(r.Out, want) {
			t.Errorf("drift report lacks %q:\n%s", want, r.Out)
		}
	}
	clitest.DriftMatchesShow(t, fixtureRepo(t), state, "tm-dev")
	clitest.StateMatchesShow(t, fixtureRepo(t), state, "tm-dev")
	md := infra(t, state, "", "--local", "drift", "--all", "--markdown")
	if md.Code != cli.ExitFindings || !strings.Contains(md.Out, "<details>") || !strings.Contains(md.Out, "**tm-dev**: drifted") {
		t.Errorf("drift --markdown: %s", md)
	}

	// A plan made now goes stale when someone else applies first.
	stale := filepath.Join(t.TempDir(), "stale.tfplan")
	if p := infra(t, state, "", "--local", "plan", "dev", "--out", stale); p.Code != cli.ExitChanges {
		t.Fatalf("plan to repair drift: want changes (exit 2), got %s", p)
	}
	p := infra(t, state, "", "--local", "plan", "dev", "--markdown")
	if p.Code != cli.ExitChanges || !strings.Contains(p.Out, "| `aws_vpc` |") || !strings.Contains(p.Out, "plan hash") {
		t.Fatalf("plan --markdown: %s", p)
	}
	// Beside the summary: the monthly cost delta (a tag repair costs
	// nothing) and the picture of the changes, updates in yellow.
	for _, want := range []string{"**Monthly cost:** +0.00 USD", "```mermaid", "classDef update fill:#fefcbf", "~ aws_vpc.this"} {
		if !strings.Contains(p.Out, want) {
			t.Errorf("plan --markdown lacks %q:\n%s", want, p.Out)
		}
	}
	mustInfra(t, state, "--local", "apply", "dev")
	if r := infra(t, state, "", "--local", "drift", "dev"); r.Code != cli.ExitOK {
		t.Fatalf("after the repair: want in sync, got %s", r)
	}
	r = infra(t, state, "", "--local", "apply", "dev", "--plan", stale)
	if r.Code != cli.ExitRefused || !strings.Contains(r.Err, "stale plan") || !strings.Contains(r.Err, "infra plan tm-dev") {
		t.Fatalf("stale plan: want refusal, got %s", r)
	}

	dayTwoLock(t, state, cfg)
	dayTwoStateSurgery(t, state, cfg)
	dayTwoVerify(t, state, cfg)

	// Bad input: refused, nothing changed.
	junk := filepath.Join(t.TempDir(), "junk.tfplan")
	if err := os.WriteFile(junk, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"not a plan", []string{"--local", "apply", "dev", "--plan", junk}, cli.ExitError, "not a plan saved by `infra plan`"},
		{"no saved plan", []string{"--local", "apply", "dev"}, cli.ExitError, "run `infra plan tm-dev` first"},
		{"drift on unknown stack", []string{"--local", "drift", "tm-qa"}, cli.ExitError, "known stacks"},
		{"drift without stacks", []string{"--local", "drift"}, cli.ExitError, "--all"},
		{"restore of a missing version", []string{"--local", "state", "restore", "dev", "no-such-version", "--yes"}, cli.ExitError, "infra state versions tm-dev"},
		{"unlock when not locked", []string{"--local", "unlock", "dev", "1234", "--yes"}, cli.ExitError, "not locked"},
		{"state rm of an address not in state", []string{"--local", "state", "rm", "dev", "aws_vpc.nope", "--yes"}, cli.ExitError, "no resource aws_vpc.nope in the state"},
		{"state mv of an address not in state", []string{"--local", "state", "mv", "dev", "aws_vpc.nope", "aws_vpc.other", "--yes"}, cli.ExitError, "infra state list"},
		{"plan --replace of an address not in state", []string{"--local", "plan", "dev", "--replace", "aws_vpc.nope"}, cli.ExitError, "no resource aws_vpc.nope in the state"},
		{"import --generate of an unknown stack", []string{"--local", "import", "qa", "aws_vpc.x", "vpc-1", "--generate"}, cli.ExitError, "known stacks"},
		{"endpoint switch in local mode", []string{"--local", "plan", "dev"}, cli.ExitRefused, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"},
		{"locking turned off", []string{"--local", "apply", "dev"}, cli.ExitRefused, "asks terraform not to lock the state"},
	}
	envOf := map[string][2]string{
		"endpoint switch in local mode": {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"},
		"locking turned off":            {"TF_CLI_ARGS_apply", "-lock=false"},
	}
	// Clean plans save no-change plans (an apply consumes the others); drop
	// any saved one so apply has none.
	if err := os.Remove(filepath.Join(state, "plans", "local", "tm-dev.tfplan")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			serial := stateSerial(t, cfg, "dev/terraform.tfstate")
			var r clitest.Result
			if kv, ok := envOf[tc.name]; ok {
				// In a process of its own: the variable must not reach the
				// tests running beside this one in this process.
				r = infraProcess(t, state, []string{kv[0] + "=" + kv[1]}, tc.args...)
			} else {
				r = infra(t, state, "", tc.args...)
			}
			if r.Code != tc.code || !strings.Contains(r.Err, tc.want) {
				t.Fatalf("want exit %d with %q, got %s", tc.code, tc.want, r)
			}
			if got := stateSerial(t, cfg, "dev/terraform.tfstate"); got != serial {
				t.Errorf("state serial %d -> %d: a refused command changed the state", serial, got)
			}
			if st := mustInfra(t, state, "--local", "lock", "status", "dev"); !strings.Contains(st.Out, "tm-dev: unlocked") {
				t.Errorf("a lock was left: %s", st.Out)
			}
		})
	}

	// A failed plan keeps the saved plan it would have replaced.
	if p := infra(t, state, "", "--local", "plan", "dev"); p.Code != cli.ExitOK {
		t.Fatalf("plan: %s", p)
	}
	saved := filepath.Join(state, "plans", "local", "tm-dev.tfplan")
	good, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	// infra drops TF_VAR_* and TF_CLI_ARGS* (terraform-exec), so the bad
	// value comes from an auto-loaded tfvars file in the root.
	badVars := filepath.Join(fixtureRepo(t), "infrastructure", "terraform", "environments", "dev", "zz-bad.auto.tfvars")
	if err := os.WriteFile(badVars, []byte("vpc_cidr = \"not-a-cidr\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p = infra(t, state, "", "--local", "plan", "dev")
	os.Remove(badVars)
	if p.Code != cli.ExitError {
		t.Fatalf("plan with an invalid variable: want exit 1, got %s", p)
	}
	if now, err := os.ReadFile(saved); err != nil || string(now) != string(good) {
		t.Errorf("a failed plan replaced the saved plan (%v)", err)
	}
}

// dayTwoLock writes a lock through the backend (lockfile object and DynamoDB
// item, as a crashed run leaves them): status names the holder, a wrong id is
// refused, the right one frees the state.
func dayTwoLock(t *testing.T, state string, cfg aws.Config) {
	ctx := context.Background()
	const id = "6f1c2d3e-0000-4000-8000-00000000dead"
	info := `{"ID":"` + id + `","Operation":"OperationTypeApply","Info":"","Who":"alice@crashed-laptop","Version":"1.11.4","Created":"2026-01-02T03:04:05Z","Path":"taskmanager-terraform-state/dev/terraform.tfstate"}`
	if _, err := s3c(cfg).PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(stateBucket), Key: aws.String("dev/terraform.tfstate.tflock"), Body: strings.NewReader(info)}); err != nil {
		t.Fatal(err)
	}
	if _, err := dynamodb.NewFromConfig(cfg).PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(lockTable), Item: map[string]ddbtypes.AttributeValue{
		"LockID": &ddbtypes.AttributeValueMemberS{Value: stateBucket + "/dev/terraform.tfstate"},
		"Info":   &ddbtypes.AttributeValueMemberS{Value: info},
	}}); err != nil {
		t.Fatal(err)
	}
	st := mustInfra(t, state, "--local", "lock", "status", "dev")
	for _, want := range []string{"LOCKED by alice@crashed-laptop", "since 2026-01-02T03:04:05Z", "OperationTypeApply", id, "infra unlock tm-dev " + id} {
		if !strings.Contains(st.Out, want) {
			t.Errorf("lock status lacks %q:\n%s", want, st.Out)
		}
	}
	if r := infra(t, state, "", "--local", "plan", "dev"); r.Code != cli.ExitRefused || !strings.Contains(r.Err, "alice@crashed-laptop") ||
		!strings.Contains(r.Err, "infra unlock tm-dev "+id) || !strings.Contains(r.Err, "docs/runbooks/stuck-state-lock.md") || strings.Contains(r.Err, "OperationType") {
		t.Errorf("plan while locked: want a refusal naming the holder, the stack's unlock command and the runbook, got %s", r)
	}
	if !strings.Contains(st.Out, "another host") {
		t.Errorf("lock status of a lock taken elsewhere does not say so:\n%s", st.Out)
	}
	if r := infra(t, state, "", "--local", "unlock", "dev", "wrong-id", "--yes"); r.Code != cli.ExitRefused || !strings.Contains(r.Err, "is not the one holding") {
		t.Fatalf("unlock with a wrong id: want refusal, got %s", r)
	}
	if r := infra(t, state, "no\n", "--local", "unlock", "dev", id); r.Code != cli.ExitRefused {
		t.Fatalf("unlock without confirmation: want refusal, got %s", r)
	}
	mustInfra(t, state, "--local", "unlock", "dev", id, "--yes")
	if st := mustInfra(t, state, "--local", "lock", "status", "dev"); !strings.Contains(st.Out, "tm-dev: unlocked") {
		t.Fatalf("after unlock: %s", st.Out)
	}
}

// dayTwoStateSurgery: a resource forgotten with state rm shows up in the plan;
// import brings it back and the plan is clean; after another rm, restoring
// the earlier state version brings it back too.
func dayTwoStateSurgery(t *testing.T, state string, cfg aws.Config) {
	_ = cfg
	var addr string
	for _, l := range strings.Split(mustInfra(t, state, "--local", "state", "list", "dev").Out, "\n") {
		if strings.Contains(l, "aws_internet_gateway.") {
			addr = strings.TrimSpace(l)
		}
	}
	if addr == "" {
		t.Fatal("no internet gateway in the state of tm-dev")
	}
	show := mustInfra(t, state, "--local", "state", "show", "dev", addr)
	m := regexp.MustCompile(`"id": "(igw-[0-9a-f]+)"`).FindStringSubmatch(show.Out)
	if m == nil {
		t.Fatalf("state show: no id:\n%s", show.Out)
	}
	igw := m[1]
	before := mustInfra(t, state, "--local", "state", "versions", "dev")
	v0 := strings.Fields(strings.SplitN(before.Out, "\n", 2)[0])[0]

	mustInfra(t, state, "--local", "state", "rm", "dev", addr, "--yes")
	if r := infra(t, state, "", "--local", "plan", "dev"); r.Code != cli.ExitChanges {
		t.Fatalf("plan after state rm: want changes, got %s", r)
	}
	if g := mustInfra(t, state, "--local", "import", "dev", addr, igw, "--generate"); !strings.Contains(g.Out, "to = "+addr) {
		t.Errorf("import --generate: %s", g.Out)
	}
	mustInfra(t, state, "--local", "import", "dev", addr, igw, "--yes")
	// The AWS provider imports tags that equal default_tags into tags_all
	// only, so the first plan re-states them in tags (an in-place no-op for
	// AWS); nothing is created, replaced or destroyed.
	r := infra(t, state, "", "--local", "plan", "dev", "--json")
	var sum struct {
		Summary struct{ Add, Replace, Destroy int } `json:"summary"`
	}
	if r.Code == cli.ExitError || json.Unmarshal([]byte(r.Out), &sum) != nil {
		t.Fatalf("plan after import: %s", r)
	}
	if sum.Summary.Add+sum.Summary.Replace+sum.Summary.Destroy != 0 {
		t.Fatalf("plan after import creates, replaces or destroys: %s", r.Out)
	}
	if r.Code == cli.ExitChanges {
		mustInfra(t, state, "--local", "apply", "dev")
	}
	if r := infra(t, state, "", "--local", "plan", "dev"); r.Code != cli.ExitOK {
		t.Fatalf("plan after import: want clean, got %s", r)
	}

	mustInfra(t, state, "--local", "state", "rm", "dev", addr, "--yes")
	r = mustInfra(t, state, "--local", "state", "restore", "dev", v0, "--yes")
	m = regexp.MustCompile(`kept in (\S+)`).FindStringSubmatch(r.Out)
	if m == nil {
		t.Fatalf("restore does not say where the replaced state is: %s", r.Out)
	}
	if _, err := os.Stat(m[1]); err != nil {
		t.Errorf("backup copy: %v", err)
	}
	if r := infra(t, state, "", "--local", "plan", "dev"); r.Code != cli.ExitOK {
		t.Fatalf("plan after restore: want clean, got %s", r)
	}
	if l := mustInfra(t, state, "--local", "state", "list", "dev"); !strings.Contains(l.Out, addr) {
		t.Errorf("restored state lacks %s", addr)
	}
}

// dayTwoVerify: a resource deleted behind Terraform's back fails verify
// with exit 3 (a finding, like drift) naming the resource; a reviewed plan
// and apply bring it back and verify passes again.
func dayTwoVerify(t *testing.T, state string, cfg aws.Config) {
	const group = "/aws/vpc/dev-taskmanager/flow-logs"
	if _, err := cloudwatchlogs.NewFromConfig(cfg).DeleteLogGroup(context.Background(), &cloudwatchlogs.DeleteLogGroupInput{LogGroupName: aws.String(group)}); err != nil {
		t.Fatal(err)
	}
	r := infra(t, state, "", "--local", "verify", "dev")
	if r.Code != cli.ExitFindings || !strings.Contains(r.Out, "FAIL") || !strings.Contains(r.Out, "aws_cloudwatch_log_group") || !strings.Contains(r.Err, "checks of tm-dev failed") {
		t.Fatalf("verify with a deleted log group: want exit 3 naming it, got %s", r)
	}
	if p := infra(t, state, "", "--local", "plan", "dev"); p.Code != cli.ExitChanges {
		t.Fatalf("plan to recreate the log group: want changes, got %s", p)
	}
	mustInfra(t, state, "--local", "apply", "dev")
	mustInfra(t, state, "--local", "verify", "dev")
}

// stateSerial is the serial of the state object at key.
func stateSerial(t *testing.T, cfg aws.Config, key string) int {
	t.Helper()
	serial, _ := stateInfo(t, cfg, key)
	return serial
}

// stateInfo reads the serial and lineage of the state object at key.
func stateInfo(t *testing.T, cfg aws.Config, key string) (int, string) {
	t.Helper()
	obj, err := s3c(cfg).GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(stateBucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Body.Close()
	var st struct {
		Serial  int
		Lineage string
	}
	if err := json.NewDecoder(obj.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	return st.Serial, st.Lineage
}
