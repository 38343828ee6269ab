package cli

import "github.com/spf13/cobra"

func (a *app) initCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init <stack>",
		Short: "Initialise a stack: providers from the mirror, modules, backend",
		Args:  args(cobra.ExactArgs(1)),
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
