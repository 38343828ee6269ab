package inventory

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	tfjson "github.com/hashicorp/terraform-json"
)

func TestLoad(t *testing.T) {
	root := filepath.Join("testdata", "small", "root")
	inv, err := Load(root, []string{filepath.Join(root, "more.tfvars")})
	if err != nil {
		t.Fatal(err)
	}
	var addrs []string
	byAddr := map[string]Resource{}
	for _, r := range inv.Resources {
		addrs = append(addrs, r.Address)
		byAddr[r.Address] = r
	}
	want := []string{
		"aws_db_instance.replica[0]",
		"aws_db_instance.replica[1]",
		"aws_db_instance.this",
		"aws_eip.maybe[0]",
		"aws_subnet.app[0]",
		"aws_subnet.app[1]",
		"aws_vpc.this",
		`module.app["api"].aws_ecs_service.this`,
		`module.app["api"].aws_ecs_task_definition.this`,
		`module.app["worker"].aws_ecs_service.this`,
		`module.app["worker"].aws_ecs_task_definition.this`,
	}
	if diff := cmp.Diff(want, addrs); diff != "" {
		t.Fatalf("addresses (-want +got):\n%s", diff)
	}
	tests := []struct {
		addr, attr string
		want       any
	}{
		{"aws_db_instance.this", "identifier", "small-db"}, // locals in any order
		{"aws_subnet.app[1]", "cidr_block", "10.0.2.0/24"}, // count.index
		{`module.app["api"].aws_ecs_service.this`, "desired_count", 2.0},
		{`module.app["worker"].aws_ecs_service.this`, "desired_count", 1.0}, // optional() default
		{`module.app["worker"].aws_ecs_task_definition.this`, "cpu", "256"}, // tostring
		{`module.app["api"].aws_ecs_service.this`, "capacity_provider_strategy", []any{map[string]any{"capacity_provider": "FARGATE", "weight": 1.0}}},
		{`module.app["api"].aws_ecs_service.this`, "network_configuration", []any{map[string]any{"subnets": []any{}}}}, // unknown element dropped
		{"aws_subnet.app[0]", "vpc_id", nil},                                                                           // a resource's attribute is unknown: absent
	}
	for _, tt := range tests {
		got := byAddr[tt.addr].Attrs[tt.attr]
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s.%s (-want +got):\n%s", tt.addr, tt.attr, diff)
		}
	}
	if !byAddr["aws_eip.maybe[0]"].Uncertain || byAddr["aws_vpc.this"].Uncertain {
		t.Errorf("uncertain: eip %v vpc %v, want true false", byAddr["aws_eip.maybe[0]"].Uncertain, byAddr["aws_vpc.this"].Uncertain)
	}
	if got := byAddr[`module.app["api"].aws_ecs_service.this`]; got.Module != `module.app["api"]` || cmp.Diff([]string{"aws_ecs_task_definition.this"}, got.Refs) != "" {
		t.Errorf("module %q refs %v", got.Module, got.Refs)
	}
	if n, ok := byAddr[`module.app["api"].aws_ecs_task_definition.this`].Num("cpu"); !ok || n != 512 {
		t.Errorf("Num(cpu) = %v %v, want 512", n, ok)
	}
}

func TestLoadMissingVarFile(t *testing.T) {
	root := filepath.Join("testdata", "small", "root")
	if _, err := Load(root, []string{filepath.Join(root, "nope.tfvars")}); err == nil {
		t.Fatal("a named var file that does not exist must fail")
	}
}

func TestFromPlan(t *testing.T) {
	p := &tfjson.Plan{ResourceChanges: []*tfjson.ResourceChange{
		{Address: "aws_db_instance.this", Type: "aws_db_instance", Name: "this", Mode: tfjson.ManagedResourceMode,
			Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionUpdate}, Before: map[string]any{"instance_class": "db.t3.micro"}, After: map[string]any{"instance_class": "db.t3.large"}}},
		{Address: "aws_s3_bucket.new", Type: "aws_s3_bucket", Name: "new", Mode: tfjson.ManagedResourceMode,
			Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionCreate}, After: map[string]any{}}},
		{Address: `module.x.aws_eip.gone["a"]`, ModuleAddress: "module.x", Type: "aws_eip", Name: "gone", Index: "a", Mode: tfjson.ManagedResourceMode,
			Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionDelete}, Before: map[string]any{}}},
		{Address: "data.aws_region.current", Type: "aws_region", Mode: tfjson.DataResourceMode, Change: &tfjson.Change{Actions: tfjson.Actions{tfjson.ActionRead}}},
	}}
	before, after := FromPlan(p)
	if len(before.Resources) != 2 || len(after.Resources) != 2 {
		t.Fatalf("before %d after %d, want 2 and 2", len(before.Resources), len(after.Resources))
	}
	if before.Resources[0].Str("instance_class") != "db.t3.micro" || after.Resources[0].Str("instance_class") != "db.t3.large" {
		t.Errorf("db before %v after %v", before.Resources[0].Attrs, after.Resources[0].Attrs)
	}
	if g := before.Resources[1]; g.Module != "module.x" || g.Key != "a" {
		t.Errorf("deleted eip: %+v", g)
	}
}
