package engine

import (
	"path/filepath"
	"testing"

	"github.com/taskmanager-platform/infra/internal/project"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/target"
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

// TestValidateInputs: a stack's validation fingerprint changes with its root,
// its lock file and the modules it calls (transitively), not with modules
// it does not call or with module tests; a clean validation counts only for
// the same fingerprint and is forgotten when a run is not clean.
func TestValidateInputs(t *testing.T) {
	root := t.TempDir()
	tfDir := filepath.Join(root, "infrastructure", "terraform")
	mods := filepath.Join(tfDir, "modules")
	stackDir := filepath.Join(tfDir, "environments", "dev")
	testfs.Write(t, filepath.Join(stackDir, "main.tf"), "module \"app\" {\n  source = \"../../modules/app\"\n}\n")
	testfs.Write(t, filepath.Join(stackDir, ".terraform.lock.hcl"), "# lock\n")
	testfs.Write(t, filepath.Join(mods, "app", "main.tf"), "module \"net\" {\n  source = \"../net\"\n}\n")
	testfs.Write(t, filepath.Join(mods, "net", "main.tf"), "# net\n")
	testfs.Write(t, filepath.Join(mods, "kms", "main.tf"), "# kms\n")
	testfs.Write(t, filepath.Join(root, ".infra", "terraformrc"), "# cli config\n")
	e := &Engine{Project: &project.Project{Root: root, StateDir: filepath.Join(root, ".infra")}, Runner: tf.NewRunner("/nonexistent/terraform", ""), Target: target.AWS("us-east-1")}
	s := stacks.Stack{Name: "tm-dev", Dir: stackDir}
	sum := func() string {
		t.Helper()
		v, err := e.ValidateInputs(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	steps := []struct {
		name    string
		file    string
		changes bool
	}{
		{"a module it does not call", filepath.Join(mods, "kms", "main.tf"), false},
		{"a test of a called module", filepath.Join(mods, "net", "tests", "net.tftest.hcl"), false},
		{"a module called through another", filepath.Join(mods, "net", "main.tf"), true},
		{"the root", filepath.Join(stackDir, "variables.tf"), true},
		{"the lock file", filepath.Join(stackDir, ".terraform.lock.hcl"), true},
		{"the CLI configuration", filepath.Join(root, ".infra", "terraformrc"), true},
	}
	for _, st := range steps {
		before := sum()
		testfs.Write(t, st.file, "# edited: "+st.name+"\n")
		if changed := sum() != before; changed != st.changes {
			t.Errorf("editing %s: fingerprint changed %v, want %v", st.name, changed, st.changes)
		}
	}

	v := sum()
	if e.ValidatedClean(s, v) {
		t.Error("clean before any validation was recorded")
	}
	if err := e.RecordValidatedClean(s, v, true); err != nil {
		t.Fatal(err)
	}
	if !e.ValidatedClean(s, v) || e.ValidatedClean(s, "other") {
		t.Error("a clean validation must count for its inputs only")
	}
	if err := e.RecordValidatedClean(s, v, false); err != nil {
		t.Fatal(err)
	}
	if e.ValidatedClean(s, v) {
		t.Error("a validation that was not clean must drop the record")
	}
}
