package cli

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
)

// DefaultStack is what `infra up` brings up without an argument.
const DefaultStack = "tm-dev"

// timer records seconds per phase for the closing timing line.
type timer struct {
	start  time.Time
	last   time.Time
	phases []string
}

func newTimer() *timer { now := time.Now(); return &timer{start: now, last: now} }

func (t *timer) mark(phase string) {
	now := time.Now()
	t.phases = append(t.phases, fmt.Sprintf("%s %.1fs", phase, now.Sub(t.last).Seconds()))
	t.last = now
}

func (t *timer) String() string {
	return fmt.Sprintf("timing: %s, total %.1fs", strings.Join(t.phases, ", "), time.Since(t.start).Seconds())
}

func (a *app) upCmd() *cobra.Command {
	var real bool
	var port int
	cmd := &cobra.Command{
		Use:   "up [stack]",
		Short: "Bring a stack up end to end: emulator, state backend, init, apply, SDK checks, outputs",
		Long: `Bring a stack up end to end and print its outputs and a timing line:
emulator up -> bootstrap -> init -> apply (stacks it depends on first) ->
check through the AWS SDK that every resource exists -> outputs. After a
zone stack (global-route53, hms-global) its zones must be delegated before
the stacks that validate certificates in them: on the emulator up delegates
them itself; on AWS it checks public DNS and stops with the NS records to add
and the command to run again.

Without an argument: ` + DefaultStack + ` on the local emulator. With --aws the same
steps run against real AWS (no emulator).`,
		Example: `  infra up
  infra --local up hms-dev
  infra up dev --aws`,
		Args:              args(cobra.MaximumNArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if real && a.local {
				return usage("--aws and --local exclude each other: choose the target")
			}
			name := DefaultStack
			if len(argv) == 1 {
				name = argv[0]
			}
			return a.up(cmd, name, !real, port)
		},
	}
	cmd.Flags().BoolVar(&real, "aws", false, "target real AWS instead of the local emulator")
	cmd.Flags().IntVar(&port, "port", 0, "emulator port when it has to be started (default: a free one)")
	return cmd
}

func (a *app) up(cmd *cobra.Command, name string, local bool, port int) error {
	ctx := cmd.Context()
	t := newTimer()
	if err := a.known(ctx, name); err != nil {
		return err // before the emulator starts: bad input changes nothing
	}
	if local {
		inst, verb, err := a.startEmulator(ctx, port)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.io.Out, "emulator %s at %s (pid %d)\n", verb, inst.Endpoint, inst.PID)
		t.mark("emulator")
	}
	e, err := a.open(ctx, local)
	if err != nil {
		return err
	}
	main, err := stack(e, name)
	if err != nil {
		return err
	}
	all, err := e.Catalog.WithDependencies(main)
	if err != nil {
		return err
	}
	if main.Production() && !local {
		return refuse("`infra up` does not apply production stack %s on real AWS: use the reviewed `infra plan %s` / `infra apply %s` workflow", main.Name, main.Name, main.Name)
	}
	if _, err := a.bootstrap(ctx, e); err != nil {
		return err
	}
	t.mark("bootstrap")
	for _, s := range all {
		if err := a.upStack(ctx, e, s, t); err != nil {
			return err
		}
	}
	w, err := e.Workspace(main, engine.WorkspaceOptions{})
	if err != nil {
		return err
	}
	outs, err := w.Outputs(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.io.Out, "\noutputs of %s:\n", main.Name)
	printOutputs(a.io.Out, outs)
	t.mark("outputs")
	fmt.Fprintln(a.io.Out, t)
	return nil
}

// upStack initialises, applies and checks one stack, logging terraform's
// output to a file so the terminal shows phases, not pages.
func (a *app) upStack(ctx context.Context, e *engine.Engine, s stacks.Stack, t *timer) error {
	logPath, err := e.Project.Path("logs", e.Target.Name(), s.Name+".log")
	if err != nil {
		return err
	}
	log, err := os.Create(logPath)
	if err != nil {
		return fmt.Errorf("creating log for %s: %w", s.Name, err)
	}
	defer log.Close()
	fmt.Fprintf(a.io.Out, "%s: init, apply, verify (terraform output in %s)\n", s.Name, logPath)
	w, err := e.Workspace(s, engine.WorkspaceOptions{Stdout: log, Stderr: log})
	if err != nil {
		return err
	}
	if err := e.EnsureInit(ctx, s, w); err != nil {
		return err
	}
	t.mark(s.Name + " init")
	if err := w.Apply(ctx, ""); err != nil {
		return err
	}
	t.mark(s.Name + " apply")
	rep, err := a.verifyStack(ctx, e, s, w)
	if err != nil {
		return err
	}
	t.mark(s.Name + " verify")
	if n := rep.Failed(); n > 0 {
		printReport(a.io.Out, rep)
		return fmt.Errorf("%d of %d resources of %s are in state but not found through the AWS API; see the report above", n, len(rep.Checks), s.Name)
	}
	fmt.Fprintf(a.io.Out, "%s: applied; %d resources confirmed through the AWS API\n", s.Name, len(rep.Checks))
	// Stacks after this one may validate certificates in its zones: they
	// can only finish once the zones are delegated.
	outs, err := w.Outputs(ctx)
	if err != nil {
		return err
	}
	return a.delegate(ctx, e, s, outs)
}
