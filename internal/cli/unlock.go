package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/lock"
)

func (a *app) unlockCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "unlock <stack> <lock-id>",
		Short: "Release a dead run's state lock; the id must be the current holder's (see `infra lock status`)",
		Args:  args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			ss, err := a.session(ctx, argv[0])
			if err != nil {
				return err
			}
			b, cfg, s3o, err := ss.remote(ctx)
			if err != nil {
				return err
			}
			locks, err := lock.Status(ctx, cfg, b, s3o)
			if err != nil {
				return err
			}
			if len(locks) == 0 {
				return usage("%s is not locked: nothing to unlock", ss.s.Name)
			}
			var held *lock.Info
			for i := range locks {
				if locks[i].ID == argv[1] {
					held = &locks[i]
				}
			}
			if held == nil {
				return usage("lock id %s is not the one holding %s (held by %s, id %s): check `infra lock status %s`; nothing was changed", argv[1], ss.s.Name, locks[0].Who, locks[0].ID, ss.s.Name)
			}
			if !yes || ss.s.Production() {
				fmt.Fprintf(a.io.Err, "%s is locked by %s since %s (operation %s).\n", ss.s.Name, held.Who, held.Created, held.Operation)
				if err := confirm(a.io, fmt.Sprintf("Only if that run is dead: type %s to release the lock: ", ss.s.Name), ss.s.Name); err != nil {
					return err
				}
			}
			w, err := ss.initialised(ctx, a.io.Out)
			if err != nil {
				return err
			}
			if err := w.ForceUnlock(ctx, argv[1]); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "%s: lock %s released\n", ss.s.Name, argv[1])
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "skip the typed confirmation (never in production)")
	return cmd
}
