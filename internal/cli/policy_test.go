package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/policy"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

// plantedRepo copies the fixture repository, plants testdata/planted in its
// dev root and adds tm-prodfix: the same root as a production stack.
func plantedRepo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	if err := os.CopyFS(dir, os.DirFS(fixtureRepo(t))); err != nil {
		t.Fatalf("copy: %v", err)
	}
	tfDir := filepath.Join(dir, "infrastructure", "terraform")
	dev := filepath.Join(tfDir, "environments", "dev")
	b, err := os.ReadFile(filepath.Join("testdata", "planted", "planted.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dev, "planted.tf"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	prod := filepath.Join(tfDir, "environments", "prodfix")
	if err := os.CopyFS(prod, os.DirFS(dev)); err != nil {
		t.Fatalf("copy: %v", err)
	}
	be, err := os.ReadFile(filepath.Join(prod, "backend.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prod, "backend.tf"), []byte(strings.ReplaceAll(string(be), "dev/terraform.tfstate", "prodfix/terraform.tfstate")), 0o644); err != nil {
		t.Fatal(err)
	}
	addStack(t, dir, "tm-prodfix", "environments/prodfix", "production")
	return dir
}

// planted is what the rules must find in testdata/planted: rule id and
// resource address, exactly.
var planted = []string{
	"INFRA-CFG-005 aws_iam_policy.planted",
	"INFRA-CFG-005 aws_s3_bucket.planted",
	"INFRA-CFG-005 aws_security_group.planted",
	"INFRA-CFG-005 aws_sns_topic.planted",
	"INFRA-DATA-002 aws_s3_bucket.planted",
	"INFRA-DATA-003 aws_s3_bucket.planted",
	"INFRA-DATA-004 aws_s3_bucket.planted",
	"INFRA-ENC-003 aws_s3_bucket.planted",
	"INFRA-IAM-001 aws_iam_policy.planted",
	"INFRA-IAM-008 aws_iam_policy.planted",
	"INFRA-NET-001 aws_security_group.planted",
	"INFRA-NET-002 aws_security_group.planted",
	"INFRA-TAG-001 aws_sns_topic.planted",
	"INFRA-TLS-008 aws_s3_bucket.planted",
}

// TestPolicyPlantedViolations plants violations in a copy of a root and
// checks the exact rule ids, the exit code of `infra policy` and that a
// production apply is refused, listing each HIGH finding, before anything
// changes.
func TestPolicyPlantedViolations(t *testing.T) {
	clitest.Integration(t)
	t.Parallel()
	repo := plantedRepo(t)
	state := t.TempDir()
	run := func(stdin string, args ...string) clitest.Result {
		return infra(t, state, stdin, append([]string{"-C", repo}, args...)...)
	}
	if r := run("", "local", "up"); r.Code != cli.ExitOK {
		t.Fatalf("local up: %s", r)
	}
	t.Cleanup(func() { run("", "local", "down") })
	if r := run("", "--local", "bootstrap"); r.Code != cli.ExitOK {
		t.Fatalf("bootstrap: %s", r)
	}

	r := run("", "--local", "plan", "tm-dev")
	if r.Code != cli.ExitChanges || !strings.Contains(r.Out, "Policy tm-dev:") || !strings.Contains(r.Out, "INFRA-NET-001 aws_security_group.planted ingress[0]: port 22 open to 0.0.0.0/0") {
		t.Fatalf("plan must save the plan (exit 2) and print the findings after the summary: %s", r)
	}

	r = run("", "--local", "policy", "tm-dev", "--json")
	if r.Code != cli.ExitFindings {
		t.Fatalf("policy with unwaived findings must exit %d: %s", cli.ExitFindings, r)
	}
	var reports []policy.Report
	if err := json.Unmarshal([]byte(r.Out), &reports); err != nil || len(reports) != 1 {
		t.Fatalf("policy --json: %v\n%s", err, r)
	}
	var got []string
	for _, f := range reports[0].Unwaived() {
		if strings.HasSuffix(f.Address, ".planted") {
			got = append(got, f.ID+" "+f.Address)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, planted) {
		t.Errorf("planted findings:\n got %q\nwant %q", got, planted)
	}

	if r := run("", "--local", "plan", "tm-prodfix"); r.Code != cli.ExitChanges {
		t.Fatalf("plan tm-prodfix: %s", r)
	}
	r = run("tm-prodfix\n", "--local", "apply", "tm-prodfix")
	if r.Code != cli.ExitFindings || !strings.Contains(r.Err, "refusing to apply to production tm-prodfix") || !strings.Contains(r.Err, "nothing was changed") {
		t.Fatalf("production apply with HIGH findings must be refused with exit %d: %s", cli.ExitFindings, r)
	}
	for _, want := range []string{
		"HIGH INFRA-ENC-003 aws_s3_bucket.planted", "HIGH INFRA-DATA-002 aws_s3_bucket.planted", "HIGH INFRA-TLS-008 aws_s3_bucket.planted",
		"HIGH INFRA-NET-001 aws_security_group.planted", "HIGH INFRA-NET-002 aws_security_group.planted", "HIGH INFRA-IAM-001 aws_iam_policy.planted",
	} {
		if !strings.Contains(r.Err, want) {
			t.Errorf("the refusal must list %q: %s", want, r)
		}
	}
	if strings.Contains(r.Err, "INFRA-TAG-001") {
		t.Errorf("the refusal lists only HIGH findings: %s", r)
	}
	inst, err := emulator.Status(context.Background(), filepath.Join(state, "emulator"))
	if err != nil {
		t.Fatal(err)
	}
	vpcs, err := ec2.NewFromConfig(clitest.SDK(t, inst)).DescribeVpcs(context.Background(), &ec2.DescribeVpcsInput{
		Filters: []ec2types.Filter{{Name: aws.String("tag:Environment"), Values: []string{"dev"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(vpcs.Vpcs) != 0 {
		t.Errorf("a refused apply must change nothing, found %d VPCs", len(vpcs.Vpcs))
	}
}
