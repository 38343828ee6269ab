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
	section := docSection(t, doc, "## AWS rules the emulator enforces")
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

// Every enforced rule also says, under "Caught at plan time", whether the
// module library refuses the same mistake before any request (a validation,
// a precondition, or by construction) or why only AWS can tell (runtime
// only), so a new rule cannot be added without deciding that.
func TestRulesPlanTimeDocumented(t *testing.T) {
	var rules []struct{ Name string }
	doc := inventory(t, "rules.inventory()", &rules)
	section := docSection(t, doc, "### Caught at plan time")
	kinds := []string{"variable validation", "precondition", "by construction", "partly", "runtime only"}
	rows := map[string][]string{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if name := strings.TrimSpace(cells[0]); len(cells) == 3 && strings.HasPrefix(name, "`") {
			rows[strings.Trim(name, "`")] = cells
		}
	}
	for _, r := range rules {
		cells, ok := rows[r.Name]
		if !ok {
			t.Errorf("docs/emulator.md, Caught at plan time: no row for rule %s", r.Name)
			continue
		}
		kind, text := strings.TrimSpace(cells[1]), strings.TrimSpace(cells[2])
		known := false
		for _, k := range kinds {
			known = known || strings.Contains(kind, k)
		}
		switch {
		case !known:
			t.Errorf("Caught at plan time, %s: %q names none of %q", r.Name, kind, kinds)
		case text == "":
			t.Errorf("Caught at plan time, %s: no check named and no reason given", r.Name)
		case (strings.Contains(kind, "validation") || strings.Contains(kind, "precondition")) && !strings.Contains(text, ".tf`"):
			t.Errorf("Caught at plan time, %s: a %s must name the module file that holds it", r.Name, kind)
		}
		delete(rows, r.Name)
	}
	for name := range rows {
		t.Errorf("docs/emulator.md, Caught at plan time: rule %s is not registered", name)
	}
}

// docSection is the part of doc from heading up to the next heading of the
// same or a higher level.
func docSection(t *testing.T, doc, heading string) string {
	t.Helper()
	i := strings.Index(doc, heading)
	if i < 0 {
		t.Fatalf("docs/emulator.md has no section %q", heading)
	}
	section := doc[i:]
	level := heading[:strings.Index(heading, " ")+1]
	for _, next := range []string{"\n# ", "\n## ", "\n### "}[:len(level)-1] {
		if j := strings.Index(section[len(heading):], next); j >= 0 {
			section = section[:j+len(heading)]
		}
	}
	return section
}
