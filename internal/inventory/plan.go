package inventory

import (
	"fmt"
	"sort"

	tfjson "github.com/hashicorp/terraform-json"
)

// FromPlan returns what a saved plan (terraform show -json) starts from
// (the prior state's resources) and what it leaves (the planned values);
// every value the plan knows is there, unknown ones are absent.
func FromPlan(p *tfjson.Plan) (before, after Inventory) {
	for _, rc := range p.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil {
			continue
		}
		r := Resource{Address: rc.Address, Type: rc.Type, Name: rc.Name, Module: rc.ModuleAddress}
		if rc.Index != nil {
			r.Key = fmt.Sprint(rc.Index)
		}
		if m, ok := rc.Change.Before.(map[string]any); ok && !rc.Change.Actions.Create() {
			b := r
			b.Attrs = m
			before.Resources = append(before.Resources, b)
		}
		if m, ok := rc.Change.After.(map[string]any); ok && !rc.Change.Actions.Delete() {
			a := r
			a.Attrs = m
			after.Resources = append(after.Resources, a)
		}
	}
	for _, inv := range []*Inventory{&before, &after} {
		sort.Slice(inv.Resources, func(i, j int) bool { return inv.Resources[i].Address < inv.Resources[j].Address })
	}
	return before, after
}
