package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// TestWorkflowsPassActionlint lints every workflow and composite action
// with actionlint's library (shellcheck/pyflakes integrations off: they are
// external binaries).
func TestWorkflowsPassActionlint(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows: %v", err)
	}
	var out strings.Builder
	l, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{Shellcheck: "", Pyflakes: ""})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.LintFiles(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s", e.Error())
	}
	wf, err := os.ReadFile(filepath.Join(root, ".github", "workflows", "terraform.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"infra fmt", "infra validate", "infra plan", "--markdown", "infra apply staging --plan", "infra drift --all", "role-to-assume", "github-actions-terraform", "infra stacks --json", "infra affected --base", "fromJSON(needs.stacks.outputs.affected)"} {
		if !strings.Contains(string(wf), want) {
			t.Errorf("terraform.yml lacks %q", want)
		}
	}
}

// TestWorkflowsRunTheChecks: every pull request runs go vet, the inner loop
// and the modules' terraform tests; a change of provider requirements
// records every platform's hashes and commits them on the pull request.
func TestWorkflowsRunTheChecks(t *testing.T) {
	root := filepath.Join("..", "..", ".github", "workflows")
	for file, wants := range map[string][]string{
		"go.yml":             {"pull_request:", "go vet ./...", "go test -short ./...", "infra test", "pip install -r emulator/requirements.txt", "github.com/terraform-linters/tflint@"},
		"providers-lock.yml": {"versions.tf", ".terraform.lock.hcl", "infra providers lock", "contents: write", "git push"},
	} {
		b, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range wants {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %q", file, want)
			}
		}
	}
}
