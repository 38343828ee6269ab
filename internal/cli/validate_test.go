package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
	"github.com/taskmanager-platform/infra/internal/testutil/testfs"
)

// TestValidateInitsOnlyWhatChanged: validate keeps its own data dir
// (data/validate/<stack>) and re-initialises only when the root, its lock
// file or the module library changed: a module call added after a first
// validate is installed (no "Module not installed"), and its error found.
// A stack unchanged since its clean validation is reported without
// terraform (--force runs it); an invalid one is validated every time.
func TestValidateInitsOnlyWhatChanged(t *testing.T) {
	repo := t.TempDir()
	if err := copyTree(repo); err != nil {
		t.Fatal(err)
	}
	state := t.TempDir()
	run := func(args ...string) clitest.Result {
		return clitest.Infra(t, state, "", append([]string{"-C", repo}, args...)...)
	}
	if r := run("validate", "global-ecr"); r.Code != cli.ExitOK || !strings.Contains(r.Out, "global-ecr: valid") {
		t.Fatalf("validate: %s", r)
	}
	marker := filepath.Join(state, "data", "validate", "global-ecr", "infra-init.sum")
	first, err := os.ReadFile(marker)
	if err != nil {
		t.Fatalf("validate's init is not recorded in its own data dir: %v", err)
	}
	// Unchanged since its clean validation: reported without terraform.
	if r := run("validate", "global-ecr"); r.Code != cli.ExitOK || !strings.Contains(r.Out, "global-ecr: valid (unchanged since its last clean validation)") {
		t.Fatalf("second validate: want it reported unchanged, got %s", r)
	}
	if r := run("validate", "global-ecr", "--force"); r.Code != cli.ExitOK || !strings.Contains(r.Out, "global-ecr: valid\n") {
		t.Fatalf("validate --force: want it validated again, got %s", r)
	}
	root := filepath.Join(repo, "infrastructure", "terraform", "global", "ecr")
	testfs.Write(t, filepath.Join(root, "extra", "main.tf"), "output \"x\" {\n  value = var.missing\n}\n")
	testfs.Append(t, filepath.Join(root, "main.tf"), "\nmodule \"extra\" {\n  source = \"./extra\"\n}\n")
	r := run("validate", "global-ecr")
	if r.Code != cli.ExitError || !strings.Contains(r.Out, "global-ecr: INVALID") || !strings.Contains(r.Out, "Reference to undeclared input variable") {
		t.Fatalf("validate after adding a broken module call: want the module's error (exit 1), got %s", r)
	}
	if second, err := os.ReadFile(marker); err != nil || string(second) == string(first) {
		t.Errorf("the added module call did not re-initialise (marker unchanged: %v)", err)
	}
	// An invalid stack is not remembered as valid: it is validated again.
	if r := run("validate", "global-ecr"); r.Code != cli.ExitError || !strings.Contains(r.Out, "global-ecr: INVALID") {
		t.Fatalf("validate of the unchanged invalid stack: want it validated (and invalid) again, got %s", r)
	}
}
