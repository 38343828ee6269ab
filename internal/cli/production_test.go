package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// prodRepo copies the Terraform tree into a temporary repository with an
// extra stack whose environment is production (a copy of the dev root).
func prodRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src, _ := filepath.Abs(filepath.Join("..", ".."))
	if out, err := exec.Command("cp", "-r", filepath.Join(src, "infrastructure"), dir).CombinedOutput(); err != nil {
		t.Fatalf("copy: %v %s", err, out)
	}
	tfDir := filepath.Join(dir, "infrastructure", "terraform")
	if out, err := exec.Command("cp", "-r", filepath.Join(tfDir, "environments", "dev"), filepath.Join(tfDir, "environments", "prodfix")).CombinedOutput(); err != nil {
		t.Fatalf("copy: %v %s", err, out)
	}
	f, err := os.OpenFile(filepath.Join(tfDir, "stacks.hcl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\nstack \"tm-prodfix\" {\n  path        = \"environments/prodfix\"\n  system      = \"taskmanager\"\n  environment = \"production\"\n}\n"); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestProductionGuards: refusals that need no cloud: production destroy,
// apply without a reviewed plan, a file that is not a plan.
func TestProductionGuards(t *testing.T) {
	repo := prodRepo(t)
	junk := filepath.Join(t.TempDir(), "x.tfplan")
	if err := os.WriteFile(junk, []byte("PK not a plan"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"production destroy", []string{"destroy", "tm-prodfix", "--yes"}, ExitUsage, "never destroyed by infra"},
		{"production apply without a plan", []string{"apply", "tm-prodfix"}, ExitUsage, "run `infra plan tm-prodfix` first"},
		{"not a plan", []string{"apply", "tm-prodfix", "--plan", junk}, ExitUsage, "not a plan saved by `infra plan`"},
		{"json and markdown", []string{"plan", "tm-prodfix", "--json", "--markdown"}, ExitUsage, "exclude each other"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := infra(t, t.TempDir(), "", append([]string{"-C", repo}, tc.args...)...)
			if r.code != tc.code || !strings.Contains(r.err, tc.want) {
				t.Fatalf("want exit %d with %q, got %s", tc.code, tc.want, r)
			}
		})
	}
}
