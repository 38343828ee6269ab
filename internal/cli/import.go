package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) importCmd() *cobra.Command {
	var yes, generate bool
	cmd := &cobra.Command{
		Use:   "import <stack> <address> <id>",
		Short: "Adopt an existing resource into a stack's state (--generate prints an import {} block instead)",
		Args:  args(cobra.ExactArgs(3)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if generate {
				fmt.Fprintf(a.io.Out, "import {\n  to = %s\n  id = %q\n}\n", argv[1], argv[2])
				return nil
			}
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			if !yes || ss.s.Production() {
				if err := confirm(a.io, fmt.Sprintf("Import %s as %s into %s? Type its name to continue: ", argv[2], argv[1], ss.s.Name), ss.s.Name); err != nil {
					return err
				}
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
