package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/hclgen"
)

func (a *app) importCmd() *cobra.Command {
	var yes, generate bool
	cmd := &cobra.Command{
		Use:   "import <stack> <address> <id>",
		Short: "Adopt an existing resource into a stack's state (--generate prints an import {} block instead)",
		Long: `Import an existing object into a stack's state under a resource address, after
the stack's name is typed (or --yes outside production). --generate prints an
import {} block to commit instead, so the import is reviewed and applied by the
pipeline like any change.`,
		Example: `  infra import tm-dev module.taskmanager.module.networking.aws_internet_gateway.this igw-0abc123 --generate
  infra --local import dev module.taskmanager.module.networking.aws_internet_gateway.this igw-0abc123 --yes`,
		Args:              args(cobra.ExactArgs(3)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if generate {
				// The block goes into the stack's root: an unknown stack is bad input.
				e, err := a.open(cmd.Context(), false)
				if err != nil {
					return err
				}
				if _, err := stack(e, argv[0]); err != nil {
					return err
				}
				b, err := hclgen.ImportBlock(argv[1], argv[2])
				if err != nil {
					return usage("%v", err)
				}
				_, err = a.io.Out.Write(b)
				return err
			}
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			if err := ss.confirm(a.io, yes, fmt.Sprintf("Import %s as %s into", argv[2], argv[1])); err != nil {
				return err
			}
			w, err := ss.initialised(cmd.Context(), a.io.Out)
			if err != nil {
				return err
			}
			if err := w.Import(cmd.Context(), argv[1], argv[2]); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "%s: imported %s as %s; now `infra plan %s` should show no change for it\n", ss.s.Name, argv[2], argv[1], ss.s.Name)
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "skip the typed confirmation (never in production)")
	cmd.Flags().BoolVar(&generate, "generate", false, "print an import {} block for the stack's code instead of importing now")
	return cmd
}
