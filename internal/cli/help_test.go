package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
	"github.com/taskmanager-platform/infra/internal/toolchain"
)

// userCommands walks the tree without cobra's own help and completion
// commands.
func userCommands(t *testing.T) []*cobra.Command {
	t.Helper()
	var out []*cobra.Command
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Name() == "help" || c.Name() == "completion" {
			return
		}
		out = append(out, c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(cli.NewRootCommand(cli.IO{}))
	return out
}

var infraCall = regexp.MustCompile(`infra [^|&>;)\n]*`)

// TestEveryCommandHasExamples: each command shows at least one example, and
// every `infra …` call in it is a valid command line whose stacks exist.
func TestEveryCommandHasExamples(t *testing.T) {
	for _, c := range userCommands(t) {
		if strings.TrimSpace(c.Example) == "" {
			t.Errorf("%s has no Example", c.CommandPath())
			continue
		}
		calls := infraCall.FindAllString(c.Example, -1)
		if len(calls) == 0 {
			t.Errorf("%s: Example runs no infra command:\n%s", c.CommandPath(), c.Example)
		}
		for _, call := range calls {
			if cmd := checkCommandLine(t, c.CommandPath()+" Example", strings.TrimSpace(call)); cmd != nil {
				checkAddresses(t, c.CommandPath()+" Example", cmd)
			}
		}
	}
}

var jargon = regexp.MustCompile(`(?i)\bseeds?\b`)

// TestNoDesignDocumentJargon: help, flags, the exit-code table and the
// stack descriptions speak of "the Task Manager design" and "the HMS
// design", never by the design files' internal names.
func TestNoDesignDocumentJargon(t *testing.T) {
	for _, c := range userCommands(t) {
		texts := []string{c.Short, c.Long, c.Example}
		c.LocalFlags().VisitAll(func(f *pflag.Flag) { texts = append(texts, f.Usage) })
		for _, s := range texts {
			if jargon.MatchString(s) {
				t.Errorf("%s: %q", c.CommandPath(), jargon.FindString(s))
			}
		}
	}
	r := clitest.Infra(t, t.TempDir(), "", "stacks", "--json")
	if r.Code != 0 || jargon.MatchString(r.Out) {
		t.Errorf("infra stacks --json: %s", r)
	}
}

// TestExitCodeTableInREADMEAndHelp: the README shows the table the code
// defines, and --help prints it.
func TestExitCodeTableInREADMEAndHelp(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), cli.ExitCodeTable) {
		t.Errorf("README.md does not contain the exit-code table of internal/cli/exit.go:\n%s", cli.ExitCodeTable)
	}
	r := clitest.Infra(t, t.TempDir(), "", "--help")
	for _, want := range []string{"Exit codes:", "  2  plan only: the plan has changes", "  3  refused by a guard"} {
		if r.Code != 0 || !strings.Contains(r.Out, want) {
			t.Errorf("--help lacks %q: %s", want, r)
		}
	}
}

// TestCompletion: stack arguments complete to names and aliases with their
// descriptions; a stack already given is not offered again.
func TestCompletion(t *testing.T) {
	tests := []struct {
		args      []string
		want, not []string
	}{
		{[]string{"plan", ""}, []string{"tm-dev\tTask Manager development", "dev\talias of tm-dev", "hms-prod\t"}, nil},
		{[]string{"plan", "hms-"}, []string{"hms-dev\t", "hms-development\talias of hms-dev"}, []string{"tm-dev"}},
		{[]string{"plan", "tm-dev", ""}, nil, []string{"tm-dev", "hms-dev"}},
		{[]string{"drift", "tm-dev", ""}, []string{"tm-prod\t"}, []string{"tm-dev\t", "dev\t"}},
		{[]string{"state", "rm", "st"}, []string{"staging\talias of tm-staging"}, nil},
		{[]string{"test", "net"}, []string{"networking"}, []string{"kms"}},
	}
	for _, tc := range tests {
		r := clitest.Infra(t, t.TempDir(), "", append([]string{"__complete"}, tc.args...)...)
		if r.Code != 0 {
			t.Fatalf("__complete %v: %s", tc.args, r)
		}
		lines := "\n" + r.Out
		for _, w := range tc.want {
			if !strings.Contains(lines, "\n"+w) {
				t.Errorf("__complete %q lacks %q:\n%s", tc.args, w, r.Out)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(lines, "\n"+n) {
				t.Errorf("__complete %q offers %q:\n%s", tc.args, n, r.Out)
			}
		}
	}
}

// TestVersionJSON: the module version, the terraform found (at least the
// minimum) and the provider versions the roots lock.
func TestVersionJSON(t *testing.T) {
	r := clitest.Infra(t, t.TempDir(), "", "version", "--json")
	var v struct {
		Version   string `json:"version"`
		Go        string `json:"go"`
		Terraform struct {
			Version, Path string
		} `json:"terraform"`
		Locked   map[string][]string `json:"locked_providers"`
		Problems []string            `json:"problems"`
	}
	if r.Code != 0 || json.Unmarshal([]byte(r.Out), &v) != nil {
		t.Fatalf("version --json: %s", r)
	}
	tv, err := version.NewVersion(v.Terraform.Version)
	if err != nil || tv.LessThan(toolchain.MinTerraform) || v.Version == "" || !strings.HasPrefix(v.Go, "go1.") || len(v.Problems) != 0 {
		t.Errorf("version: %+v (%v)", v, err)
	}
	if len(v.Locked[toolchain.ProviderSource]) == 0 {
		t.Errorf("no locked %s versions: %+v", toolchain.ProviderSource, v.Locked)
	}
	text := clitest.Infra(t, t.TempDir(), "", "--version")
	if text.Code != 0 || !strings.HasPrefix(text.Out, "infra ") || !strings.Contains(text.Out, "terraform "+v.Terraform.Version) {
		t.Errorf("--version: %s", text)
	}
}
