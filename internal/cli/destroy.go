package cli

import (
	"github.com/spf13/cobra"
)

func (a *app) destroyCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "destroy <stack>",
		Short: "Destroy every resource of a non-production stack",
		Long: `Destroy every resource of a stack after the stack's name is typed (or --yes).
Production stacks are never destroyed by infra (exit 3): remove resources
through reviewed changes instead.`,
		Example: `  infra --local destroy dev
  infra --local destroy hms-dev --yes`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			if ss.s.Production() {
				return refuse("refusing to destroy production stack %s: production is never destroyed by infra (docs/runbooks/production-deploy-checklist.md); remove resources through reviewed changes instead", ss.s.Name)
			}
			if err := ss.confirm(a.io, yes, "DESTROY every resource of"); err != nil {
				return err
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
