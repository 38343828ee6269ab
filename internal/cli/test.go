package cli

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/tf"
)

func (a *app) testCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "test [module…]",
		Short: "Run the modules' terraform test files (plan-only, mocked: validations and their messages) in parallel",
		Long: `Run 'terraform test' in every module that has tests/*.tftest.hcl (or the named
ones), in parallel: plan-only runs with mocked providers, so no cloud and no
emulator is needed. A failing module fails the command (exit 1).
Like go test, a module whose files, called modules, terraform and provider
configuration are unchanged since its last pass (recorded in its data dir
under the state folder) is not run again; --force runs every module.`,
		Example: `  infra test
  infra test networking database
  infra test --force`,
		ValidArgsFunction: a.completeModules,
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			e, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			modules, err := e.TestedModules()
			if err != nil {
				return err
			}
			for _, m := range argv {
				if !slices.Contains(modules, m) {
					return usage("module %q has no tests/*.tftest.hcl; modules with tests: %s", m, strings.Join(modules, ", "))
				}
			}
			if len(argv) > 0 {
				modules = argv
			}
			results := make([]*tf.TestResult, len(modules))
			errs := make([]error, len(modules))
			inputs := make([]string, len(modules))
			cached := make([]bool, len(modules))
			for i, m := range modules {
				if inputs[i], err = e.ModuleTestInputs(m); err != nil {
					return err
				}
				if runs, ok := e.TestPassed(m, inputs[i]); ok && !force {
					results[i], cached[i] = &tf.TestResult{Passed: runs}, true
				}
			}
			var todo []int
			for i := range modules {
				if !cached[i] {
					todo = append(todo, i)
				}
			}
			cacheFirst(len(todo), func(j int) {
				i := todo[j]
				w, err := e.ModuleWorkspace(modules[i], engine.WorkspaceOptions{})
				if err == nil {
					err = w.InitNoBackend(ctx)
				}
				if err == nil {
					results[i], err = w.Test(ctx)
				}
				if r := results[i]; err == nil && r.Failed+r.Errored == 0 && len(r.Problems) == 0 {
					err = e.RecordTestPass(modules[i], inputs[i], r.Passed)
				}
				errs[i] = err
			})
			failed, runs := 0, 0
			for i, m := range modules {
				r := results[i]
				switch {
				case errs[i] != nil:
					failed++
					fmt.Fprintf(a.io.Out, "%s: ERROR %v\n", m, errs[i])
				case r.Failed+r.Errored > 0 || len(r.Problems) > 0:
					failed++
					fmt.Fprintf(a.io.Out, "%s: FAIL %d passed, %d failed, %d errored, %d skipped\n", m, r.Passed, r.Failed, r.Errored, r.Skipped)
					for _, p := range r.Problems {
						fmt.Fprintf(a.io.Out, "  %s\n", p)
					}
				case cached[i]:
					runs += r.Passed
					fmt.Fprintf(a.io.Out, "%s: %d runs passed (unchanged since that pass; --force runs it again)\n", m, r.Passed)
				default:
					runs += r.Passed
					fmt.Fprintf(a.io.Out, "%s: %d runs passed\n", m, r.Passed)
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d modules failed their terraform tests; fix them and run `infra test %s`", failed, len(modules), strings.Join(modules, " "))
			}
			fmt.Fprintf(a.io.Out, "%d modules, %d runs passed (at most %d terraform processes at once, %d cores)\n", len(modules), runs, tf.DefaultParallelism(), runtime.NumCPU())
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "run every module, also those unchanged since their last pass")
	return cmd
}

// cacheFirst runs f(0) alone, then f(1)…f(n-1) concurrently (terraform
// processes stay bounded by the runner's semaphore). Terraform's shared
// plugin cache is not safe to fill concurrently ("file exists"): the first
// run fills it, the others only link to it.
func cacheFirst(n int, f func(i int)) {
	if n == 0 {
		return
	}
	f(0)
	var wg sync.WaitGroup
	for i := 1; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(i)
		}()
	}
	wg.Wait()
}
