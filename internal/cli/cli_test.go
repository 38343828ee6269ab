package cli

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

// Bad input is refused with one line that names the fix, before anything
// starts: exit 2 for usage, 1 for a missing precondition.
func TestBadInput(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)

	tests := []struct {
		name string
		args []string
		code int
		want string // substring of stderr
	}{
		{"unknown stack", []string{"plan", "tm-dve"}, ExitUsage, `did you mean "tm-dev"`},
		{"unknown stack lists names", []string{"init", "qa"}, ExitUsage, "known stacks: tm-dev (dev)"},
		{"missing argument", []string{"apply"}, ExitUsage, "accepts 1 arg(s)"},
		{"unknown flag", []string{"plan", "dev", "--frobnicate"}, ExitUsage, "unknown flag"},
		{"unknown command", []string{"launch"}, ExitUsage, "unknown command"},
		{"emulator not running", []string{"--local", "plan", "dev"}, ExitError, "start it with `infra local up`"},
		{"env without emulator", []string{"local", "env"}, ExitError, "infra local up"},
		{"status without emulator", []string{"local", "status"}, ExitError, "infra local up"},
		{"emulator port busy", []string{"local", "up", "--port", busyPort}, ExitUsage, "already in use; choose another --port"},
		{"destroy without confirmation", []string{"--local", "destroy", "dev"}, ExitError, "infra local up"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			state := t.TempDir()
			r := infra(t, state, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.err, tc.want) {
				t.Fatalf("want exit %d with %q, got %s", tc.code, tc.want, r)
			}
			if lines := strings.Count(strings.TrimSpace(r.err), "\n"); lines > 0 {
				t.Errorf("error is %d lines, want one:\n%s", lines+1, r.err)
			}
		})
	}
}

func TestMissingTerraformAndMirror(t *testing.T) {
	t.Setenv("INFRA_TERRAFORM", "/nonexistent/terraform")
	r := infra(t, t.TempDir(), "", "plan", "dev")
	if r.code != ExitError || !strings.Contains(r.err, "INFRA_TERRAFORM") {
		t.Fatalf("missing terraform: %s", r)
	}
	t.Setenv("INFRA_TERRAFORM", "")
	t.Setenv("INFRA_PROVIDER_MIRROR", t.TempDir())
	r = infra(t, t.TempDir(), "", "plan", "dev")
	if r.code != ExitError || !strings.Contains(r.err, "no provider mirror") || !strings.Contains(r.err, "INFRA_PROVIDER_MIRROR") {
		t.Fatalf("missing mirror: %s", r)
	}
}

func TestStacksList(t *testing.T) {
	r := mustInfra(t, t.TempDir(), "stacks")
	if !strings.Contains(r.out, "tm-dev") || !strings.Contains(r.out, "environments/dev") {
		t.Errorf("stacks:\n%s", r.out)
	}
}
