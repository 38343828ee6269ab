package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/lock"
)

func (a *app) lockCmd() *cobra.Command {
	l := &cobra.Command{Use: "lock", Short: "State locks", Example: "  infra lock status tm-dev"}
	l.AddCommand(&cobra.Command{
		Use:               "status <stack>",
		Short:             "Who holds a stack's state lock, since when, for what (S3 lockfile and DynamoDB item)",
		Example:           "  infra lock status production",
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			b, cfg, s3o, err := ss.remote(cmd.Context())
			if err != nil {
				return err
			}
			locks, err := lock.Status(cmd.Context(), cfg, b, s3o)
			if err != nil {
				return err
			}
			if len(locks) == 0 {
				fmt.Fprintf(a.io.Out, "%s: unlocked\n", ss.s.Name)
				return nil
			}
			for _, l := range locks {
				fmt.Fprintf(a.io.Out, "%s: LOCKED by %s since %s, operation %s, lock id %s (%s)\n", ss.s.Name, l.Who, l.Created, l.Operation, l.ID, l.Source)
			}
			fmt.Fprintf(a.io.Out, "if that run is dead (check with its owner first): infra unlock %s %s\n", ss.s.Name, locks[0].ID)
			return nil
		},
	})
	return l
}
