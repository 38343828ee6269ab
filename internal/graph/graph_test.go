package graph

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/inventory"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/testutil/golden"
)

func small(t *testing.T) Graph {
	t.Helper()
	inv, err := inventory.Load(filepath.Join("testdata", "small"), nil)
	if err != nil {
		t.Fatal(err)
	}
	return Architecture("small", inv)
}

// TestArchitectureGolden: DOT, Mermaid and SVG of the small fixture stack.
// Refresh with go test -update (and look at the SVG).
func TestArchitectureGolden(t *testing.T) {
	g := small(t)
	golden.Assert(t, "small.dot", []byte(g.DOT()))
	golden.Assert(t, "small.mmd", []byte(g.Mermaid()))
	svg, err := g.SVG(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, "small.svg", svg)
}

func TestArchitectureShape(t *testing.T) {
	g := small(t)
	edges := map[string]string{}
	for _, e := range g.Edges {
		if !e.Invisible {
			edges[e.From+" -> "+e.To] = e.Label
		}
	}
	db, replica := ID("aws_db_instance.this"), ID("aws_db_instance.replica")
	web, worker := ID(`aws_ecs_service.this["web"]`), ID(`aws_ecs_service.this["worker"]`)
	tg, https := ID(`aws_lb_target_group.this["web"]`), ID("aws_lb_listener.https")
	cdn, lb := ID("aws_cloudfront_distribution.this"), ID("aws_lb.this")
	for _, want := range []string{
		db + " -> " + replica, // primary replicates to its replica
		tg + " -> " + web,     // the target group serves its service
		https + " -> " + tg,   // HTTPS forwards to target groups
		web + " -> " + db, worker + " -> " + db,
		cdn + " -> " + lb, // CloudFront's origin is the ALB
		cdn + " -> " + ID("aws_s3_bucket.static"),
		"users -> " + cdn,
	} {
		if _, ok := edges[want]; !ok {
			t.Errorf("missing edge %s; edges: %v", want, edges)
		}
	}
	if _, ok := edges[ID("aws_lb_listener.http")+" -> "+tg]; ok {
		t.Error("the HTTP listener redirects: it must not forward to target groups")
	}
	groupOf := map[string]string{}
	for _, n := range g.Nodes {
		groupOf[n.ID] = n.Group
	}
	for node, group := range map[string]string{lb: "public", db: "data", replica: "data", web: "ecs", "nat": "public", cdn: "edge"} {
		if groupOf[node] != group {
			t.Errorf("%s is in group %q, want %q", node, groupOf[node], group)
		}
	}
	var web0 string
	for _, n := range g.Nodes {
		if n.ID == web {
			web0 = n.Label
		}
	}
	if web0 != "Service web\n0.5 vCPU / 1 GB\n2 tasks (2–8)" {
		t.Errorf("web service label %q", web0)
	}
}

func TestStacksGraph(t *testing.T) {
	g := Stacks([]stacks.Stack{
		{Name: "app-dev", System: "app", Environment: "dev", Path: "env/dev", DependsOn: []string{"shared"}},
		{Name: "app-prod", System: "app", Environment: "production", Path: "env/prod", DependsOn: []string{"shared"}},
		{Name: "shared", System: "global", Environment: "global", Path: "global"},
	})
	golden.Assert(t, "stacks.mmd", []byte(g.Mermaid()))
	golden.Assert(t, "stacks.dot", []byte(g.DOT()))
	var classes []string
	for _, n := range g.Nodes {
		classes = append(classes, n.ID+"="+n.Class)
	}
	if !slices.Contains(classes, ID("app-prod")+"=destroy") || !slices.Contains(classes, ID("app-dev")+"=stack") {
		t.Errorf("production must stand out: %v", classes)
	}
}

// TestEveryStackDraws: every stack of the repository draws with its tiers
// and renders to SVG.
func TestEveryStackDraws(t *testing.T) {
	cat, err := stacks.Load(filepath.Join("..", "..", "infrastructure", "terraform"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range cat.All() {
		inv, err := inventory.Load(s.Dir, s.VarFilePaths())
		if err != nil {
			t.Fatal(err)
		}
		g := Architecture(s.Name, inv)
		if len(g.Nodes) < 1 {
			t.Errorf("%s: empty picture", s.Name)
		}
		if s.Environment != "global" {
			for _, want := range []string{"Service ", "RDS ", "Redis", "ALB", "Listener"} {
				if !strings.Contains(g.DOT(), want) {
					t.Errorf("%s: picture lacks %q", s.Name, want)
				}
			}
		}
	}
	svg, err := Architecture("hms-prod", mustLoad(t, cat, "hms-prod")).SVG(context.Background())
	if err != nil || !strings.Contains(string(svg), "<svg") {
		t.Fatalf("hms-prod SVG: %v", err)
	}
}

func mustLoad(t *testing.T, cat *stacks.Catalog, name string) inventory.Inventory {
	t.Helper()
	s, err := cat.Resolve(name)
	if err != nil {
		t.Fatal(err)
	}
	inv, err := inventory.Load(s.Dir, s.VarFilePaths())
	if err != nil {
		t.Fatal(err)
	}
	return inv
}
