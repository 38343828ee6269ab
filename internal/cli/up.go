package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/schedule"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/tf"
)

// DefaultStack is what `infra up` brings up without an argument.
const DefaultStack = "tm-dev"

// timer records seconds per phase for the closing timing line; stacks
// running at the same time add their phases concurrently.
type timer struct {
	mu     sync.Mutex
	start  time.Time
	last   time.Time
	phases []string
}

func newTimer() *timer { now := time.Now(); return &timer{start: now, last: now} }

// mark ends a phase of the sequential part (emulator, bootstrap, outputs):
// its time is since the previous mark.
func (t *timer) mark(phase string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	t.phases = append(t.phases, fmt.Sprintf("%s %.1fs", phase, now.Sub(t.last).Seconds()))
	t.last = now
}

// since records a phase that began at from (a stack's step), and moves the
// sequential mark on.
func (t *timer) since(phase string, from time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	t.phases = append(t.phases, fmt.Sprintf("%s %.1fs", phase, now.Sub(from).Seconds()))
	t.last = now
}

func (t *timer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
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
check through the AWS SDK that every resource exists -> outputs. Stacks that
do not depend on each other are applied at the same time, each stack as soon
as the ones it depends on are applied, and a stack's SDK check runs while the
next applies. After a
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
	// Say what will happen before the first slow step (the emulator
	// starts in seconds, the applies take minutes).
	if _, cat, err := a.catalog(); err == nil {
		if s, err := cat.Resolve(name); err == nil {
			if all, err := cat.WithDependencies(s); err == nil {
				where := "real AWS"
				if local {
					where = "the local emulator"
				}
				fmt.Fprintf(a.io.Out, "bringing up %s on %s: %s\n", s.Name, where, stackNames(all))
			}
		}
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
	if err := a.upStacks(ctx, e, all, t); err != nil {
		return err
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

// upStacks brings the stacks up in dependency order, each as soon as the
// stacks it depends on are applied (independent ones at the same time);
// a stack's SDK check runs alongside whatever starts next. Lines are
// written whole, so concurrent stacks do not interleave within a line.
func (a *app) upStacks(ctx context.Context, e *engine.Engine, all []stacks.Stack, t *timer) error {
	ua := *a
	ua.io.Out = &lineWriter{w: a.io.Out}
	tasks := make([]schedule.Task, 0, len(all))
	for _, s := range all {
		deps := make([]string, 0, len(s.DependsOn))
		for _, d := range s.DependsOn {
			dep, err := e.Resolve(d)
			if err != nil {
				return err
			}
			deps = append(deps, dep.Name)
		}
		var w *tf.Workspace
		tasks = append(tasks, schedule.Task{
			Name: s.Name,
			Deps: deps,
			Run: func(ctx context.Context) error {
				var err error
				w, err = ua.applyStack(ctx, e, s, t)
				return err
			},
			After: func(ctx context.Context) error { return ua.verifyApplied(ctx, e, s, w, t) },
		})
	}
	_, err := schedule.Run(ctx, tasks)
	return err
}

// applyStack initialises and applies one stack, logging terraform's output
// to a file so the terminal shows phases, not pages, then delegates its
// zones (if any): stacks after it may validate certificates in them.
func (a *app) applyStack(ctx context.Context, e *engine.Engine, s stacks.Stack, t *timer) (*tf.Workspace, error) {
	logPath, err := e.Project.Path("logs", e.Target.Name(), s.Name+".log")
	if err != nil {
		return nil, err
	}
	log, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("creating log for %s: %w", s.Name, err)
	}
	defer log.Close()
	fmt.Fprintf(a.io.Out, "%s: init, apply, verify (terraform output in %s)\n", s.Name, logPath)
	w, err := e.Workspace(s, engine.WorkspaceOptions{Stdout: log, Stderr: log})
	if err != nil {
		return nil, err
	}
	from := time.Now()
	if err := e.EnsureInit(ctx, s, w); err != nil {
		return nil, err
	}
	t.since(s.Name+" init", from)
	from = time.Now()
	if err := w.Apply(ctx, ""); err != nil {
		return nil, err
	}
	t.since(s.Name+" apply", from)
	outs, err := w.Outputs(ctx)
	if err != nil {
		return nil, err
	}
	// The workspace outlives the log file: later steps must not write to it.
	w, err = e.Workspace(s, engine.WorkspaceOptions{})
	if err != nil {
		return nil, err
	}
	return w, a.delegate(ctx, e, s, outs)
}

// verifyApplied checks through the AWS SDK that every resource in the
// stack's state exists.
func (a *app) verifyApplied(ctx context.Context, e *engine.Engine, s stacks.Stack, w *tf.Workspace, t *timer) error {
	from := time.Now()
	rep, err := a.verifyStack(ctx, e, s, w)
	if err != nil {
		return err
	}
	t.since(s.Name+" verify", from)
	if n := rep.Failed(); n > 0 {
		printReport(a.io.Out, rep)
		return fmt.Errorf("%d of %d resources of %s are in state but not found through the AWS API; see the report above", n, len(rep.Checks), s.Name)
	}
	fmt.Fprintf(a.io.Out, "%s: applied; %d resources confirmed through the AWS API\n", s.Name, len(rep.Checks))
	return nil
}

// lineWriter serialises writes, so lines printed by concurrent stacks
// stay whole (every Fprintf above writes whole lines).
type lineWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lineWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func stackNames(list []stacks.Stack) string {
	names := make([]string, len(list))
	for i, s := range list {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}
