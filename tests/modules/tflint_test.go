package modules

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/project"
)

// TflintVersion is the tflint the repository is linted with (README,
// .pre-commit-config.yaml, .github/workflows/go.yml, .ci/run).
const TflintVersion = "v0.64.0"

// tflint finds the binary: on PATH, or where `go install` puts it.
func tflint(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("tflint"); err == nil {
		return p
	}
	gopath, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "tflint")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatalf("tflint not found: go install github.com/terraform-linters/tflint@%s", TflintVersion)
	return ""
}

// TestTflint: `tflint --recursive` over the Terraform tree with the
// repository's .tflint.hcl (recommended preset, naming, documented
// variables and outputs, standard module structure, unused declarations)
// reports nothing.
func TestTflint(t *testing.T) {
	p, err := project.Find(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	readTree(t, p.TerraformDir())
	if _, err := os.ReadFile(filepath.Join(p.Root, ".tflint.hcl")); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tflint(t), "--chdir="+p.TerraformDir(), "--recursive", "--config="+filepath.Join(p.Root, ".tflint.hcl"), "--format=compact")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+os.DevNull)
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "" {
		t.Fatalf("tflint --recursive: %v\n%s", err, out)
	}
}

// TestOneTflintVersion: the README, CI, the workflow and the pre-commit
// configuration install the same tflint.
func TestOneTflintVersion(t *testing.T) {
	p, err := project.Find(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"README.md", ".ci/run", ".pre-commit-config.yaml", ".tflint.hcl"} {
		b, err := os.ReadFile(filepath.Join(p.Root, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "github.com/terraform-linters/tflint@"+TflintVersion) {
			t.Errorf("%s does not install tflint@%s", f, TflintVersion)
		}
	}
	wf, err := os.ReadFile(filepath.Join(p.Root, ".github", "workflows", "go.yml"))
	if err != nil || !strings.Contains(string(wf), "TFLINT_VERSION: "+TflintVersion) {
		t.Errorf(".github/workflows/go.yml does not pin tflint %s (%v)", TflintVersion, err)
	}
}
