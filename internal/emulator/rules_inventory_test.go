package emulator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every AWS rule the emulator enforces is listed in docs/emulator.md under
// "AWS rules the emulator enforces" (a row naming the rule, its service, its
// AWS error and its source) and has a subtest of that name in this package.
func TestRulesDocumented(t *testing.T) {
	var rules []struct{ Name, Service, Actions, Error, Source string }
	doc := inventory(t, "rules.inventory()", &rules)
	if len(rules) == 0 {
		t.Fatal("no rules registered")
	}
	section := doc
	if i := strings.Index(section, "## AWS rules the emulator enforces"); i >= 0 {
		section = section[i:]
		if j := strings.Index(section[3:], "\n## "); j >= 0 {
			section = section[:j+3]
		}
	} else {
		t.Fatal(`docs/emulator.md has no section "AWS rules the emulator enforces"`)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if name := strings.TrimSpace(cells[0]); len(cells) == 6 && strings.HasPrefix(name, "`") {
			rows[strings.Trim(name, "`")] = line
		}
	}
	tests := readTests(t)
	seen := map[string]bool{}
	for _, r := range rules {
		if seen[r.Name] {
			t.Errorf("rule %s registered twice", r.Name)
		}
		seen[r.Name] = true
		row, ok := rows[r.Name]
		switch {
		case !ok:
			t.Errorf("docs/emulator.md has no row for rule %s", r.Name)
		case !strings.Contains(row, r.Service) || !strings.Contains(row, r.Source) || !strings.Contains(row, r.Error):
			t.Errorf("docs/emulator.md row of %s must name its service %q, AWS error %q and source %s", r.Name, r.Service, r.Error, r.Source)
		}
		for _, action := range strings.Split(r.Actions, ", ") {
			if ok && !strings.Contains(row, action) {
				t.Errorf("docs/emulator.md row of %s does not name action %s", r.Name, action)
			}
		}
		if !strings.Contains(tests, `"`+r.Name+`"`) {
			t.Errorf("no subtest named %q in internal/emulator", r.Name)
		}
	}
	for name := range rows {
		if !seen[name] {
			t.Errorf("docs/emulator.md lists rule %s, which is not registered", name)
		}
	}
}

func readTests(t *testing.T) string {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range files {
		if f == "rules_inventory_test.go" {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}
