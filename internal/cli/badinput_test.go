package cli_test

import (
	"crypto/sha256"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/hclgen"
	"github.com/taskmanager-platform/infra/internal/testutil/testfs"
)

// badInput is the rest of the bad-input table run by TestExitCodes: flags
// and arguments of every command, the manifest, the configuration, plans,
// locks and the environment. Like the rows there, each asserts the exit
// code, a one-line message naming the fix, and that nothing changed (the
// repository's files and the state folder; cases that need state or a lock
// are asserted on an emulator in dayTwo).
func badInput(t *testing.T, aFile string) []exitCase {
	const E, R = cli.ExitError, cli.ExitRefused
	manifest := func(edit func(f *hclwrite.File)) func(t *testing.T, repo string) {
		return func(t *testing.T, repo string) {
			editHCL(t, filepath.Join(repo, "infrastructure", "terraform", "stacks.hcl"), edit)
		}
	}
	stackAttr := func(stack, attr string, v cty.Value) func(t *testing.T, repo string) {
		return manifest(func(f *hclwrite.File) { hclgen.Block(f.Body(), "stack", stack).Body().SetAttributeValue(attr, v) })
	}
	list := func(s ...string) cty.Value {
		vs := make([]cty.Value, len(s))
		for i, x := range s {
			vs[i] = cty.StringVal(x)
		}
		return cty.ListVal(vs)
	}
	env := func(kv ...string) map[string]string {
		m := map[string]string{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	return []exitCase{
		// The environment.
		{name: "env: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS in local mode", args: []string{"--local", "plan", "dev"}, env: env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), code: R, want: "unset it"},
		{name: "env: AWS_IGNORE_CONFIGURED_ENDPOINT_URLS with INFRA_TARGET=local", args: []string{"apply", "dev"}, env: env("INFRA_TARGET", "local", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"), code: R, want: "local mode refuses AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"},
		{name: "env: AWS_USE_FIPS_ENDPOINT in local mode", args: []string{"--local", "plan", "dev"}, env: env("AWS_USE_FIPS_ENDPOINT", "true"), code: R, want: "AWS_USE_FIPS_ENDPOINT=true"},
		{name: "env: AWS_USE_DUALSTACK_ENDPOINT in local mode", args: []string{"--local", "apply", "dev"}, env: env("AWS_USE_DUALSTACK_ENDPOINT", "true"), code: R, want: "AWS_USE_DUALSTACK_ENDPOINT=true"},
		{name: "env: endpoint switch on drift --all", args: []string{"--local", "drift", "--all"}, env: env("AWS_USE_FIPS_ENDPOINT", "true"), code: R, want: "unset it"},
		{name: "env: endpoint switch on destroy", args: []string{"--local", "destroy", "dev", "--yes"}, env: env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), code: R, want: "unset it"},
		{name: "env: TF_CLI_ARGS -lock=false", args: []string{"plan", "dev"}, env: env("TF_CLI_ARGS", "-lock=false"), code: R, want: "asks terraform not to lock the state"},
		{name: "env: TF_CLI_ARGS_apply -lock=false", args: []string{"apply", "dev"}, env: env("TF_CLI_ARGS_apply", "-lock=false"), code: R, want: "TF_CLI_ARGS_apply"},
		{name: "env: TF_CLI_ARGS_destroy -lock=false", args: []string{"destroy", "dev", "--yes"}, env: env("TF_CLI_ARGS_destroy", "-no-color -lock=false"), code: R, want: "TF_CLI_ARGS_destroy"},
		{name: "env: TF_CLI_ARGS_import -lock=false", args: []string{"--local", "import", "dev", "aws_vpc.x", "vpc-1", "--yes"}, env: env("TF_CLI_ARGS_import", "-lock=false"), code: R, want: "TF_CLI_ARGS_import"},
		{name: "env: TF_CLI_ARGS_state -lock=false", args: []string{"state", "rm", "dev", "aws_vpc.x", "--yes"}, env: env("TF_CLI_ARGS_state_rm", "-lock=false"), code: R, want: "TF_CLI_ARGS_state_rm"},
		{name: "env: INFRA_TARGET unknown", args: []string{"plan", "dev"}, env: env("INFRA_TARGET", "staging"), code: E, want: "use local or aws"},
		{name: "flag: --state-dir is a file", args: []string{"--state-dir", aFile, "stacks"}, code: E, want: "is a file, not a folder"},
		{name: "env: INFRA_ROOT without a manifest", args: []string{"stacks"}, env: env("INFRA_ROOT", t.TempDir()), code: E, want: "set INFRA_ROOT"},
		{name: "env: INFRA_TERRAFORM missing", args: []string{"validate", "dev"}, env: env("INFRA_TERRAFORM", filepath.Join(t.TempDir(), "terraform")), code: E, want: "point it at a terraform binary"},
		{name: "env: INFRA_PROVIDER_MIRROR missing", args: []string{"validate", "dev"}, env: env("INFRA_PROVIDER_MIRROR", filepath.Join(t.TempDir(), "mirror")), code: E, want: "no provider mirror with hashicorp/aws"},

		// Global flags.
		{name: "flag: --state-dir below a file", args: []string{"--state-dir", filepath.Join(aFile, "x"), "stacks"}, code: E, want: "choose a directory with --state-dir"},
		{name: "flag: -C outside a repository", args: []string{"-C", t.TempDir(), "stacks"}, code: E, want: "run infra from a checkout"},
		{name: "flag: --region not a region", args: []string{"--region", "nowhere", "plan", "dev"}, code: E, want: "not an AWS region code"},
		{name: "flag: --local given a value", args: []string{"--local=maybe", "plan", "dev"}, code: E, want: "invalid argument"},

		// The manifest.
		{name: "manifest: stack path without a root", args: []string{"plan", "dev"}, code: E, want: "has no backend.tf", repo: stackAttr("tm-dev", "path", cty.StringVal("environments/nope"))},
		{name: "manifest: alias used twice", args: []string{"stacks"}, code: E, want: `name "dev" is used by both`, repo: stackAttr("global-iam", "aliases", list("dev"))},
		{name: "manifest: dependency cycle", args: []string{"validate", "--all"}, code: E, want: "stack dependency cycle", repo: stackAttr("global-ecr", "depends_on", list("tm-dev"))},
		{name: "manifest: unknown attribute", args: []string{"stacks"}, code: E, want: `An argument named "colour" is not expected`, repo: stackAttr("global-ecr", "colour", cty.StringVal("red"))},
		{name: "manifest: missing var file", args: []string{"plan", "ecr"}, code: E, want: "var file global/ecr/nope.tfvars does not exist", repo: stackAttr("global-ecr", "var_files", list("nope.tfvars"))},
		{name: "manifest: var file outside the root", args: []string{"stacks"}, code: E, want: "must be a path inside", repo: stackAttr("global-ecr", "var_files", list("../iam/main.tf"))},
		{name: "manifest: unknown system", args: []string{"stacks"}, code: E, want: `system "other" is not one of`, repo: stackAttr("global-iam", "system", cty.StringVal("other"))},
		{name: "manifest: unknown environment", args: []string{"stacks"}, code: E, want: `environment "qa" is not one of`, repo: stackAttr("tm-dev", "environment", cty.StringVal("qa"))},
		{name: "manifest: alias with a space", args: []string{"stacks"}, code: E, want: "must be lower-case letters", repo: stackAttr("global-iam", "aliases", list("i am"))},
		{name: "manifest: syntax error", args: []string{"plan", "dev"}, code: E, want: "Unclosed configuration block", repo: func(t *testing.T, repo string) {
			testfs.Append(t, filepath.Join(repo, "infrastructure", "terraform", "stacks.hcl"), "\nstack \"x\" {\n")
		}},
		{name: "manifest: root without a stack", args: []string{"stacks"}, code: E, want: "has a backend.tf but no stack", repo: func(t *testing.T, repo string) {
			envs := filepath.Join(repo, "infrastructure", "terraform", "environments")
			if err := os.CopyFS(filepath.Join(envs, "qa"), os.DirFS(filepath.Join(envs, "dev"))); err != nil {
				t.Fatal(err)
			}
		}},

		// The configuration and its validation.
		{name: "validation: a module input outside its allowed values", args: []string{"validate", "dev"}, code: E, want: "fix the diagnostics above", repo: func(t *testing.T, repo string) {
			editHCL(t, filepath.Join(repo, "infrastructure", "terraform", "environments", "dev", "main.tf"), func(f *hclwrite.File) {
				hclgen.Block(f.Body(), "module", "taskmanager").Body().SetAttributeValue("environment", cty.StringVal("qa"))
			})
		}},
		{name: "validation: a syntax error in a root", args: []string{"validate", "--all"}, code: E, want: "fix the diagnostics above", repo: func(t *testing.T, repo string) {
			testfs.Append(t, filepath.Join(repo, "infrastructure", "terraform", "global", "iam", "main.tf"), "\nvariable \"x\" {\n")
		}},
		{name: "fmt: a module file not formatted", args: []string{"fmt"}, code: R, want: "infra fmt --write", repo: func(t *testing.T, repo string) {
			testfs.Append(t, filepath.Join(repo, "infrastructure", "terraform", "modules", "kms", "main.tf"), "\nlocals {\ny=2\n}\n")
		}},

		// Arguments and flags of each command.
		{name: "plan: missing stack", args: []string{"plan"}, code: E, want: "accepts 1 arg(s)"},
		{name: "plan: two stacks", args: []string{"plan", "dev", "prod"}, code: E, want: "accepts 1 arg(s)"},
		{name: "plan: --replace not an address", args: []string{"plan", "dev", "--replace", "not an address!"}, code: E, want: "is not a resource address"},
		{name: "apply: two stacks", args: []string{"apply", "dev", "prod"}, code: E, want: "accepts 1 arg(s)"},
		{name: "apply: --approve too short", args: []string{"apply", "tm-prodfix", "--approve", "3f9a1c"}, code: E, want: "at least 8 characters"},
		{name: "apply: --plan that does not exist", args: []string{"apply", "dev", "--plan", filepath.Join(t.TempDir(), "none.tfplan")}, code: E, want: "run `infra plan <stack>` first"},
		{name: "apply: --plan a folder", args: []string{"apply", "dev", "--plan", t.TempDir()}, code: E, want: "not a plan saved by `infra plan`"},
		{name: "destroy: missing stack", args: []string{"destroy"}, code: E, want: "accepts 1 arg(s)"},
		{name: "destroy: unknown stack", args: []string{"destroy", "qa", "--yes"}, code: E, want: "known stacks"},
		{name: "destroy: production by alias", args: []string{"destroy", "production", "--yes"}, code: R, want: "never destroyed by infra"},
		{name: "output: missing stack", args: []string{"output"}, code: E, want: "accepts 1 arg(s)"},
		{name: "output: unknown flag", args: []string{"output", "dev", "--frob"}, code: E, want: "unknown flag: --frob"},
		{name: "verify: unknown stack", args: []string{"verify", "qa"}, code: E, want: "known stacks"},
		{name: "verify: two stacks", args: []string{"verify", "dev", "prod"}, code: E, want: "accepts 1 arg(s)"},
		{name: "up: unknown stack", args: []string{"up", "qa"}, code: E, want: "known stacks"},
		{name: "up: --aws and --local", args: []string{"--local", "up", "dev", "--aws"}, code: E, want: "exclude each other"},
		{name: "drift: --unmanaged with --markdown", args: []string{"drift", "dev", "--unmanaged", "--markdown"}, code: E, want: "drop --markdown"},
		{name: "drift: --json and --markdown", args: []string{"drift", "--all", "--json", "--markdown"}, code: E, want: "exclude each other"},
		{name: "drift: --unmanaged without stacks", args: []string{"drift", "--unmanaged"}, code: E, want: "--all"},
		{name: "drift: --unmanaged on an unknown stack", args: []string{"drift", "--unmanaged", "qa"}, code: E, want: "known stacks"},
		{name: "drift --unmanaged: no emulator", args: []string{"--local", "drift", "--unmanaged", "dev"}, code: E, want: "infra local up"},
		{name: "fmt: extra argument", args: []string{"fmt", "extra"}, code: E, want: "unknown command"},
		{name: "validate: unknown stack", args: []string{"validate", "qa"}, code: E, want: "known stacks"},
		{name: "validate: stacks and --all", args: []string{"validate", "--all", "dev"}, code: E, want: "not both"},
		{name: "state list: missing stack", args: []string{"state", "list"}, code: E, want: "accepts 1 arg(s)"},
		{name: "state show: unknown stack", args: []string{"state", "show", "qa", "aws_vpc.x"}, code: E, want: "known stacks"},
		{name: "state rm: missing address", args: []string{"state", "rm", "dev"}, code: E, want: "accepts 2 arg(s)"},
		{name: "state mv: unknown stack", args: []string{"state", "mv", "qa", "a.b", "c.d"}, code: E, want: "known stacks"},
		{name: "state versions: extra argument", args: []string{"state", "versions", "dev", "extra"}, code: E, want: "accepts 1 arg(s)"},
		{name: "state restore: unknown stack", args: []string{"state", "restore", "qa", "v1"}, code: E, want: "known stacks"},
		{name: "state rm: production by alias without a terminal", args: []string{"state", "rm", "production", "aws_vpc.x", "--yes"}, code: R, want: "production always asks"},
		{name: "import: missing id", args: []string{"import", "dev", "aws_vpc.x"}, code: E, want: "accepts 3 arg(s)"},
		{name: "import --generate: unknown stack", args: []string{"import", "qa", "aws_vpc.x", "vpc-1", "--generate"}, code: E, want: "known stacks"},
		{name: "import: production without a terminal", args: []string{"import", "production", "aws_vpc.x", "vpc-1", "--yes"}, code: R, want: "production always asks"},
		{name: "lock status: missing stack", args: []string{"lock", "status"}, code: E, want: "accepts 1 arg(s)"},
		{name: "lock status: two stacks", args: []string{"lock", "status", "dev", "prod"}, code: E, want: "accepts 1 arg(s)"},
		{name: "lock status: no emulator", args: []string{"--local", "lock", "status", "dev"}, code: E, want: "infra local up"},
		{name: "unlock: unknown stack", args: []string{"unlock", "qa", "abc"}, code: E, want: "known stacks"},
		{name: "unlock: empty lock id", args: []string{"unlock", "dev", " "}, code: E, want: "the lock id is empty"},
		{name: "unlock: no emulator", args: []string{"--local", "unlock", "dev", "abc", "--yes"}, code: E, want: "infra local up"},
		{name: "test: one unknown module among known", args: []string{"test", "kms", "no-such-module"}, code: E, want: "modules with tests:"},
		{name: "docs: extra argument", args: []string{"docs", "extra"}, code: E, want: "unknown command"},
		{name: "db rotate: missing stack", args: []string{"db", "rotate"}, code: E, want: "accepts 1 arg(s)"},
		{name: "local up: port not a number", args: []string{"local", "up", "--port", "abc"}, code: E, want: "must be an integer"},
		{name: "local up: port out of range", args: []string{"local", "up", "--port", "70000"}, code: E, want: "between 1 and 65535"},
		{name: "local delegate: unknown stack", args: []string{"local", "delegate", "qa"}, code: E, want: "known stacks"},
		{name: "policy: unknown stack", args: []string{"policy", "qa"}, code: E, want: "known stacks"},
		{name: "policy: --json and --markdown", args: []string{"policy", "dev", "--json", "--markdown"}, code: E, want: "exclude each other"},
		{name: "init: missing stack", args: []string{"init"}, code: E, want: "accepts 1 arg(s)"},
		{name: "stacks: extra argument", args: []string{"stacks", "extra"}, code: E, want: "unknown command"},
		{name: "version: unknown flag", args: []string{"version", "--yaml"}, code: E, want: "unknown flag: --yaml"},
		{name: "providers lock: unknown flag", args: []string{"providers", "lock", "--frob"}, code: E, want: "unknown flag: --frob"},
	}
}

// treeSum is a digest of every file under dir (symbolic links not
// followed): what "nothing changed" compares.
func treeSum(t *testing.T, dir string) [32]byte {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 || d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path + "\x00"))
		h.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// wroteState reports files a failed command left in the state folder that
// would change what a later command does: saved plans, backups, state.
func wroteState(t *testing.T, state string) []string {
	t.Helper()
	var out []string
	for _, sub := range []string{"plans", "state-backups"} {
		_ = filepath.WalkDir(filepath.Join(state, sub), func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				out = append(out, strings.TrimPrefix(path, state))
			}
			return nil
		})
	}
	return out
}
