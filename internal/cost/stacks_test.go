package cost

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/taskmanager-platform/infra/internal/inventory"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/testutil/golden"
)

const repo = "../.."

func repoTable(t *testing.T) *Table {
	t.Helper()
	tab, err := LoadTable(filepath.Join(repo, "infrastructure", "pricing", "prices.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func estimateStack(t *testing.T, tab *Table, s stacks.Stack) Report {
	t.Helper()
	inv, err := inventory.Load(s.Dir, s.VarFilePaths())
	if err != nil {
		t.Fatal(err)
	}
	u, err := LoadUsage(filepath.Join(repo, "infrastructure", "pricing", "usage", s.Name+".hcl"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Estimate(s.Name, "configuration", inv, tab, u)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func catalog(t *testing.T) *stacks.Catalog {
	t.Helper()
	cat, err := stacks.Load(filepath.Join(repo, "infrastructure", "terraform"))
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// TestEveryTypePricedOrFree: every resource type of every stack has a
// pricer or is listed free in the table (with a reason), and never both,
// so a new type cannot slip into a stack unpriced; every stack has a usage
// file; every price a stack
// needs is in the table (Estimate fails naming a missing one).
func TestEveryTypePricedOrFree(t *testing.T) {
	tab := repoTable(t)
	for _, s := range catalog(t).All() {
		if _, err := os.Stat(filepath.Join(repo, "infrastructure", "pricing", "usage", s.Name+".hcl")); err != nil {
			t.Errorf("%s has no usage file: %v (write infrastructure/pricing/usage/%s.hcl)", s.Name, err, s.Name)
		}
		r := estimateStack(t, tab, s)
		if len(r.Unpriced) > 0 {
			t.Errorf("%s: types neither priced nor listed free in prices.hcl: %v", s.Name, r.Unpriced)
		}
	}
	for typ := range pricers {
		if _, free := tab.Free(typ); free {
			t.Errorf("%s is priced and listed free: remove it from the free list", typ)
		}
	}
}

// TestStackGolden: the estimates of tm-dev and tm-prod from configuration
// with their usage files. Refresh with go test -update.
func TestStackGolden(t *testing.T) {
	tab := repoTable(t)
	cat := catalog(t)
	for _, name := range []string{"tm-dev", "tm-prod", "hms-prod"} {
		s, err := cat.Resolve(name)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		WriteText(&b, estimateStack(t, tab, s))
		golden.Assert(t, name+".txt", b.Bytes())
	}
}
