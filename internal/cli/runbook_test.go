package cli_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-config-inspect/tfconfig"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/project"
	"github.com/taskmanager-platform/infra/internal/stacks"
)

// exercised lists every command path the runbooks use and the integration
// test that runs it against the emulator.
var exercised = map[string]string{
	"infra lock status":    "TestWalkingSkeleton/day_two (dayTwoLock), TestCrashRecoveryKilled",
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
	"infra drift":          "TestWalkingSkeleton/day_two, TestCrashRecoveryUnmanaged (--unmanaged)",
	"infra doctor":         "TestWalkingSkeleton (doctor)",
	"infra stacks":         "TestStacksList",
	"infra bootstrap":      "TestBootstrap",
	"infra verify":         "TestWalkingSkeleton",
	"infra db rotate":      "TestTaskManagerEnvironments/rotation (tests/taskmanager)",
	"infra output":         "TestTaskManagerEnvironments/rotation (tests/taskmanager)",
}

// runbookLines returns every `infra …` line in a fenced block of the
// runbooks, keyed by file.
func runbookLines(t *testing.T) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "docs", "runbooks", "*.md"))
	if err != nil || len(files) < 7 {
		t.Fatalf("want the seven runbooks, found %v (%v)", files, err)
	}
	out := map[string][]string{}
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
			if in && strings.HasPrefix(line, "infra ") {
				out[filepath.Base(f)] = append(out[filepath.Base(f)], line)
			}
		}
		fh.Close()
	}
	if len(out) == 0 {
		t.Fatal("no infra command lines found in the runbooks")
	}
	return out
}

// TestRunbookCommands: every `infra …` line of docs/runbooks is a valid
// command with known flags and an acceptable number of arguments, and is
// listed in exercised.
func TestRunbookCommands(t *testing.T) {
	for file, lines := range runbookLines(t) {
		for _, line := range lines {
			cmd := checkCommandLine(t, file, line)
			if cmd == nil {
				continue
			}
			if _, ok := exercised[cmd.CommandPath()]; !ok {
				t.Errorf("%s: %q: %s is not in the exercised list", file, line, cmd.CommandPath())
			}
		}
	}
}

// checkCommandLine parses one command line against the command tree:
// command, flags, number of arguments, and every stack argument a name
// or alias of the repository's manifest. It returns the command with its
// flags parsed, or nil after reporting.
func checkCommandLine(t *testing.T, where, line string) *cobra.Command {
	t.Helper()
	root := cli.NewRootCommand(cli.IO{})
	words := strings.Fields(line)[1:]
	for i, w := range words {
		words[i] = strings.Trim(w, `'"`) // shell quoting in the docs
	}
	cmd, rest, err := root.Find(words)
	if err == nil && cmd == root && len(rest) > 0 && strings.HasPrefix(rest[0], "-") {
		if err := root.ParseFlags(rest); err != nil || root.Flags().NArg() > 0 {
			t.Errorf("%s: %q: %v %v", where, line, err, root.Flags().Args())
		}
		return root
	}
	if err != nil || cmd == root {
		t.Errorf("%s: %q: not a command (%v)", where, line, err)
		return nil
	}
	if err := cmd.ParseFlags(rest); err != nil {
		t.Errorf("%s: %q: %v", where, line, err)
		return nil
	}
	if cmd.Args != nil {
		if err := cmd.Args(cmd, cmd.Flags().Args()); err != nil {
			t.Errorf("%s: %q: %v", where, line, err)
			return nil
		}
	}
	if cmd.ValidArgsFunction != nil {
		// Commands that complete stacks take stacks as their first argument
		// (drift, validate, providers lock: every argument).
		cat := catalog(t)
		for i, arg := range cmd.Flags().Args() {
			if i > 0 && !takesManyStacks(cmd) {
				break
			}
			if cmd.Name() == "test" {
				break
			}
			if _, err := cat.Resolve(arg); err != nil {
				t.Errorf("%s: %q: %v", where, line, err)
			}
		}
	}
	return cmd
}

func takesManyStacks(cmd *cobra.Command) bool {
	return strings.Contains(cmd.Use, "[stack…]")
}

func catalog(t *testing.T) *stacks.Catalog {
	t.Helper()
	p, err := project.Find(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := stacks.Load(p.TerraformDir())
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// addressArgs are the positional arguments (after the stack) and flags of
// a command that name a resource address the configuration must declare.
// state mv's first address is the old one, gone from the code.
var addressArgs = map[string]struct {
	positions []int
	flags     []string
}{
	"infra state show": {positions: []int{1}},
	"infra state rm":   {positions: []int{1}},
	"infra state mv":   {positions: []int{2}},
	"infra import":     {positions: []int{1}},
	"infra apply":      {flags: []string{"allow-replace"}},
	"infra plan":       {flags: []string{"replace"}},
}

// TestRunbookAddressesExist resolves every resource address a runbook
// names against the configuration of the stack it names.
func TestRunbookAddressesExist(t *testing.T) {
	n := 0
	for file, lines := range runbookLines(t) {
		for _, line := range lines {
			if cmd := checkCommandLine(t, file, line); cmd != nil {
				n += checkAddresses(t, file+": "+line, cmd)
			}
		}
	}
	if n < 5 {
		t.Errorf("only %d addresses checked; the runbooks name more", n)
	}
}

// checkAddresses resolves the resource addresses of a parsed command line
// (see addressArgs) in the stack it names and returns how many it checked.
func checkAddresses(t *testing.T, where string, cmd *cobra.Command) int {
	t.Helper()
	spec, ok := addressArgs[cmd.CommandPath()]
	if !ok {
		return 0
	}
	argv := cmd.Flags().Args()
	s, err := catalog(t).Resolve(argv[0])
	if err != nil {
		return 0 // reported by checkCommandLine
	}
	var addrs []string
	for _, i := range spec.positions {
		addrs = append(addrs, argv[i])
	}
	for _, f := range spec.flags {
		vals, _ := cmd.Flags().GetStringArray(f)
		addrs = append(addrs, vals...)
	}
	for _, addr := range addrs {
		if err := resolveAddress(s.Dir, addr); err != nil {
			t.Errorf("%s: %s in stack %s: %v", where, addr, s.Name, err)
		}
	}
	return len(addrs)
}

var index = regexp.MustCompile(`\[[^\]]*\]`)

// resolveAddress follows module.<name> steps from the root module in dir
// to the resource type.name at the end; instance keys are ignored.
func resolveAddress(dir, addr string) error {
	parts := strings.Split(index.ReplaceAllString(addr, ""), ".")
	for len(parts) > 2 {
		if parts[0] != "module" {
			return errAddr("expected module.<name> at " + strings.Join(parts, "."))
		}
		m, diags := tfconfig.LoadModule(dir)
		if diags.HasErrors() {
			return diags.Err()
		}
		call, ok := m.ModuleCalls[parts[1]]
		if !ok {
			return errAddr("no module " + parts[1] + " in " + dir)
		}
		dir = filepath.Join(dir, call.Source)
		parts = parts[2:]
	}
	if len(parts) != 2 {
		return errAddr("not a resource address")
	}
	m, diags := tfconfig.LoadModule(dir)
	if diags.HasErrors() {
		return diags.Err()
	}
	if _, ok := m.ManagedResources[parts[0]+"."+parts[1]]; !ok {
		return errAddr("no resource " + parts[0] + "." + parts[1] + " in " + dir)
	}
	return nil
}

type errAddr string

func (e errAddr) Error() string { return string(e) }
