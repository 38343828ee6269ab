package modgraph_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/modgraph"
	"github.com/taskmanager-platform/infra/internal/testutil/testfs"
)

func TestClosure(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"root/main.tf":         "module \"app\" {\n  source = \"../modules/app\"\n}\nmodule \"reg\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.0.0\"\n}\n",
		"root/other.tf":        "module \"app2\" {\n  source = \"../modules/app/\"\n}\nresource \"x\" \"y\" {}\n",
		"modules/app/a.tf":     "module \"net\" {\n  source = \"../net\"\n}\nmodule \"kms\" {\n  source = \"./kms\"\n}\n",
		"modules/app/kms/k.tf": "module \"net\" {\n  source = \"../../net\"\n}\n",
		"modules/net/n.tf":     "variable \"x\" {}\n",
		"modules/unused/u.tf":  "module \"net\" {\n  source = \"../net\"\n}\n",
	}
	for name, src := range files {
		testfs.Write(t, filepath.Join(dir, name), src)
	}
	rel := func(ds []string) string {
		var out []string
		for _, d := range ds {
			r, err := filepath.Rel(dir, d)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, filepath.ToSlash(r))
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		dir, calls, closure string
	}{
		{"root", "modules/app", "modules/app modules/app/kms modules/net"},
		{"modules/app", "modules/app/kms modules/net", "modules/app/kms modules/net"},
		{"modules/net", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.dir, func(t *testing.T) {
			calls, err := modgraph.Calls(filepath.Join(dir, tc.dir))
			if err != nil {
				t.Fatal(err)
			}
			if got := rel(calls); got != tc.calls {
				t.Errorf("Calls = %q, want %q", got, tc.calls)
			}
			closure, err := modgraph.Closure(filepath.Join(dir, tc.dir))
			if err != nil {
				t.Fatal(err)
			}
			if got := rel(closure); got != tc.closure {
				t.Errorf("Closure = %q, want %q", got, tc.closure)
			}
		})
	}
}

func TestCallsRejectsComputedSource(t *testing.T) {
	dir := t.TempDir()
	testfs.Write(t, filepath.Join(dir, "main.tf"), "module \"m\" {\n  source = var.where\n}\n")
	_, err := modgraph.Calls(dir)
	if err == nil || !strings.Contains(err.Error(), "literal string") {
		t.Fatalf("err = %v, want a literal-string error", err)
	}
}

// TestClosureOfTheTree: the real HMS roots reach the CDN module, the Task
// Manager roots do not.
func TestClosureOfTheTree(t *testing.T) {
	tf := filepath.Join("..", "..", "infrastructure", "terraform")
	for root, wantCDN := range map[string]bool{"hms/dev": true, "hms/production": true, "environments/dev": false, "global/ecr": false} {
		c, err := modgraph.Closure(filepath.Join(tf, root))
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(c, filepath.Join(tf, "modules", "cdn")); got != wantCDN {
			t.Errorf("%s calls modules/cdn: %v, want %v (closure %v)", root, got, wantCDN, c)
		}
	}
}
