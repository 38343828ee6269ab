package emulator_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/project"
)

// Every registered fill-in module and every action it names appears in the
// table of docs/emulator.md, in a row naming that module's file.
func TestFillinsDocumented(t *testing.T) {
	var rows []struct{ Module, Service, Actions string }
	doc := inventory(t, "fillins.inventory_by_module()", &rows)
	if len(rows) == 0 {
		t.Fatal("no fill-ins registered")
	}
	type docRow struct{ service, actions, file string }
	var table []docRow
	for _, line := range strings.Split(doc, "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cells) != 4 || !strings.Contains(cells[3], ".py") {
			continue
		}
		table = append(table, docRow{strings.TrimSpace(cells[0]), cells[1], strings.Trim(strings.TrimSpace(cells[3]), "`")})
	}
	for _, r := range rows {
		file := "fillins/" + r.Module + ".py"
		for _, action := range strings.Split(r.Actions, ", ") {
			action = strings.TrimSpace(action)
			found := false
			for _, d := range table {
				if d.file == file && d.service == r.Service && strings.Contains(d.actions, action) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("docs/emulator.md has no row for %s %q in %s", r.Service, action, file)
			}
		}
	}
}

// inventory decodes into v the JSON of a Python expression evaluated with
// infra_emulator.fillins imported (the emulator's own registry) and returns
// docs/emulator.md, where that registry is documented.
func inventory(t *testing.T, expr string, v any) string {
	t.Helper()
	p, err := project.Find(".", "")
	if err != nil {
		t.Fatal(err)
	}
	python, _, err := emulator.FindPython(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, "-c", "import json; from infra_emulator import fillins; from infra_emulator.fillins import rules; print(json.dumps("+expr+"))")
	cmd.Dir = p.EmulatorDir()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("listing %s: %v", expr, err)
	}
	if err := json.Unmarshal(out, v); err != nil {
		t.Fatalf("parsing %s: %v", expr, err)
	}
	doc, err := os.ReadFile(filepath.Join(p.Root, "docs", "emulator.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(doc)
}
