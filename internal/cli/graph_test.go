package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

func graphInfra(t *testing.T, args ...string) clitest.Result {
	t.Helper()
	r := repoInfra(t, append([]string{"graph"}, args...)...)
	if r.Code != 0 {
		t.Fatal(r)
	}
	return r
}

func TestGraphStacks(t *testing.T) {
	r := graphInfra(t, "--format", "dot")
	for _, want := range []string{"digraph G", "cluster_sys_n_hms", `n_tm_prod -> n_global_ecr`, `n_hms_dev -> n_hms_global`} {
		if !strings.Contains(r.Out, want) {
			t.Errorf("stack graph lacks %q:\n%s", want, r.Out)
		}
	}
}

func TestGraphStackFormats(t *testing.T) {
	if r := graphInfra(t, "hms-prod", "--format", "mermaid"); !strings.HasPrefix(r.Out, "---\ntitle: \"hms-prod architecture") || !strings.Contains(r.Out, "RDS PostgreSQL primary<br/>db.t3.medium") {
		t.Errorf("mermaid:\n%s", r.Out)
	}
	if r := graphInfra(t, "tm-prod"); !strings.Contains(r.Out, "<svg") || !strings.Contains(r.Out, "db.r6g.xlarge Multi&#45;AZ") {
		t.Errorf("svg:\n%.2000s", r.Out)
	}
}

func TestGraphAll(t *testing.T) {
	dir := t.TempDir()
	r := graphInfra(t, "--all", "--format", "mermaid", "--out", dir)
	files, err := filepath.Glob(filepath.Join(dir, "*.mmd"))
	if err != nil {
		t.Fatal(err)
	}
	// The stack graph and the 9 stacks of stacks.hcl.
	if len(files) != 10 || strings.Count(r.Out, ".mmd") != 10 {
		t.Fatalf("wrote %v; printed:\n%s", files, r.Out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "tm-prod.mmd"))
	if err != nil || !strings.Contains(string(b), "Service api") {
		t.Errorf("tm-prod.mmd: %v\n%s", err, b)
	}
}

// TestDocsPictures: the pictures in docs/graphs (shown in the README) are
// what infra graph draws now.
func TestDocsPictures(t *testing.T) {
	for name, args := range map[string][]string{
		"stacks.svg":   {"--format", "svg"},
		"tm-prod.svg":  {"tm-prod", "--format", "svg"},
		"hms-prod.svg": {"hms-prod", "--format", "svg"},
	} {
		b, err := os.ReadFile(filepath.Join("..", "..", "docs", "graphs", name))
		if err != nil {
			t.Fatal(err)
		}
		if r := graphInfra(t, args...); r.Out != string(b) {
			t.Errorf("docs/graphs/%s is stale: go run ./cmd/infra graph %s > docs/graphs/%s", name, strings.Join(args, " "), name)
		}
	}
}
