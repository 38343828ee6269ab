package drift

import (
	"fmt"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

func TestFromPlan(t *testing.T) {
	p := &tfjson.Plan{ResourceDrift: []*tfjson.ResourceChange{
		{Address: "aws_db_instance.this", Type: "aws_db_instance", Mode: tfjson.ManagedResourceMode, Change: &tfjson.Change{
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
	want := "drifted[{aws_db_instance.this aws_db_instance changed outside Terraform [backup_retention_period: 7 → 1]} {aws_ecs_service.api aws_ecs_service changed outside Terraform [desired_count: 2 → 5]} {aws_security_group.gone aws_security_group deleted outside Terraform []}]"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if s := FromPlan("tm-y", &tfjson.Plan{}); s.Status != InSync {
		t.Errorf("empty plan: %s", s.Status)
	}
}

// After a first apply a refresh fills in attributes nobody declared (rules
// written by other resources, timestamps): only declared ones are drift.
func TestOnlyDeclaredAttributesAreDrift(t *testing.T) {
	sg := &tfjson.ConfigResource{Address: "aws_security_group.this", Type: "aws_security_group", Name: "this",
		Expressions: map[string]*tfjson.Expression{"name": {}, "tags": {}}}
	def := &tfjson.ConfigResource{Address: "aws_default_security_group.this", Type: "aws_default_security_group", Name: "this",
		Expressions: map[string]*tfjson.Expression{"vpc_id": {}, "ingress": {}}}
	user := &tfjson.ConfigResource{Address: "aws_elasticache_user.app", Type: "aws_elasticache_user", Name: "app",
		Expressions: map[string]*tfjson.Expression{"authentication_mode": {}}}
	p := &tfjson.Plan{
		Config: &tfjson.Config{RootModule: &tfjson.ConfigModule{ModuleCalls: map[string]*tfjson.ModuleCall{
			"net": {Module: &tfjson.ConfigModule{Resources: []*tfjson.ConfigResource{sg, def, user}}},
		}}},
		ResourceDrift: []*tfjson.ResourceChange{
			{Address: "module.net.aws_security_group.this", ModuleAddress: "module.net", Type: "aws_security_group", Name: "this",
				Mode: tfjson.ManagedResourceMode, Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionUpdate},
					Before: map[string]any{"ingress": []any{}, "tags": map[string]any{"Name": "a"}},
					After:  map[string]any{"ingress": []any{map[string]any{"from_port": float64(80)}}, "tags": map[string]any{"Name": "a"}}}},
			{Address: "module.net.aws_default_security_group.this", ModuleAddress: "module.net", Type: "aws_default_security_group", Name: "this",
				Mode: tfjson.ManagedResourceMode, Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionUpdate},
					Before: map[string]any{"ingress": []any{}},
					After:  map[string]any{"ingress": []any{map[string]any{"from_port": float64(22)}}}}},
			{Address: "module.net.aws_elasticache_user.app", ModuleAddress: "module.net", Type: "aws_elasticache_user", Name: "app",
				Mode: tfjson.ManagedResourceMode, Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionUpdate},
					Before: map[string]any{"authentication_mode": []any{map[string]any{"type": "iam", "passwords": nil}}},
					After:  map[string]any{"authentication_mode": []any{map[string]any{"type": "iam", "passwords": []any{}}}}}},
		},
	}
	st := FromPlan("tm-x", p)
	got := fmt.Sprint(st.Status, st.Resources)
	want := `drifted[{module.net.aws_default_security_group.this aws_default_security_group changed outside Terraform [ingress: [] → [{"from_port":22}]]}]`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
