package cli_test

import (
	"net"
	"os"
	"path/filepath"

	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/spf13/cobra"
	"github.com/zclconf/go-cty/cty"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/hclgen"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
	"github.com/taskmanager-platform/infra/internal/testutil/testfs"
)

// prodRepo copies the Terraform tree into a temporary repository with an
// extra stack whose environment is production (a copy of the dev root).
func prodRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := copyTree(dir); err != nil {
		t.Fatal(err)
	}
	envs := filepath.Join(dir, "infrastructure", "terraform", "environments")
	if err := os.CopyFS(filepath.Join(envs, "prodfix"), os.DirFS(filepath.Join(envs, "dev"))); err != nil {
		t.Fatal(err)
	}
	addStack(t, dir, "tm-prodfix", "environments/prodfix", "production")
	return dir
}

// exitCase is one failure mode of one command.
type exitCase struct {
	name  string
	args  []string
	stdin string
	code  int
	want  string // substring of stderr
	repo  func(t *testing.T, repo string)
	env   map[string]string // set for the run
}

// TestExitCodes runs every command's failure modes that need no emulator
// and asserts the exit code (README "Exit codes") and a one-line message
// that names the fix. Failure modes that need an emulator (stale plan,
// drift, a foreign lock id, local-mode endpoints) are asserted by the
// integration tests. Every command of the tree must appear here.
func TestExitCodes(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	busyPort := strconv.Itoa(busy.Addr().(*net.TCPAddr).Port)
	junk := filepath.Join(t.TempDir(), "x.tfplan")
	if err := os.WriteFile(junk, []byte("PK not a plan"), 0o600); err != nil {
		t.Fatal(err)
	}
	const E, C, R = cli.ExitError, cli.ExitChanges, cli.ExitRefused
	_ = C // plan's 2 needs a stack to plan: integration tests
	tests := []exitCase{
		{name: "unknown command", args: []string{"launch"}, code: E, want: "unknown command"},
		{name: "unknown flag", args: []string{"plan", "dev", "--frobnicate"}, code: E, want: "unknown flag"},
		{name: "version: extra argument", args: []string{"version", "now"}, code: E, want: "unknown command"},
		{name: "completion: unknown shell", args: []string{"completion", "tcsh"}, code: E, want: "unknown command"},
		{name: "local: unknown subcommand", args: []string{"local", "start"}, code: E, want: `unknown command "start" for "infra local"`},
		{name: "state: unknown subcommand", args: []string{"state", "pull", "dev"}, code: E, want: `unknown command "pull" for "infra state"`},
		{name: "lock: unknown subcommand", args: []string{"lock", "release", "dev"}, code: E, want: `unknown command "release" for "infra lock"`},
		{name: "providers: unknown subcommand", args: []string{"providers", "mirror"}, code: E, want: `unknown command "mirror" for "infra providers"`},
		{name: "local up: port busy", args: []string{"local", "up", "--port", busyPort}, code: E, want: "already in use; choose another --port"},
		{name: "local down: extra argument", args: []string{"local", "down", "x"}, code: E, want: "unknown command"},
		{name: "local env: no emulator", args: []string{"local", "env"}, code: E, want: "infra local up"},
		{name: "local status: no emulator", args: []string{"local", "status"}, code: E, want: "infra local up"},
		{name: "local reset: no emulator", args: []string{"local", "reset"}, code: E, want: "infra local up"},
		{name: "local delegate: no emulator", args: []string{"local", "delegate", "global-route53"}, code: E, want: "infra local up"},
		{name: "local delegate: no stack", args: []string{"local", "delegate"}, code: E, want: "accepts 1 arg"},
		{name: "policy: no stacks", args: []string{"policy"}, code: E, want: "name stacks or pass --all"},
		{name: "policy: stacks and --all", args: []string{"policy", "dev", "--all"}, code: E, want: "name stacks or pass --all"},
		{name: "policy: --plan with two stacks", args: []string{"policy", "dev", "staging", "--plan", "p.tfplan"}, code: E, want: "--plan takes one stack"},
		{name: "policy: unknown --fail-on", args: []string{"policy", "dev", "--fail-on", "medium"}, code: E, want: "--fail-on must be"},
		{name: "policy test: extra argument", args: []string{"policy", "test", "extra"}, code: E, want: "unknown command"},
		{name: "db: unknown subcommand", args: []string{"db", "reset"}, code: E, want: `unknown command "reset" for "infra db"`},
		{name: "db rotate: unknown stack", args: []string{"db", "rotate", "qa"}, code: E, want: "unknown stack"},
		{name: "db rotate: no emulator", args: []string{"--local", "db", "rotate", "dev"}, code: E, want: "infra local up"},
		{name: "bootstrap: extra argument", args: []string{"bootstrap", "x"}, code: E, want: "unknown command"},
		{name: "bootstrap: no emulator", args: []string{"--local", "bootstrap"}, code: E, want: "infra local up"},
		{name: "doctor: extra argument", args: []string{"doctor", "x"}, code: E, want: "unknown command"},
		{name: "stacks: broken manifest", args: []string{"stacks"}, code: E, want: "depends on unknown stack", repo: func(t *testing.T, repo string) {
			editHCL(t, filepath.Join(repo, "infrastructure", "terraform", "stacks.hcl"), func(f *hclwrite.File) {
				hclgen.Block(f.Body(), "stack", "tm-dev").Body().SetAttributeValue("depends_on", cty.ListVal([]cty.Value{cty.StringVal("nope")}))
			})
		}},
		{name: "affected: not a git checkout", args: []string{"affected"}, code: E, want: "not in a git checkout"},
		{name: "affected: extra argument", args: []string{"affected", "dev"}, code: E, want: "unknown command"},
		{name: "init: unknown stack", args: []string{"init", "qa"}, code: E, want: "known stacks: tm-dev (dev)"},
		{name: "plan: unknown stack", args: []string{"plan", "tm-dve"}, code: E, want: `did you mean "tm-dev"`},
		{name: "plan: json and markdown", args: []string{"plan", "dev", "--json", "--markdown"}, code: E, want: "exclude each other"},
		{name: "plan: no emulator", args: []string{"--local", "plan", "dev"}, code: E, want: "start it with `infra local up`"},
		{name: "apply: missing argument", args: []string{"apply"}, code: E, want: "accepts 1 arg(s)"},
		{name: "apply: --yes", args: []string{"apply", "dev", "--yes"}, code: E, want: "apply has no --yes"},
		{name: "apply: no saved plan", args: []string{"apply", "tm-prodfix"}, code: E, want: "run `infra plan tm-prodfix` first"},
		{name: "apply: not a plan", args: []string{"apply", "tm-prodfix", "--plan", junk}, code: E, want: "not a plan saved by `infra plan`"},
		{name: "destroy: production", args: []string{"destroy", "tm-prodfix", "--yes"}, code: R, want: "never destroyed by infra"},
		{name: "destroy: confirmation does not match", args: []string{"destroy", "dev"}, stdin: "dev\n", code: R, want: `"dev" does not match "tm-dev"`},
		{name: "destroy: no confirmation", args: []string{"destroy", "dev"}, code: R, want: "or pass --yes"},
		{name: "output: unknown stack", args: []string{"output", "qa"}, code: E, want: "unknown stack"},
		{name: "verify: missing argument", args: []string{"verify"}, code: E, want: "accepts 1 arg(s)"},
		{name: "up: production on real AWS", args: []string{"up", "tm-prodfix", "--aws"}, code: R, want: "does not apply production"},
		{name: "drift: neither stacks nor --all", args: []string{"drift"}, code: E, want: "--all"},
		{name: "drift: unknown stack", args: []string{"drift", "tm-qa"}, code: E, want: "known stacks"},
		{name: "fmt: a file not formatted", args: []string{"fmt"}, code: R, want: "infra fmt --write", repo: func(t *testing.T, repo string) {
			// Raw text on purpose: hclwrite would format it.
			testfs.Append(t, filepath.Join(repo, "infrastructure", "terraform", "environments", "dev", "main.tf"), "\nlocals {\nx=1\n}\n")
		}},
		{name: "validate: neither stacks nor --all", args: []string{"validate"}, code: E, want: "--all"},
		{name: "state list: unknown stack", args: []string{"state", "list", "qa"}, code: E, want: "unknown stack"},
		{name: "state show: missing address", args: []string{"state", "show", "dev"}, code: E, want: "accepts 2 arg(s)"},
		{name: "state rm: production needs the typed name", args: []string{"state", "rm", "tm-prodfix", "aws_vpc.x", "--yes"}, code: R, want: "production always asks"},
		{name: "state mv: missing argument", args: []string{"state", "mv", "dev", "a"}, code: E, want: "accepts 3 arg(s)"},
		{name: "state versions: unknown stack", args: []string{"state", "versions", "qa"}, code: E, want: "unknown stack"},
		{name: "state restore: missing version", args: []string{"state", "restore", "dev"}, code: E, want: "accepts 2 arg(s)"},
		{name: "import: not an address", args: []string{"import", "dev", "not an address!", "x", "--generate"}, code: E, want: "is not a resource address"},
		{name: "import: confirmation does not match", args: []string{"import", "dev", "aws_vpc.x", "vpc-1"}, stdin: "no\n", code: R, want: "does not match"},
		{name: "lock status: unknown stack", args: []string{"lock", "status", "qa"}, code: E, want: "unknown stack"},
		{name: "unlock: missing lock id", args: []string{"unlock", "dev"}, code: E, want: "accepts 2 arg(s)"},
		{name: "test: unknown module", args: []string{"test", "no-such-module"}, code: E, want: "modules with tests:"},
		{name: "docs: a stale README", args: []string{"docs", "--check"}, code: R, want: "out of date: run `infra docs`", repo: func(t *testing.T, repo string) {
			editHCL(t, filepath.Join(repo, "infrastructure", "terraform", "modules", "kms", "variables.tf"), func(f *hclwrite.File) {
				v := f.Body().AppendNewBlock("variable", []string{"extra"}).Body()
				v.SetAttributeValue("description", cty.StringVal("New."))
				v.SetAttributeValue("default", cty.StringVal("x"))
			})
		}},
		{name: "providers lock: unknown stack", args: []string{"providers", "lock", "qa"}, code: E, want: "unknown stack"},
		{name: "graph: unknown format", args: []string{"graph", "tm-dev", "--format", "png"}, code: E, want: `--format "png": use svg, dot or mermaid`},
		{name: "graph: several pictures to stdout", args: []string{"graph", "--all"}, code: E, want: "add --out DIR"},
		{name: "graph: unknown stack", args: []string{"graph", "qa"}, code: E, want: "unknown stack"},
		{name: "cost: no stacks", args: []string{"cost"}, code: E, want: "name stacks or pass --all"},
		{name: "cost: unknown stack", args: []string{"cost", "qa"}, code: E, want: "unknown stack"},
		{name: "cost: plan JSON without its stack", args: []string{"cost", "--plan", "plan.json"}, code: E, want: "does not say its stack: name it"},
		{name: "cost: unknown usage figure", args: []string{"cost", "tm-dev"}, code: E, want: `unknown figure "nat_traffic": use one of`, repo: func(t *testing.T, repo string) {
			if err := os.WriteFile(filepath.Join(repo, "infrastructure", "pricing", "usage", "tm-dev.hcl"), []byte("nat_traffic = 5\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	}
	tests = append(tests, badInput(t, junk)...)
	if len(tests) < 100 {
		t.Errorf("the bad-input table has %d cases, want at least 100", len(tests))
	}
	shared := prodRepo(t)
	covered := map[string]bool{}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			repo := shared
			if tc.repo != nil {
				repo = prodRepo(t)
				tc.repo(t, repo)
			}
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			before := treeSum(t, repo)
			state := t.TempDir()
			r := clitest.Infra(t, state, tc.stdin, append([]string{"-C", repo}, tc.args...)...)
			if r.Code != tc.code || !strings.Contains(r.Err, tc.want) {
				t.Fatalf("want exit %d with %q, got %s", tc.code, tc.want, r)
			}
			if treeSum(t, repo) != before {
				t.Errorf("the repository changed")
			}
			if w := wroteState(t, state); len(w) > 0 {
				t.Errorf("the state folder gained %v", w)
			}
			if lines := strings.Count(strings.TrimSpace(withoutPrompt(r.Err)), "\n"); lines > 0 {
				t.Errorf("error is %d lines, want one:\n%s", lines+1, r.Err)
			}
		})
		covered[commandOf(tc.args)] = true
	}
	for _, path := range leafCommands(cli.NewRootCommand(cli.IO{})) {
		if !covered[path] {
			t.Errorf("%q has no failure mode in TestExitCodes: add one", path)
		}
	}
}

// withoutPrompt drops a confirmation prompt (it ends without a newline)
// and the text a refusal prints before it.
func withoutPrompt(stderr string) string {
	if i := strings.LastIndex(stderr, "to continue: "); i >= 0 {
		return stderr[i+len("to continue: "):]
	}
	return stderr
}

// commandOf is the command path args select ("infra state rm").
func commandOf(args []string) string {
	cmd, _, err := cli.NewRootCommand(cli.IO{}).Find(args)
	if err != nil {
		return "infra"
	}
	return cmd.CommandPath()
}

// leafCommands lists the runnable commands of the tree, without cobra's
// own help and completion commands.
func leafCommands(root *cobra.Command) []string {
	var out []string
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" || (c.Parent() != nil && c.Parent().Name() == "completion") {
			return
		}
		if c.Runnable() {
			out = append(out, c.CommandPath())
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	walk(root)
	return out
}

func editHCL(t *testing.T, path string, edit func(f *hclwrite.File)) {
	t.Helper()
	if err := hclgen.Edit(path, func(f *hclwrite.File) error { edit(f); return nil }); err != nil {
		t.Fatal(err)
	}
}
