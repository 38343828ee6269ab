package drift

import (
	"fmt"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

func TestFromPlan(t *testing.T) {
	p := &tfjson.Plan{ResourceDrift: []*tfjson.ResourceChange{
		{Address: "aws_db_instance.main", Type: "aws_db_instance", Mode: tfjson.ManagedResourceMode, Change: &tfjson.Change{
			Actions: tfjson.Actions{tfjson.ActionUpdate},
			Before:  map[string]any{"backup_retention_period": float64(7), "tags": map[string]any{"A": "1"}},
			After:   map[string]any{"backup_retention_period": float64(1), "tags": map[string]any{"A": "1"}},
		}},
		{Address: "aws_ecs_service.api", Type: "aws_ecs_service", Mode: tfjson.ManagedResourceMode, Change: &tfjson.Change{
			Actions: tfjson.Actions{tfjson.ActionUpdate},
			Before:  map[string]any{"desired_count": float64(2), "tags": nil},
			After:   map[string]any{"desired_count": float64(5), "tags": map[string]any{}},
		}},
		{Address: "aws_security_group.gone", Type: "aws_security_group", Mode: tfjson.ManagedResourceMode, Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionDelete}}},
	}}
	st := FromPlan("tm-x", p)
	got := fmt.Sprint(st.Status, st.Resources)
	want := "drifted[{aws_db_instance.main aws_db_instance changed outside Terraform [backup_retention_period: 7 → 1]} {aws_ecs_service.api aws_ecs_service changed outside Terraform [desired_count: 2 → 5]} {aws_security_group.gone aws_security_group deleted outside Terraform []}]"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if s := FromPlan("tm-y", &tfjson.Plan{}); s.Status != InSync {
		t.Errorf("empty plan: %s", s.Status)
	}
}
