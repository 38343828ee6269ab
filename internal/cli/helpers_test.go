package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/hclgen"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

// infra runs the CLI with its own state folder in the fixture repository (a
// later -C in args wins).
func infra(t *testing.T, state, stdin string, args ...string) clitest.Result {
	t.Helper()
	return clitest.Infra(t, state, stdin, append([]string{"-C", fixtureRepo(t)}, args...)...)
}

// mustInfra fails the test unless the run exits 0.
func mustInfra(t *testing.T, state string, args ...string) clitest.Result {
	t.Helper()
	r := infra(t, state, "", args...)
	if r.Code != cli.ExitOK {
		t.Fatalf("infra %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// The CLI's own tests exercise the workflow (up, plan/apply, drift, locks,
// state surgery) on this repository with environments/dev swapped for the
// small networking-only root in testdata/netdev and no dependencies: the
// full Task Manager stack is tests/taskmanager's subject, and 115 resources
// per test would cost minutes each. Each top-level test gets its own copy:
// the long integration tests run in parallel (each with its own emulator)
// and write into their repository (import blocks, trial tfvars).
var fixtures struct {
	mu   sync.Mutex
	dirs map[string]string
}

// fixtureRepo is the fixture repository of t's top-level test.
func fixtureRepo(t testing.TB) string {
	t.Helper()
	top, _, _ := strings.Cut(t.Name(), "/")
	fixtures.mu.Lock()
	defer fixtures.mu.Unlock()
	if dir, ok := fixtures.dirs[top]; ok {
		return dir
	}
	dir, err := buildFixture()
	if err != nil {
		t.Fatalf("building the fixture repository: %v", err)
	}
	if fixtures.dirs == nil {
		fixtures.dirs = map[string]string{}
	}
	fixtures.dirs[top] = dir
	return dir
}

// copyTree copies the repository's Terraform tree into dir.
func copyTree(dir string) error {
	src, err := filepath.Abs(filepath.Join("..", "..", "infrastructure"))
	if err != nil {
		return err
	}
	return os.CopyFS(filepath.Join(dir, "infrastructure"), os.DirFS(src))
}

func buildFixture() (string, error) {
	dir, err := os.MkdirTemp("", "infra-cli-fixture-")
	if err != nil {
		return "", err
	}
	if err := copyTree(dir); err != nil {
		return "", err
	}
	src, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return "", err
	}
	for _, d := range []string{"emulator", "policy"} {
		if err := os.Symlink(filepath.Join(src, d), filepath.Join(dir, d)); err != nil {
			return "", err
		}
	}
	tfDir := filepath.Join(dir, "infrastructure", "terraform")
	dev := filepath.Join(tfDir, "environments", "dev")
	for _, f := range []string{"main.tf", "variables.tf", "outputs.tf", "terraform.tfvars"} {
		b, err := os.ReadFile(filepath.Join("testdata", "netdev", f))
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dev, f), b, 0o644); err != nil {
			return "", err
		}
	}
	// Only tm-dev (without its dependencies: the network root needs no ECR
	// or zone) and the global stacks stay; the other roots go with their
	// manifest entries, so `--all` means what these tests applied.
	return dir, hclgen.Edit(filepath.Join(tfDir, "stacks.hcl"), func(f *hclwrite.File) error {
		for _, b := range f.Body().Blocks() {
			name := b.Labels()[0]
			switch {
			case name == "tm-dev":
				b.Body().RemoveAttribute("depends_on")
			case strings.HasPrefix(name, "global-"):
			default:
				path, err := stringAttr(b, "path")
				if err != nil {
					return err
				}
				if err := os.RemoveAll(filepath.Join(tfDir, filepath.FromSlash(path))); err != nil {
					return err
				}
				f.Body().RemoveBlock(b)
			}
		}
		return nil
	})
}

// stringAttr reads a literal string attribute of a block being edited.
func stringAttr(b *hclwrite.Block, name string) (string, error) {
	a := b.Body().GetAttribute(name)
	if a == nil {
		return "", os.ErrNotExist
	}
	return strings.Trim(strings.TrimSpace(string(a.Expr().BuildTokens(nil).Bytes())), `"`), nil
}

// addStack appends a stack block to a repository's manifest.
func addStack(t testing.TB, repo, name, path, environment string) {
	t.Helper()
	err := hclgen.Edit(filepath.Join(repo, "infrastructure", "terraform", "stacks.hcl"), func(f *hclwrite.File) error {
		f.Body().AppendNewline()
		b := f.Body().AppendNewBlock("stack", []string{name}).Body()
		b.SetAttributeValue("path", cty.StringVal(path))
		b.SetAttributeValue("system", cty.StringVal("taskmanager"))
		b.SetAttributeValue("environment", cty.StringVal(environment))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range fixtures.dirs {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
