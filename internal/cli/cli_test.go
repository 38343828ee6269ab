package cli_test

import (
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/cli"
)

func TestMissingTerraformAndMirror(t *testing.T) {
	t.Setenv("INFRA_TERRAFORM", "/nonexistent/terraform")
	r := infra(t, t.TempDir(), "", "plan", "dev")
	if r.Code != cli.ExitError || !strings.Contains(r.Err, "INFRA_TERRAFORM") {
		t.Fatalf("missing terraform: %s", r)
	}
	t.Setenv("INFRA_TERRAFORM", "")
	t.Setenv("INFRA_PROVIDER_MIRROR", t.TempDir())
	r = infra(t, t.TempDir(), "", "plan", "dev")
	if r.Code != cli.ExitError || !strings.Contains(r.Err, "no provider mirror") || !strings.Contains(r.Err, "INFRA_PROVIDER_MIRROR") {
		t.Fatalf("missing mirror: %s", r)
	}
}

func TestStacksList(t *testing.T) {
	r := mustInfra(t, t.TempDir(), "stacks")
	if !strings.Contains(r.Out, "tm-dev") || !strings.Contains(r.Out, "environments/dev") {
		t.Errorf("stacks:\n%s", r.Out)
	}
}

// TestPolicyTestCommand runs the Rego unit tests through the CLI (no cloud).
func TestPolicyTestCommand(t *testing.T) {
	r := infra(t, t.TempDir(), "", "policy", "test")
	if r.Code != cli.ExitOK || !strings.Contains(r.Out, " passed, 0 failed") {
		t.Fatalf("infra policy test: %s", r)
	}
}
