package cli_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

// repoInfra runs a command that reads configuration only (cost, graph)
// on the repository itself.
func repoInfra(t *testing.T, args ...string) clitest.Result {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return clitest.Infra(t, t.TempDir(), "", append([]string{"-C", root}, args...)...)
}

func costInfra(t *testing.T, args ...string) clitest.Result {
	t.Helper()
	return repoInfra(t, append([]string{"cost"}, args...)...)
}

func TestCostStack(t *testing.T) {
	r := costInfra(t, "tm-prod")
	if r.Code != 0 {
		t.Fatal(r)
	}
	for _, want := range []string{
		"tm-prod: ",
		"aws_db_instance.this  (mysql db.r6g.xlarge Multi-AZ)",
		"instance hours: 730 × 0.9 = 657.00  [rds/mysql/db.r6g.xlarge/multi-az]",
		"node hours: 1460 × 0.219 = 319.74  [elasticache/cache.r7g.large]",
		"nat_data_gb", "(usage file)",
		"Unconfirmed prices used",
	} {
		if !strings.Contains(r.Out, want) {
			t.Errorf("missing %q in:\n%s", want, r.Out)
		}
	}
}

func TestCostAll(t *testing.T) {
	r := costInfra(t, "--all")
	if r.Code != 0 {
		t.Fatal(r)
	}
	for _, want := range []string{"tm-dev", "tm-staging", "tm-prod", "global-iam", "global-ecr", "global-route53", "hms-global", "hms-dev", "hms-prod", "total",
		"Database module.hms.module.database.aws_db_instance.this (postgres db.t3.medium): on-demand vs reserved instance",
		"1yr/partial-upfront"} {
		if !strings.Contains(r.Out, want) {
			t.Errorf("missing %q in:\n%s", want, r.Out)
		}
	}
}

func TestCostJSON(t *testing.T) {
	r := costInfra(t, "hms-prod", "--json")
	if r.Code != 0 {
		t.Fatal(r)
	}
	var reports []struct {
		Stack    string  `json:"stack"`
		Monthly  float64 `json:"monthly"`
		Reserved []struct {
			Options []struct {
				Option  string  `json:"option"`
				Monthly float64 `json:"monthly"`
			} `json:"options"`
		} `json:"reserved_instance_comparison"`
	}
	if err := json.Unmarshal([]byte(r.Out), &reports); err != nil {
		t.Fatalf("%v\n%s", err, r.Out)
	}
	if len(reports) != 1 || reports[0].Stack != "hms-prod" || reports[0].Monthly <= 0 || len(reports[0].Reserved) != 1 {
		t.Fatalf("reports %+v", reports)
	}
	opts := reports[0].Reserved[0].Options
	if opts[0].Option != "on-demand" || math.Abs(opts[0].Monthly-0.072*730) > 1e-9 {
		t.Errorf("on-demand option %+v, want 0.072 × 730", opts[0])
	}
	for _, o := range opts[1:] {
		if o.Monthly >= opts[0].Monthly {
			t.Errorf("reservation %s costs %g a month, not less than on-demand %g", o.Option, o.Monthly, opts[0].Monthly)
		}
	}
}

// TestCostPlanDelta: a plan that doubles the dev API's task count (1 → 2)
// costs one more on-demand task (the strategy's FARGATE base is 2):
// 730 h × (0.5 vCPU × 0.04048 + 1 GB × 0.004445) = 18.02 a month.
func TestCostPlanDelta(t *testing.T) {
	plan := filepath.Join("testdata", "cost", "tm-dev-api-x2.json")
	abs, _ := filepath.Abs(plan)
	r := costInfra(t, "tm-dev", "--plan", abs)
	if r.Code != 0 {
		t.Fatal(r)
	}
	want := `module.taskmanager.module.ecs.aws_ecs_service.this["api"]`
	if !strings.HasPrefix(r.Out, "tm-dev: +18.02 USD/month (18.02 → 36.04)") || !strings.Contains(r.Out, want) {
		t.Errorf("delta:\n%s", r.Out)
	}
	j := costInfra(t, "tm-dev", "--plan", abs, "--json")
	var d struct {
		Delta struct {
			Delta float64 `json:"delta"`
		} `json:"delta"`
	}
	if err := json.Unmarshal([]byte(j.Out), &d); err != nil || math.Abs(d.Delta.Delta-730*(0.5*0.04048+0.004445)) > 1e-9 {
		t.Errorf("JSON delta %+v (%v):\n%s", d, err, j.Out)
	}
}

// TestReadmeCostOutput: the README shows `infra cost --all` as it prints
// now (refresh the block between the markers with its output).
func TestReadmeCostOutput(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- BEGIN infra cost --all -->\n```\n", "```\n<!-- END infra cost --all -->"
	s := string(b)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README lacks the infra cost --all block between %q and %q", begin, end)
	}
	r := costInfra(t, "--all")
	if r.Code != 0 {
		t.Fatal(r)
	}
	if got := s[i+len(begin) : j]; got != r.Out {
		t.Errorf("README's infra cost --all output is stale: replace the block with the output of `go run ./cmd/infra cost --all`\n--- now ---\n%s", r.Out)
	}
}
