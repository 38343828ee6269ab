// Package cli is the `infra` command line: cobra commands that parse flags,
// call the engine and print to the writers they are given, so every command
// runs in-process in tests.
package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
)

// EnvTarget selects the emulator for every command when set to "local".
const EnvTarget = "INFRA_TARGET"

// regionCode is the shape of an AWS region code (the roots' aws_region
// validation).
var regionCode = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-[0-9]$`)

// IO is where a command reads and writes.
type IO struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

type app struct {
	io     IO
	local  bool
	region string
	chdir  string
	state  string
}

// NewRootCommand is the command tree writing to stdio, for tools that
// walk it (runbook and example checks, documentation).
func NewRootCommand(stdio IO) *cobra.Command { return (&app{io: stdio}).root() }

// Run executes the command line args and returns the exit code.
func Run(ctx context.Context, args []string, stdio IO) int {
	a := &app{io: stdio}
	root := a.root()
	root.SetArgs(args)
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	err := root.ExecuteContext(ctx)
	if err != nil && strings.HasPrefix(err.Error(), "unknown command") {
		// cobra's own message spans lines ("Did you mean this?"); fold it.
		err = usage("%s; see `infra --help`", strings.Join(strings.Fields(err.Error()), " "))
	}
	if err != nil && ctx.Err() != nil {
		// Ctrl-C or SIGTERM: terraform-exec sent terraform SIGINT, so it
		// stopped after its in-flight calls, wrote the state and released
		// the lock before this returns.
		err = &exitCode{code: ExitInterrupted, err: fmt.Errorf("interrupted: terraform was stopped gracefully (state saved, lock released; %s); `infra lock status <stack>` shows any lock left and `infra plan <stack>` what remains", strings.SplitN(err.Error(), "\n", 2)[0])}
	}
	return a.report(err)
}

func (a *app) root() *cobra.Command {
	var showVersion bool
	root := &cobra.Command{
		Use:   "infra",
		Short: "Operate the Task Manager and HMS infrastructure (Terraform on AWS or the local emulator)",
		Long: `infra drives the Terraform stacks of the Task Manager design and the HMS design
(README.md and docs/ARCHITECTURE.md) against real AWS or, with --local, against
the local AWS emulator.

Stacks are named in infrastructure/terraform/stacks.hcl (see 'infra stacks');
every command that takes a stack accepts its aliases and completes them
('infra completion --help').

` + exitHelp(),
		Example: `  infra doctor
  infra --local up
  infra plan tm-dev && infra apply tm-dev
  infra version --json`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			switch v := os.Getenv(EnvTarget); {
			case strings.EqualFold(v, "local"):
				if !cmd.Flags().Changed("local") {
					a.local = true
				}
			case v != "" && !strings.EqualFold(v, "aws"):
				return usage("%s=%s: use local or aws (or unset it)", EnvTarget, v)
			}
			if a.region != "" && !regionCode.MatchString(a.region) {
				return usage("--region %s: not an AWS region code (e.g. us-east-1, eu-west-2)", a.region)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if showVersion {
				return a.printVersion(cmd.Context(), false)
			}
			return cmd.Help()
		},
	}
	root.Flags().BoolVar(&showVersion, "version", false, "print the version (same as 'infra version')")
	root.PersistentFlags().BoolVar(&a.local, "local", false, "target the local emulator (also INFRA_TARGET=local)")
	root.PersistentFlags().StringVar(&a.region, "region", "", "AWS region for real AWS (default: the SDK's configuration)")
	root.PersistentFlags().StringVarP(&a.chdir, "chdir", "C", ".", "start looking for the repository here")
	root.PersistentFlags().StringVar(&a.state, "state-dir", "", "project state folder: emulator, CLI config, data dirs, plans (default $INFRA_STATE_DIR or <repo>/.infra)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{Err: err} })
	root.AddCommand(
		a.localCmd(),
		a.bootstrapCmd(),
		a.initCmd(),
		a.planCmd(),
		a.applyCmd(),
		a.destroyCmd(),
		a.outputCmd(),
		a.verifyCmd(),
		a.upCmd(),
		a.doctorCmd(),
		a.stacksCmd(),
		a.affectedCmd(),
		a.driftCmd(),
		a.fmtCmd(),
		a.validateCmd(),
		a.stateCmd(),
		a.importCmd(),
		a.lockCmd(),
		a.unlockCmd(),
		a.testCmd(),
		a.policyCmd(),
		a.dbCmd(),
		a.versionCmd(),
		a.docsCmd(),
		a.providersCmd(),
		a.costCmd(),
		a.graphCmd(),
	)
	root.InitDefaultCompletionCmd()
	groups(root)
	return root
}

// groups makes every command that only groups others (state, local, lock,
// providers, completion) print its help when called alone and refuse an
// unknown subcommand with exit 1; cobra would print help and exit 0.
func groups(c *cobra.Command) {
	for _, sub := range c.Commands() {
		groups(sub)
	}
	if c.HasParent() && !c.Runnable() && c.HasSubCommands() {
		c.Args = args(cobra.NoArgs)
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	}
}

// args wraps cobra's validators so their failures are usage errors.
func args(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := v(cmd, a); err != nil {
			return &UsageError{Err: fmt.Errorf("%s: %w; see `%s --help`", cmd.CommandPath(), err, cmd.CommandPath())}
		}
		return nil
	}
}

// open builds the engine for this invocation.
func (a *app) open(ctx context.Context, local bool) (*engine.Engine, error) {
	return engine.Open(ctx, engine.Options{
		Dir:      a.chdir,
		StateDir: a.state,
		Local:    local,
		Region:   a.region,
		Stdout:   a.io.Out,
		Stderr:   a.io.Err,
	})
}

// known refuses an unknown stack name before a command that starts or
// needs the emulator looks for it.
func (a *app) known(ctx context.Context, name string) error {
	e, err := a.open(ctx, false)
	if err != nil {
		return err
	}
	_, err = stack(e, name)
	return err
}

// stack resolves a name into a usage error when unknown.
func stack(e *engine.Engine, name string) (stacks.Stack, error) {
	s, err := e.Resolve(name)
	if err != nil {
		return stacks.Stack{}, &UsageError{Err: err}
	}
	return s, nil
}

// openStacks opens the engine and resolves the named stacks, or every stack
// with all: the preamble of the commands that work on many stacks.
func (a *app) openStacks(ctx context.Context, local, all bool, names []string) (*engine.Engine, []stacks.Stack, error) {
	e, err := a.open(ctx, local)
	if err != nil {
		return nil, nil, err
	}
	list, err := selectStacks(e, all, names)
	if err != nil {
		return nil, nil, err
	}
	return e, list, nil
}

// writeJSON prints v as indented JSON, the form every --json output takes.
func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.io.Out)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}
