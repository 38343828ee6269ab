package engine

import (
	"path/filepath"
	"testing"

	"github.com/taskmanager-platform/infra/internal/project"
	"github.com/taskmanager-platform/infra/internal/testutil/testfs"
	"github.com/taskmanager-platform/infra/internal/tf"
)

// TestModuleTestInputs: a module's test fingerprint changes with its own
// files (tests included) and with the modules it calls, not with others;
// a recorded pass counts only for the same fingerprint.
func TestModuleTestInputs(t *testing.T) {
	root := t.TempDir()
	mods := filepath.Join(root, "infrastructure", "terraform", "modules")
	testfs.Write(t, filepath.Join(mods, "net", "main.tf"), "variable \"x\" {\n  type = string\n}\n")
	testfs.Write(t, filepath.Join(mods, "app", "main.tf"), "module \"net\" {\n  source = \"../net\"\n  x      = \"a\"\n}\n")
	testfs.Write(t, filepath.Join(mods, "app", "tests", "app.tftest.hcl"), "run \"a\" {\n  command = plan\n}\n")
	testfs.Write(t, filepath.Join(mods, "kms", "main.tf"), "# kms\n")
	testfs.Write(t, filepath.Join(root, ".infra", "terraformrc"), "# cli config\n")
	e := &Engine{Project: &project.Project{Root: root, StateDir: filepath.Join(root, ".infra")}, Runner: tf.NewRunner("/nonexistent/terraform", "")}
	sum := func(m string) string {
		t.Helper()
		s, err := e.ModuleTestInputs(m)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	app, kms := sum("app"), sum("kms")
	testfs.Write(t, filepath.Join(mods, "kms", "main.tf"), "# kms edited\n")
	if sum("app") != app {
		t.Error("editing an unrelated module changed app's fingerprint")
	}
	if sum("kms") == kms {
		t.Error("editing kms did not change its fingerprint")
	}
	testfs.Write(t, filepath.Join(mods, "net", "main.tf"), "variable \"x\" {\n  type = number\n}\n")
	if sum("app") == app {
		t.Error("editing a called module did not change app's fingerprint")
	}
	app = sum("app")
	testfs.Write(t, filepath.Join(mods, "app", "tests", "app.tftest.hcl"), "run \"b\" {\n  command = plan\n}\n")
	if sum("app") == app {
		t.Error("editing app's test file did not change its fingerprint")
	}

	app = sum("app")
	if _, ok := e.TestPassed("app", app); ok {
		t.Error("a pass reported before any was recorded")
	}
	if err := e.RecordTestPass("app", app, 7); err != nil {
		t.Fatal(err)
	}
	if runs, ok := e.TestPassed("app", app); !ok || runs != 7 {
		t.Errorf("recorded pass: %d %v", runs, ok)
	}
	if _, ok := e.TestPassed("app", "other-inputs"); ok {
		t.Error("a pass counted for other inputs")
	}
}
