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
