package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/moddocs"
)

func (a *app) docsCmd() *cobra.Command {
	var check bool
	cmd := &cobra.Command{
		Use:   "docs",
		Short: "Write each module README's requirements, inputs and outputs tables from its code (--check: exit 3 if stale)",
		Long: `Generate the requirements, inputs and outputs tables of every module under
infrastructure/terraform/modules from its variables.tf, outputs.tf and
versions.tf, and write them into the module's README.md between
` + moddocs.Begin + ` and ` + moddocs.End + ` (appended when the
markers are missing). The rest of each README stays hand-written.
--check changes nothing and exits 3 listing the READMEs that are stale.`,
		Example: `  infra docs
  infra docs --check`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := a.project()
			if err != nil {
				return err
			}
			results, err := moddocs.Update(filepath.Join(p.TerraformDir(), "modules"), !check)
			if err != nil {
				return err
			}
			stale := 0
			for _, r := range results {
				rel, _ := filepath.Rel(p.Root, r.README)
				switch {
				case r.Changed && check:
					stale++
					fmt.Fprintf(a.io.Out, "%s: stale\n", rel)
				case r.Changed:
					fmt.Fprintf(a.io.Out, "%s: updated\n", rel)
				}
			}
			if stale > 0 {
				return findings(fmt.Errorf("%d module READMEs are %w: run `infra docs`", stale, moddocs.ErrStale))
			}
			if check {
				fmt.Fprintf(a.io.Out, "%d module READMEs are up to date\n", len(results))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "change nothing; exit 3 if a README is stale")
	return cmd
}
