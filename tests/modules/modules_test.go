// Package modules runs every module's terraform test files through
// `infra test` and checks that the bad-input cases are there.
package modules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/project"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

// The modules' validations are proven by plan-only runs that expect them
// to fail; the issue asks for at least 15 across the library.
const minBadInputCases = 15

func TestModuleTerraformTests(t *testing.T) {
	p, err := project.Find(".", "")
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(p.TerraformDir(), "modules", "*", "tests", "*.tftest.hcl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no module test files found (%v)", err)
	}
	expect := regexp.MustCompile(`(?m)^\s*expect_failures\s*=`)
	cases := 0
	modules := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases += len(expect.FindAll(b, -1))
		modules[filepath.Base(filepath.Dir(filepath.Dir(f)))] = true
	}
	if cases < minBadInputCases {
		t.Errorf("%d expect_failures cases across the modules, want at least %d", cases, minBadInputCases)
	}

	// The project's state folder: `infra test` skips modules unchanged since
	// their last pass there, as go test does; a fresh clone runs them all.
	readTree(t, p.TerraformDir())
	r := clitest.Infra(t, p.StateDir, "", "test")
	if r.Code != 0 {
		t.Fatalf("infra test: %s", r)
	}
	for m := range modules {
		if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(m) + `: [0-9]+ runs passed( \(unchanged since that pass; --force runs it again\))?$`).MatchString(r.Out) {
			t.Errorf("infra test output has no passing line for module %s:\n%s", m, r.Out)
		}
	}
	t.Logf("%d bad-input cases; %s", cases, strings.TrimSpace(r.Out))
}

func TestUnknownModuleIsAUsageError(t *testing.T) {
	r := clitest.Infra(t, t.TempDir(), "", "test", "no-such-module")
	if r.Code != cli.ExitError || !strings.Contains(r.Err, "modules with tests:") {
		t.Fatalf("want exit 1 naming the modules with tests, got %s", r)
	}
}

// TestTreeFormattedAndValid: every .tf file is `terraform fmt` clean and
// every stack of the manifest passes `terraform validate` (issue 3's
// definition of done), through the same commands CI runs.
func TestTreeFormattedAndValid(t *testing.T) {
	p, err := project.Find(".", "")
	if err != nil {
		t.Fatal(err)
	}
	readTree(t, p.TerraformDir())
	state := t.TempDir()
	if r := clitest.Infra(t, state, "", "fmt"); r.Code != 0 || !strings.Contains(r.Out, "fmt clean") {
		t.Errorf("infra fmt: %s", r)
	}
	r := clitest.Infra(t, state, "", "validate", "--all")
	if r.Code != 0 {
		t.Fatalf("infra validate --all: %s", r)
	}
	for _, stack := range []string{"tm-dev", "tm-staging", "tm-prod", "hms-global", "hms-dev", "hms-prod", "global-iam", "global-ecr", "global-route53"} {
		if !strings.Contains(r.Out, stack+": valid") {
			t.Errorf("validate --all did not report %s valid:\n%s", stack, r.Out)
		}
	}
}

// readTree reads every file of the Terraform tree. The tests here run
// terraform, whose reads go test cannot see; reading the files through os
// makes them part of go test's cache key, so a cached result stands only
// while the tree is unchanged.
func readTree(t *testing.T, dir string) {
	t.Helper()
	err := project.WalkFiles(dir, func(path string) error {
		_, err := os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
