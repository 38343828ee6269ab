package cli

import (
	"fmt"
	"runtime"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/tf"
)

func (a *app) validateCmd() *cobra.Command {
	var all, force bool
	cmd := &cobra.Command{
		Use:   "validate [stack…] [--all]",
		Short: "terraform validate stacks in parallel (one shared plugin cache, bounded by cores and memory)",
		Long: `Initialise (without a backend) and validate the named stacks, or every stack
with --all, in parallel. An invalid stack fails the command (exit 1, as
terraform validate). A stack whose root, module library, lock file and
toolchain are unchanged since its last clean validation (valid, no
warnings) is reported without running terraform, as go test caches a
passing package; --force validates every stack.`,
		Example: `  infra validate --all
  infra validate tm-dev hms-prod
  infra validate --all --force`,
		ValidArgsFunction: a.completeStacks(-1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if all == (len(argv) > 0) {
				return usage("name stacks or pass --all (not both): e.g. `infra validate tm-dev` or `infra validate --all`")
			}
			ctx := cmd.Context()
			e, list, err := a.openStacks(ctx, false, all, argv)
			if err != nil {
				return err
			}
			type res struct {
				diags     []string
				err       error
				unchanged bool
				inputs    string
			}
			out := make([]res, len(list))
			for i, s := range list {
				if out[i].inputs, err = e.ValidateInputs(s); err != nil {
					return err
				}
				out[i].unchanged = !force && e.ValidatedClean(s, out[i].inputs)
			}
			// terraform validate keeps the provider busy loading its schema:
			// one stack per core.
			cpu := make(chan struct{}, tf.CPUParallelism())
			cacheFirst(len(list), func(i int) {
				cpu <- struct{}{}
				defer func() { <-cpu }()
				s := list[i]
				if out[i].unchanged {
					return
				}
				w, err := e.ValidateWorkspace(s, engine.WorkspaceOptions{})
				if err == nil {
					err = e.EnsureInitNoBackend(ctx, s, w)
				}
				var v *tfjson.ValidateOutput
				if err == nil {
					v, err = w.Validate(ctx)
				}
				out[i].err = err
				if v != nil {
					for _, d := range v.Diagnostics {
						loc := ""
						if d.Range != nil {
							loc = fmt.Sprintf("%s:%d: ", d.Range.Filename, d.Range.Start.Line)
						}
						out[i].diags = append(out[i].diags, fmt.Sprintf("%s%s: %s %s", loc, d.Severity, d.Summary, d.Detail))
					}
					if !v.Valid && out[i].err == nil {
						out[i].err = fmt.Errorf("invalid")
					}
				}
			})
			failed, unchanged := 0, 0
			for i, s := range list {
				if !out[i].unchanged {
					if err := e.RecordValidatedClean(s, out[i].inputs, out[i].err == nil && len(out[i].diags) == 0); err != nil {
						return err
					}
				}
				status := "valid"
				if out[i].unchanged {
					status = "valid (unchanged since its last clean validation)"
					unchanged++
				}
				if out[i].err != nil {
					status = "INVALID: " + out[i].err.Error()
					failed++
				}
				fmt.Fprintf(a.io.Out, "%s: %s\n", s.Name, status)
				for _, d := range out[i].diags {
					fmt.Fprintf(a.io.Out, "  %s\n", d)
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d stacks are not valid: fix the diagnostics above", failed, len(list))
			}
			fmt.Fprintf(a.io.Out, "%d stacks valid, %d of them unchanged since their last clean validation (at most %d at once, %d cores)\n", len(list), unchanged, tf.CPUParallelism(), runtime.NumCPU())
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "every stack of the manifest")
	cmd.Flags().BoolVar(&force, "force", false, "validate every stack, also those unchanged since their last clean validation")
	return cmd
}
