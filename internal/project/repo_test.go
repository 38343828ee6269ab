package project

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readmeCommand returns the first command in the fenced block that follows
// the line starting with marker.
func readmeCommand(t *testing.T, readme, marker string) string {
	t.Helper()
	i := strings.Index(readme, marker)
	if i < 0 {
		t.Fatalf("README has no %q section", marker)
	}
	rest := readme[i:]
	start := strings.Index(rest, "```sh\n")
	if start < 0 {
		t.Fatalf("no code block after %q", marker)
	}
	block := rest[start+len("```sh\n"):]
	return strings.TrimSpace(block[:strings.Index(block, "```")])
}

// CI runs the README's test command, nothing less.
func TestCIRunsTheReadmeTestCommand(t *testing.T) {
	p, err := Find(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(p.Root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := readmeCommand(t, string(readme), "**Run all tests**")
	ci, err := os.ReadFile(filepath.Join(p.Root, ".ci", "run"))
	if err != nil {
		t.Fatal(err)
	}
	var last string
	for _, line := range strings.Split(strings.TrimSpace(string(ci)), "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
			last = l
		}
	}
	if last != cmd {
		t.Errorf(".ci/run runs %q, the README's test command is %q", last, cmd)
	}
	if up := readmeCommand(t, string(readme), "**Bring up the main job**"); up != "go run ./cmd/infra up" {
		t.Errorf("bring-up command is %q", up)
	}
}
