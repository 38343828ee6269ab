package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func (a *app) destroyCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "destroy <stack>",
		Short: "Destroy every resource of a non-production stack",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			if ss.s.Production() {
				return usage("refusing to destroy production stack %s: production is never destroyed by infra (seed 000); remove resources through reviewed changes instead", ss.s.Name)
			}
			if !yes {
				if err := confirm(a.io, fmt.Sprintf("DESTROY every resource of %s? Type its name to continue: ", ss.s.Name), ss.s.Name); err != nil {
					return err
				}
			}
			w, err := ss.initialised(cmd.Context(), a.io.Out)
			if err != nil {
				return err
			}
			return w.Destroy(cmd.Context())
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "skip the typed confirmation")
	return cmd
}
