package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) fmtCmd() *cobra.Command {
	var write bool
	cmd := &cobra.Command{
		Use:   "fmt",
		Short: "Check that every .tf file is terraform fmt clean (exit 3 lists the others); --write fixes them",
		Example: `  infra fmt
  infra fmt --write`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := a.open(cmd.Context(), false)
			if err != nil {
				return err
			}
			files, err := e.Runner.FormatCheck(cmd.Context(), e.Project.TerraformDir(), write)
			if err != nil {
				return err
			}
			if write {
				fmt.Fprintln(a.io.Out, "formatted every .tf file under infrastructure/terraform")
				return nil
			}
			if len(files) > 0 {
				for _, f := range files {
					fmt.Fprintln(a.io.Out, f)
				}
				return findings(fmt.Errorf("%d files are not terraform fmt clean: run `infra fmt --write`", len(files)))
			}
			fmt.Fprintln(a.io.Out, "every .tf file is terraform fmt clean")
			return nil
		},
	}
	cmd.Flags().BoolVar(&write, "write", false, "rewrite files instead of listing them")
	return cmd
}
