package cli

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// exercised lists every command path the runbooks use and the integration
// test that runs it against the emulator.
var exercised = map[string]string{
	"infra lock status":    "TestWalkingSkeleton/day_two (dayTwoLock)",
	"infra unlock":         "TestWalkingSkeleton/day_two (dayTwoLock)",
	"infra plan":           "TestWalkingSkeleton/day_two",
	"infra apply":          "TestWalkingSkeleton/day_two",
	"infra import":         "TestWalkingSkeleton/day_two (dayTwoStateSurgery)",
	"infra state list":     "TestWalkingSkeleton/day_two (dayTwoStateSurgery)",
	"infra state show":     "TestWalkingSkeleton/day_two (dayTwoStateSurgery)",
	"infra state rm":       "TestWalkingSkeleton/day_two (dayTwoStateSurgery)",
	"infra state mv":       "(not exercised on the emulator yet)",
	"infra state versions": "TestWalkingSkeleton/day_two (dayTwoStateSurgery)",
	"infra state restore":  "TestWalkingSkeleton/day_two (dayTwoStateSurgery)",
	"infra drift":          "TestWalkingSkeleton/day_two",
	"infra doctor":         "TestWalkingSkeleton (doctor)",
	"infra stacks":         "TestStacksList",
	"infra bootstrap":      "TestBootstrap",
	"infra verify":         "TestWalkingSkeleton",
	"infra db rotate":      "TestTaskManagerEnvironments/rotation (tests/taskmanager)",
	"infra output":         "TestTaskManagerEnvironments/rotation (tests/taskmanager)",
}

// TestRunbookCommands: every `infra …` line of docs/runbooks is a valid
// command with known flags and an acceptable number of arguments, and is
// listed in exercised.
func TestRunbookCommands(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "docs", "runbooks", "*.md"))
	if err != nil || len(files) < 7 {
		t.Fatalf("want the seven runbooks, found %v (%v)", files, err)
	}
	n := 0
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		in := false
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if strings.HasPrefix(line, "```") {
				in = !in
				continue
			}
			if !in || !strings.HasPrefix(line, "infra ") {
				continue
			}
			n++
			checkCommandLine(t, filepath.Base(f), line)
		}
		fh.Close()
	}
	if n == 0 {
		t.Fatal("no infra command lines found in the runbooks")
	}
}

func checkCommandLine(t *testing.T, file, line string) {
	t.Helper()
	a := &app{io: IO{}}
	root := a.root()
	words := strings.Fields(line)[1:]
	cmd, rest, err := root.Find(words)
	if err != nil || cmd == root {
		t.Errorf("%s: %q: not a command (%v)", file, line, err)
		return
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("%s: %q: %v", file, line, err)
		return
	}
	if cmd.Args != nil {
		if err := cmd.Args(cmd, cmd.Flags().Args()); err != nil {
			t.Errorf("%s: %q: %v", file, line, err)
		}
	}
	path := cmd.CommandPath()
	if _, ok := exercised[path]; !ok {
		t.Errorf("%s: %q: %s is not in the exercised list", file, line, path)
	}
	_ = cobra.NoArgs
}
