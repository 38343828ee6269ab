package cost

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/taskmanager-platform/infra/internal/inventory"
	"github.com/taskmanager-platform/infra/internal/testutil/golden"
)

func planFixture(t *testing.T, stack string) *tfjson.Plan {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "plans", stack+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var p tfjson.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return &p
}

// TestPlanGolden: the estimates of tm-dev and tm-prod from their saved
// plans (every value known), with the bundled usage files.
func TestPlanGolden(t *testing.T) {
	tab := repoTable(t)
	for _, stack := range []string{"tm-dev", "tm-prod"} {
		before, after := inventory.FromPlan(planFixture(t, stack))
		if len(before.Resources) != 0 {
			t.Fatalf("%s: the fixture plan creates everything, yet %d resources exist before", stack, len(before.Resources))
		}
		u, err := LoadUsage(filepath.Join(repo, "infrastructure", "pricing", "usage", stack+".hcl"))
		if err != nil {
			t.Fatal(err)
		}
		r, err := Estimate(stack, "plan", after, tab, u)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Unpriced) > 0 {
			t.Errorf("%s: unpriced types in the plan: %v", stack, r.Unpriced)
		}
		var b bytes.Buffer
		WriteText(&b, r)
		golden.Assert(t, stack+"-plan.txt", b.Bytes())
	}
}

// TestConfigurationMatchesPlan: what the configuration reader prices
// agrees with the plan, resource by resource, for every resource whose
// count the configuration knows; so the figures of `infra cost` without a
// plan are the plan's.
func TestConfigurationMatchesPlan(t *testing.T) {
	tab := repoTable(t)
	cat := catalog(t)
	for _, stack := range []string{"tm-dev", "tm-prod"} {
		s, err := cat.Resolve(stack)
		if err != nil {
			t.Fatal(err)
		}
		fromConfig := estimateStack(t, tab, s)
		_, after := inventory.FromPlan(planFixture(t, stack))
		u, _ := LoadUsage(filepath.Join(repo, "infrastructure", "pricing", "usage", stack+".hcl"))
		fromPlan, err := Estimate(stack, "plan", after, tab, u)
		if err != nil {
			t.Fatal(err)
		}
		planned := map[string]float64{}
		for _, l := range fromPlan.Lines {
			planned[l.Address] = l.Monthly
		}
		compared := 0
		for _, l := range fromConfig.Lines {
			if l.Uncertain {
				continue
			}
			p, ok := planned[l.Address]
			if !ok {
				t.Errorf("%s: %s is priced from configuration but not in the plan", stack, l.Address)
				continue
			}
			compared++
			if math.Abs(p-l.Monthly) > 0.005 {
				t.Errorf("%s: %s costs %.2f from configuration, %.2f from the plan", stack, l.Address, l.Monthly, p)
			}
		}
		if compared < 20 {
			t.Errorf("%s: only %d resources compared", stack, compared)
		}
	}
}

// TestDoubleAPITasks: a plan that doubles tm-prod's API task count (5 →
// 10, from the saved plan's values) costs what ECS would add under the
// design's strategy (FARGATE base 2, then 1:4 with FARGATE_SPOT): one more
// on-demand task and four more Spot tasks of 1 vCPU / 2 GB.
func TestDoubleAPITasks(t *testing.T) {
	p := planFixture(t, "tm-prod")
	const api = `module.taskmanager.module.ecs.aws_ecs_service.this["api"]`
	found := false
	for _, rc := range p.ResourceChanges {
		after, _ := rc.Change.After.(map[string]any)
		// The applied stack is the plan's result; the new plan changes
		// only the API's desired count.
		rc.Change.Before = after
		rc.Change.Actions = tfjson.Actions{tfjson.ActionNoop}
		if rc.Address == api {
			doubled := map[string]any{}
			for k, v := range after {
				doubled[k] = v
			}
			doubled["desired_count"] = after["desired_count"].(float64) * 2
			rc.Change.After = doubled
			rc.Change.Actions = tfjson.Actions{tfjson.ActionUpdate}
			found = true
		}
	}
	if !found {
		t.Fatalf("no %s in the fixture", api)
	}
	tab := repoTable(t)
	u, _ := LoadUsage(filepath.Join(repo, "infrastructure", "pricing", "usage", "tm-prod.hcl"))
	before, after := inventory.FromPlan(p)
	b, err := Estimate("tm-prod", "plan", before, tab, u)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Estimate("tm-prod", "plan", after, tab, u)
	if err != nil {
		t.Fatal(err)
	}
	d := Diff(b, a)
	price := func(k string) float64 { p, _ := tab.Get(k); return p.USD }
	want := HoursPerMonth * (1*(price("fargate/vcpu")+2*price("fargate/gb")) + 4*(price("fargate-spot/vcpu")+2*price("fargate-spot/gb")))
	if len(d.Lines) != 1 || d.Lines[0].Address != api || math.Abs(d.Delta-want) > 1e-6 {
		t.Fatalf("delta %+v, want only %s at +%.2f", d, api, want)
	}
	if got := Money(d.Delta); got != "80.07" {
		t.Errorf("delta %s, want 80.07 a month", got)
	}
}
