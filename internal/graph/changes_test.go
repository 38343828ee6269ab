package graph

import (
	"fmt"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/testutil/golden"
)

func sampleChanges() []plan.Change {
	return []plan.Change{
		{Address: "module.app.module.database.aws_db_instance.this", Type: "aws_db_instance", Action: plan.Replace, Stateful: true},
		{Address: `module.app.module.ecs.aws_ecs_service.this["api"]`, Type: "aws_ecs_service", Action: plan.Update},
		{Address: "module.app.aws_s3_bucket.new", Type: "aws_s3_bucket", Action: plan.Create},
		{Address: "aws_route53_record.old", Type: "aws_route53_record", Action: plan.Delete},
	}
}

// TestChangesGolden: one box per resource, grouped by module, coloured by
// action (Mermaid for the pull-request comment). Refresh with -update.
func TestChangesGolden(t *testing.T) {
	golden.Assert(t, "changes.md", []byte(ChangesMarkdown("tm-prod", sampleChanges())))
}

func TestChangesCollapse(t *testing.T) {
	tests := []struct {
		name      string
		n, types  int
		wantNodes int
		wantLabel string
	}{
		{"small plan: one box each", 5, 1, 5, "+ aws_subnet.s0"},
		{"large plan: counted per module and type", 200, 4, 4, "+ aws_subnet × 50"},
		{"huge plan: counted per type", 400, 40, 40, "+ aws_t0 × 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cs []plan.Change
			for i := 0; i < tt.n; i++ {
				typ := "aws_subnet"
				module := fmt.Sprintf("module.m%d", i%tt.types)
				if tt.types > MaxChangeNodes {
					typ = fmt.Sprintf("aws_t%d", i%tt.types)
					module = fmt.Sprintf("module.m%d", i)
				}
				addr := fmt.Sprintf("%s.%s.s%d", module, typ, i)
				if tt.n <= MaxChangeNodes {
					addr = fmt.Sprintf("%s.s%d", typ, i)
				}
				cs = append(cs, plan.Change{Address: addr, Type: typ, Action: plan.Create})
			}
			g := Changes("", cs)
			if len(g.Nodes) != tt.wantNodes {
				t.Errorf("%d nodes, want %d", len(g.Nodes), tt.wantNodes)
			}
			found := false
			for _, n := range g.Nodes {
				found = found || n.Label == tt.wantLabel
				if n.Class != "create" {
					t.Errorf("node %q class %q, want create", n.Label, n.Class)
				}
			}
			if !found {
				t.Errorf("no node %q in %+v", tt.wantLabel, g.Nodes)
			}
		})
	}
	if md := ChangesMarkdown("s", nil); md != "" {
		t.Errorf("an empty plan has no picture, got %q", md)
	}
	if md := ChangesMarkdown("s", sampleChanges()); !strings.Contains(md, "classDef destroy fill:#fed7d7") {
		t.Errorf("destroyed resources must be red:\n%s", md)
	}
}
