package cli

import "github.com/spf13/cobra"

func (a *app) initCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init <stack>",
		Short: "Initialise a stack: providers from the mirror, modules, backend",
		Long: `Run terraform init for a stack: providers from the offline mirror (shared plugin
cache), modules, and the backend (with --local, generated endpoints of the
emulator). Other commands initialise on their own when an input changed.`,
		Example: `  infra --local init dev
  infra init hms-prod`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			w, err := ss.workspace(a.io.Out)
			if err != nil {
				return err
			}
			return ss.e.Init(cmd.Context(), w)
		},
	}
}
