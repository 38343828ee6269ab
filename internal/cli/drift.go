package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/taskmanager-platform/infra/internal/drift"
	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/tf"
)

func (a *app) driftCmd() *cobra.Command {
	var all, asJSON, asMarkdown, unmanagedOnly bool
	cmd := &cobra.Command{
		Use:   "drift [stack…] [--all]",
		Short: "Refresh-only plans of stacks in parallel: in sync, drifted (resource and attribute) or error; exit 3 on drift",
		Long: `Run a refresh-only plan of each named stack (or every stack with --all) in
parallel and report, per stack, in sync, drifted (resource, attribute before ->
after; only attributes the configuration declares) or error.
Exit 0: all in sync; 3: drift found; 1: a stack could not be checked.`,
		Example: `  infra --local drift dev
  infra --local drift --unmanaged global-route53
  infra drift --all --markdown
  infra drift --all --json | jq -r '.[] | select(.status == "drifted") | .stack'`,
		ValidArgsFunction: a.completeStacks(-1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if all == (len(argv) > 0) {
				return usage("name stacks or pass --all (not both): e.g. `infra drift tm-dev` or `infra drift --all`")
			}
			if asJSON && asMarkdown {
				return usage("--json and --markdown exclude each other: choose one")
			}
			if unmanagedOnly && asMarkdown {
				return usage("--unmanaged prints text or --json: drop --markdown")
			}
			ctx := cmd.Context()
			e, list, err := a.openStacks(ctx, a.local, all, argv)
			if err != nil {
				return err
			}
			if unmanagedOnly { // drift_unmanaged.go
				return a.driftUnmanaged(ctx, e, list, asJSON)
			}
			rep := a.driftAll(ctx, e, list)
			switch {
			case asJSON:
				if err := a.writeJSON(rep); err != nil {
					return err
				}
			case asMarkdown:
				fmt.Fprint(a.io.Out, drift.Markdown(rep))
			default:
				drift.WriteText(a.io.Out, rep)
			}
			_, drifted, failed := drift.Counts(rep)
			switch {
			case failed > 0:
				return &exitCode{code: ExitError, err: fmt.Errorf("drift check failed for %d of %d stacks (see the report)", failed, len(rep))}
			case drifted > 0:
				return findings(nil)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "every stack of the manifest")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON")
	cmd.Flags().BoolVar(&asMarkdown, "markdown", false, "print the report as Markdown (issue body)")
	cmd.Flags().BoolVar(&unmanagedOnly, "unmanaged", false, "list resources tagged infra:stack=<stack> that are not in its state (a killed run's orphans), with the import block or delete command for each; exit 3 if any")
	return cmd
}

// quiet reports whether progress lines should be left out: in CI, or when
// stderr is not a terminal.
func (a *app) quiet() bool {
	if os.Getenv("CI") != "" {
		return true
	}
	f, ok := a.io.Err.(*os.File)
	return !ok || !term.IsTerminal(int(f.Fd()))
}

// driftAll runs one refresh-only plan per stack concurrently, at most one
// per core: a refresh keeps its provider process busy (unlike an apply,
// which mostly waits), so more would only share the cores. The terraform
// semaphore in internal/tf bounds processes across commands as well.
func (a *app) driftAll(ctx context.Context, e *engine.Engine, list []stacks.Stack) []drift.Stack {
	out := make([]drift.Stack, len(list))
	quiet := a.quiet()
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	cpu := make(chan struct{}, tf.CPUParallelism())
	for i, s := range list {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cpu <- struct{}{}
			out[i] = driftOne(ctx, e, s)
			<-cpu
			if !quiet {
				mu.Lock()
				done++
				fmt.Fprintf(a.io.Err, "[%d/%d] %s: %s\n", done, len(list), s.Name, out[i].Status)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out
}

func driftOne(ctx context.Context, e *engine.Engine, s stacks.Stack) drift.Stack {
	fail := func(err error) drift.Stack {
		return drift.Stack{Stack: s.Name, Status: drift.Failed, Error: err.Error()}
	}
	w, err := e.Workspace(s, engine.WorkspaceOptions{Stdout: io.Discard})
	if err != nil {
		return fail(err)
	}
	if err := e.EnsureInit(ctx, s, w); err != nil {
		return fail(err)
	}
	file, err := e.Project.Path("plans", e.Target.Name(), s.Name+".drift.tfplan")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(file)
	changes, err := w.Plan(ctx, tf.PlanOptions{Out: file, RefreshOnly: true})
	if err != nil {
		return fail(err)
	}
	if !changes {
		return drift.Stack{Stack: s.Name, Status: drift.InSync}
	}
	// Read from the plan file itself: `terraform show -json` would start
	// the provider again just for its schema.
	p, err := tf.ReadDrift(filepath.Clean(file))
	if err != nil {
		return fail(err)
	}
	return drift.FromPlan(s.Name, p)
}

// selectStacks is every stack for --all, or the named ones.
func selectStacks(e *engine.Engine, all bool, names []string) ([]stacks.Stack, error) {
	if all {
		return e.Catalog.All(), nil
	}
	list, err := e.Catalog.ResolveAll(names)
	if err != nil {
		return nil, &UsageError{Err: err}
	}
	return list, nil
}
