// Package cli is the `infra` command line: cobra commands that parse flags,
// call the engine and print to the writers they are given, so every command
// runs in-process in tests.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/tf"
)

// Exit codes.
const (
	ExitOK       = 0 // success; for plan: no changes
	ExitError    = 1 // the command failed
	ExitUsage    = 2 // bad flags, arguments or stack names; for plan: changes present
	ExitFindings = 3 // drift or policy findings
)

// EnvTarget selects the emulator for every command when set to "local".
const EnvTarget = "INFRA_TARGET"

// UsageError marks bad input that the user fixes by changing the command.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usage(format string, a ...any) error { return &UsageError{Err: fmt.Errorf(format, a...)} }

// ExitError carries a specific exit code without an error message of its own
// (for example plan's "changes present").
type exitCode struct {
	code int
	err  error
}

func (e *exitCode) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}
func (e *exitCode) Unwrap() error { return e.err }

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
	return a.report(err)
}

func (a *app) report(err error) int {
	if err == nil {
		return ExitOK
	}
	var ec *exitCode
	if errors.As(err, &ec) {
		if ec.err != nil {
			fmt.Fprintf(a.io.Err, "infra: %v\n", ec.err)
		}
		return ec.code
	}
	msg := err.Error()
	if le, ok := tf.IsLocked(err); ok {
		msg = fmt.Sprintf("%s; wait for that run to finish, or if it died run `infra unlock <stack> %s`", le.Error(), le.ID)
	}
	fmt.Fprintf(a.io.Err, "infra: %s\n", msg)
	var ue *UsageError
	if errors.As(err, &ue) || errors.Is(err, stacks.ErrUnknown) {
		return ExitUsage
	}
	return ExitError
}

func (a *app) root() *cobra.Command {
	root := &cobra.Command{
		Use:   "infra",
		Short: "Operate the Task Manager and HMS infrastructure (Terraform on AWS or the local emulator)",
		Long: `infra drives the Terraform stacks of the Task Manager (seed 000) and the HMS
(seed 003) against real AWS or, with --local, against the local AWS emulator.

Stacks are named in infrastructure/terraform/stacks.hcl (see 'infra stacks').
Exit codes: 0 ok, 1 error, 2 usage (plan: changes present), 3 drift or policy findings.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if !cmd.Flags().Changed("local") && strings.EqualFold(os.Getenv(EnvTarget), "local") {
				a.local = true
			}
			return nil
		},
	}
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
		a.driftCmd(),
		a.fmtCmd(),
		a.validateCmd(),
		a.stateCmd(),
		a.importCmd(),
		a.lockCmd(),
		a.unlockCmd(),
		a.testCmd(),
		a.dbCmd(),
	)
	return root
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

// stack resolves a name into a usage error when unknown.
func stack(e *engine.Engine, name string) (stacks.Stack, error) {
	s, err := e.Resolve(name)
	if err != nil {
		return stacks.Stack{}, &UsageError{Err: err}
	}
	return s, nil
}
