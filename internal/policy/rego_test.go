package policy

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestRegoUnitTests runs the library's Rego tests and checks that every rule
// has a failing and a passing plan fragment (test_<area>_<nnn>_fails and
// _passes).
func TestRegoUnitTests(t *testing.T) {
	ctx := context.Background()
	results, err := Test(ctx, "../../policy")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, r := range results {
		if !r.Pass {
			t.Errorf("%s.%s: %s", r.Package, r.Name, r.Problem)
		}
		names[r.Name] = r.Pass
	}
	lib, err := Load(ctx, "../../policy")
	if err != nil {
		t.Fatal(err)
	}
	for id, r := range lib.Catalog {
		if r.Area == "waivers" {
			continue
		}
		stem := "test_" + strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(id, "INFRA-"), "-", "_"))
		for _, kind := range []string{"fails", "passes"} {
			if _, ok := names[fmt.Sprintf("%s_%s", stem, kind)]; !ok {
				t.Errorf("%s has no Rego test %s_%s", id, stem, kind)
			}
		}
	}
	t.Logf("%d Rego tests, %d rules", len(results), len(lib.Catalog))
}
