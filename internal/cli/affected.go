package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/affected"
)

func (a *app) affectedCmd() *cobra.Command {
	var base string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "affected [--base REF] [--json]",
		Short: "The stacks a change touches since a base commit (root, manifest entry, var files, called modules)",
		Long: `List the stacks whose root, manifest entry, var files or any module they call
(transitively, read from the configuration's module blocks) differ between
the merge base of REF and HEAD and the working tree (committed, uncommitted
and untracked files). Every stack is listed when the manifest, a provider
lock file, or the Terraform CI workflow or its setup action changed.
Module documentation (*.md) and terraform test files (tests/) do not count.
Pull requests plan only these stacks.`,
		Example: `  infra affected
  infra affected --base origin/main --json | jq -c '[.[].stack]'`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, cat, err := a.catalog()
			if err != nil {
				return err
			}
			in, err := affected.Collect(cmd.Context(), p.TerraformDir(), cat, base)
			if err != nil {
				return err
			}
			res := affected.Decide(in)
			if asJSON {
				if err := json.NewEncoder(a.io.Out).Encode(res); err != nil {
					return fmt.Errorf("writing JSON: %w", err)
				}
				return nil
			}
			for _, r := range res {
				fmt.Fprintln(a.io.Out, r.Stack)
				for _, why := range r.Reasons {
					fmt.Fprintf(a.io.Out, "  %s\n", why)
				}
			}
			fmt.Fprintf(a.io.Out, "%d of %d stacks affected since %s (%d files changed)\n", len(res), len(in.Stacks), base, len(in.Changed))
			return nil
		},
	}
	cmd.Flags().StringVar(&base, "base", "origin/main", "the commit (branch, tag, hash) to compare with; its merge base with HEAD is used")
	cmd.Flags().BoolVar(&asJSON, "json", false, `print [{"stack": …, "reasons": […]}] (CI matrices)`)
	return cmd
}
