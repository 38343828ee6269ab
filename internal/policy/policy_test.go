package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
)

// Saved plans of the stacks (terraform show -json on the emulator, trimmed
// to what the rules read: variables, configuration, resource_changes without
// before values): first plans, and tm-dev converged (a plan right after
// apply, every policy document and container definition known).
var fixtures = []struct {
	stack, system, environment, root string
}{
	{"tm-dev-converged", "taskmanager", "dev", "environments/dev"},
	{"tm-prod", "taskmanager", "production", "environments/production"},
	{"hms-prod", "hms", "production", "hms/production"},
	{"global-ecr", "global", "global", "global/ecr"},
	{"global-route53", "global", "global", "global/route53"},
	{"global-iam", "global", "global", "global/iam"},
}

var goodBackend = &Backend{Type: "s3", Encrypt: true, KMSKeyID: "alias/taskmanager-terraform-state", DynamoDBTable: "terraform-state-lock", UseLockfile: true}

func loadPlan(tb testing.TB, stack string) (*tfjson.Plan, []byte) {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "plans", stack+".json"))
	if err != nil {
		tb.Fatal(err)
	}
	var p tfjson.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		tb.Fatal(err)
	}
	return &p, b
}

func repoRoot(tb testing.TB) string {
	tb.Helper()
	r, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func library(tb testing.TB) *Library {
	tb.Helper()
	lib, err := Load(context.Background(), filepath.Join(repoRoot(tb), Dir))
	if err != nil {
		tb.Fatal(err)
	}
	return lib
}

// TestStackPlansAreClean: the stacks' plans have no unwaived finding, and
// the waivers the modules declare are applied (the public load balancer).
func TestStackPlansAreClean(t *testing.T) {
	lib := library(t)
	repo := repoRoot(t)
	for _, fx := range fixtures {
		t.Run(fx.stack, func(t *testing.T) {
			p, _ := loadPlan(t, fx.stack)
			r, err := lib.Evaluate(context.Background(), p, Where{Repo: repo, Root: filepath.Join(repo, "infrastructure", "terraform", fx.root), Today: time.Now().UTC().Format(time.DateOnly)},
				Context{Stack: fx.stack, System: fx.system, Environment: fx.environment, Backend: goodBackend})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range r.Unwaived() {
				t.Errorf("unwaived: %s", f.Line())
			}
			if fx.system == "global" {
				return
			}
			waived := false
			for _, f := range r.Findings {
				if f.ID == "INFRA-NET-006" && strings.HasSuffix(f.Address, "module.alb.aws_lb.this") && f.Waived() && f.Waiver.File == "infrastructure/terraform/modules/alb/main.tf" {
					waived = true
				}
			}
			if !waived {
				t.Errorf("the public load balancer must be reported and waived in modules/alb: %+v", r.Findings)
			}
		})
	}
}

func TestParseWaiver(t *testing.T) {
	known := map[string]Rule{"INFRA-NET-006": {}}
	tests := []struct {
		line, problem string
		ok            bool
	}{
		{`# infra:waive INFRA-NET-006 until=2027-06-30 reason="public by design"`, "", true},
		{`// infra:waive INFRA-NET-006 reason="public by design" until=2027-06-30`, "", true},
		{`# infra:waive INFRA-NET-006 until=2024-01-31 reason="public by design"`, "expired on 2024-01-31", true},
		{`# infra:waive INFRA-NET-006 until=2027-06-30`, `gives no reason (reason="…")`, true},
		{`# infra:waive INFRA-NET-006 until=2027-06-30 reason=""`, `gives no reason (reason="…")`, true},
		{`# infra:waive INFRA-NET-006 reason="x"`, "has no expiry (until=YYYY-MM-DD)", true},
		{`# infra:waive INFRA-NET-006 until=soon reason="x"`, `has an expiry that is not a date: "soon" (until=YYYY-MM-DD)`, true},
		{`# infra:waive INFRA-XXX-999 until=2027-06-30 reason="x"`, "names unknown rule INFRA-XXX-999", true},
		{`# infra:waive until=2027-06-30 reason="x"`, "names no rule", true},
		{`#tfsec:ignore:aws-elb-alb-not-public:exp:2027-06-30`, "", false},
		{`# The load balancer is public.`, "", false},
	}
	for _, tc := range tests {
		w, ok := parseWaiver(tc.line, "2026-01-01", known)
		if ok != tc.ok || w.Problem != tc.problem {
			t.Errorf("%s: got ok=%v problem %q, want ok=%v %q", tc.line, ok, w.Problem, tc.ok, tc.problem)
		}
	}
}

// TestWaiversApply: a valid waiver directly above a block covers that rule
// on every instance; comments separated by a blank line do not count; an
// expired waiver covers nothing and is a finding.
func TestWaiversApply(t *testing.T) {
	dir := t.TempDir()
	src := `# A comment above the waivers is fine.
# infra:waive INFRA-NET-006 until=2027-06-30 reason="public by design"
#tfsec:ignore:aws-elb-alb-not-public:exp:2027-06-30
resource "aws_lb" "public" {
  internal = false
}

# infra:waive INFRA-NET-006 until=2027-06-30 reason="not adjacent"

resource "aws_lb" "gap" {
  internal = false
}

# infra:waive INFRA-NET-006 until=2020-01-01 reason="was public during the migration"
resource "aws_lb" "expired" {
  internal = false
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	idx, err := ScanWaivers(dir, dir, nil, map[string]Rule{"INFRA-NET-006": {}}, "2026-01-01")
	if err != nil {
		t.Fatal(err)
	}
	fs := idx.Apply([]Finding{
		{ID: "INFRA-NET-006", Address: `aws_lb.public[0]`},
		{ID: "INFRA-NET-006", Address: `aws_lb.public["b.c"]`},
		{ID: "INFRA-TLS-003", Address: `aws_lb.public[0]`},
		{ID: "INFRA-NET-006", Address: "aws_lb.gap"},
		{ID: "INFRA-NET-006", Address: "aws_lb.expired"},
	})
	var got []string
	for _, f := range fs {
		state := "open"
		if f.Waived() {
			state = fmt.Sprintf("waived %s:%d", f.Waiver.File, f.Waiver.Line)
		}
		got = append(got, fmt.Sprintf("%s %s %s", f.ID, f.Address, state))
	}
	want := []string{
		`INFRA-NET-006 aws_lb.public[0] waived main.tf:2`,
		`INFRA-NET-006 aws_lb.public["b.c"] waived main.tf:2`,
		`INFRA-TLS-003 aws_lb.public[0] open`,
		`INFRA-NET-006 aws_lb.gap open`,
		`INFRA-NET-006 aws_lb.expired open`,
		`INFRA-WAIVER-001 aws_lb.expired open`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if m := fs[5].Message; m != "waiver of INFRA-NET-006 at main.tf:14 expired on 2020-01-01" {
		t.Errorf("waiver finding message: %q", m)
	}
}

// TestEveryTfsecIgnoreHasAWaiver: the independent scanner's ignore comments
// sit beside a waiver of the project's own form, in the same comment lines.
func TestEveryTfsecIgnoreHasAWaiver(t *testing.T) {
	root := filepath.Join(repoRoot(t), "infrastructure", "terraform")
	n := 0
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".tf") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		lines := strings.Split(string(b), "\n")
		for i, l := range lines {
			if !strings.HasPrefix(strings.TrimSpace(l), "#tfsec:ignore:") {
				continue
			}
			n++
			found := false
			for j := i - 1; j >= 0 && strings.HasPrefix(strings.TrimSpace(lines[j]), "#"); j-- {
				if strings.Contains(lines[j], "infra:waive ") && strings.Contains(lines[j], "reason=") {
					found = true
				}
			}
			if !found {
				t.Errorf("%s:%d: tfsec ignore without an infra:waive line above it", path, i+1)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no tfsec ignore comment found: the scan of the tree is broken")
	}
}

// TestCatalogIsDocumented: policy/README.md lists every rule.
func TestCatalogIsDocumented(t *testing.T) {
	lib := library(t)
	readme, err := os.ReadFile(filepath.Join(repoRoot(t), Dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(lib.Catalog))
	for id := range lib.Catalog {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if !strings.Contains(string(readme), "`"+id+"`") {
			t.Errorf("policy/README.md does not document %s", id)
		}
	}
}

// BenchmarkEvaluateLargestPlan: the largest real plan (tm-prod), policy
// compilation included, as `infra plan` pays it.
func BenchmarkEvaluateLargestPlan(b *testing.B) {
	_, raw := loadPlan(b, "tm-prod")
	dir := filepath.Join(repoRoot(b), Dir)
	ctx := context.Background()
	c := Context{Stack: "tm-prod", System: "taskmanager", Environment: "production", Backend: goodBackend}
	for b.Loop() {
		lib, err := Load(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		in, err := Input(raw, c)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := lib.Eval(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSynthetic1000 evaluates a 1,000-resource plan with the compiled
// library and reports the p95 of single evaluations.
func BenchmarkSynthetic1000(b *testing.B) {
	lib := library(b)
	ctx := context.Background()
	in, err := Input(synthetic(1000), Context{Stack: "synthetic", System: "taskmanager", Environment: "production", Backend: goodBackend})
	if err != nil {
		b.Fatal(err)
	}
	var times []time.Duration
	for b.Loop() {
		start := time.Now()
		fs, err := lib.Eval(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if len(fs) == 0 {
			b.Fatal("the synthetic plan must produce findings")
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	p95 := times[(len(times)*95)/100]
	b.ReportMetric(float64(p95.Microseconds())/1000, "p95-ms")
	b.ReportMetric(200/(float64(p95.Microseconds())/1000), "goal/p95")
}

// synthetic is a plan of n resources of the kinds the rules read most: a
// tenth of them with a violation.
func synthetic(n int) []byte {
	tags := map[string]any{"Project": "p", "Environment": "production", "ManagedBy": "terraform"}
	var rcs []map[string]any
	for i := 0; len(rcs) < n; i++ {
		mod := fmt.Sprintf("module.m%d", i%20)
		add := func(t, name string, after map[string]any) {
			after["tags_all"] = tags
			rcs = append(rcs, map[string]any{"address": fmt.Sprintf("%s.%s.%s", mod, t, name), "module_address": mod, "mode": "managed", "type": t, "name": name,
				"change": map[string]any{"actions": []string{"no-op"}, "after": after, "after_unknown": map[string]any{}}})
		}
		bad := i%10 == 0
		name := fmt.Sprintf("r%d", i)
		bucket := fmt.Sprintf("bucket-%d", i)
		add("aws_s3_bucket", name, map[string]any{"bucket": bucket, "force_destroy": bad})
		add("aws_s3_bucket_public_access_block", name, map[string]any{"bucket": bucket, "block_public_acls": true, "block_public_policy": !bad, "ignore_public_acls": true, "restrict_public_buckets": true})
		add("aws_cloudwatch_log_group", name, map[string]any{"name": name, "retention_in_days": 30, "kms_key_id": "arn:aws:kms:us-east-1:111122223333:key/k"})
		add("aws_vpc_security_group_ingress_rule", name, map[string]any{"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": map[bool]string{true: "0.0.0.0/0", false: "10.0.0.0/16"}[bad], "security_group_id": "sg-1"})
		add("aws_iam_role_policy", name, map[string]any{"policy": fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::%s/*"}]}`, bucket)})
	}
	b, _ := json.Marshal(map[string]any{"resource_changes": rcs[:n], "configuration": map[string]any{"root_module": map[string]any{}}})
	return b
}

// TestGlobalIAMHasNoServiceWildcard: the CI roles' policies grant no whole
// service (INFRA-IAM-002), and what stays on "*" is waived where declared:
// kms:CreateKey (INFRA-IAM-003) and the actions without a resource type
// (INFRA-IAM-008) of the apply role and the plan role's GetRandomPassword.
func TestGlobalIAMHasNoServiceWildcard(t *testing.T) {
	repo := repoRoot(t)
	p, _ := loadPlan(t, "global-iam")
	r, err := library(t).Evaluate(context.Background(), p, Where{Repo: repo, Root: filepath.Join(repo, "infrastructure", "terraform", "global", "iam"), Today: time.Now().UTC().Format(time.DateOnly)},
		Context{Stack: "global-iam", System: "global", Environment: "global", Backend: goodBackend})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		if !f.Waived() {
			t.Errorf("unwaived: %s", f.Line())
		}
		got = append(got, f.ID+" "+f.Address)
	}
	sort.Strings(got)
	want := []string{
		"INFRA-IAM-003 aws_iam_policy.apply_compute",
		"INFRA-IAM-008 aws_iam_policy.apply_compute",
		"INFRA-IAM-008 aws_iam_policy.apply_compute",
		"INFRA-IAM-008 aws_iam_role_policy.plan_secrets",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings of global-iam:\n got %q\nwant %q", got, want)
	}
	// IAM refuses a managed policy over 6,144 characters (white space not
	// counted; IAM quotas), which the emulator does not check.
	for _, rc := range p.ResourceChanges {
		if rc.Type != "aws_iam_policy" {
			continue
		}
		doc, _ := rc.Change.After.(map[string]any)["policy"].(string)
		if n := len(strings.Join(strings.Fields(doc), "")); n == 0 || n > 6144 {
			t.Errorf("%s: policy of %d characters, want 1-6144", rc.Address, n)
		}
	}
}
