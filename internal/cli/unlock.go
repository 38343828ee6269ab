package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/lock"
)

func (a *app) unlockCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "unlock <stack> <lock-id>",
		Short: "Release a dead run's state lock; the id must be the current holder's (see `infra lock status`)",
		Long: `Release a state lock left by a run that died. The id must be the one holding
the lock now (another id is refused, exit 3: it would break a live run's lock);
the stack's name is typed first unless --yes outside production.`,
		Example:           "  infra unlock tm-dev 6f1c2d3e-0000-4000-8000-00000000dead",
		Args:              args(cobra.ExactArgs(2)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if strings.TrimSpace(argv[1]) == "" {
				return usage("the lock id is empty: `infra lock status %s` prints it", argv[0])
			}
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
				return refuse("lock id %s is not the one holding %s (held by %s, id %s): check `infra lock status %s`; nothing was changed", argv[1], ss.s.Name, locks[0].Who, locks[0].ID, ss.s.Name)
			}
			if !yes || ss.s.Production() {
				fmt.Fprintf(a.io.Err, "%s is locked by %s since %s (operation %s); release it only if that run is dead.\n", ss.s.Name, held.Who, held.Created, held.Operation)
			}
			if err := ss.confirm(a.io, yes, "Release the state lock of"); err != nil {
				return err
			}
			w, err := ss.initialised(ctx, a.io.Out)
			if err != nil {
				return err
			}
			if err := w.ForceUnlock(ctx, argv[1]); err != nil {
				return err
			}
			if runs, err := ss.e.Project.Path("runs", ss.e.Target.Name()); err == nil {
				lock.Forget(runs, ss.s.Name, emulator.Alive)
			}
			fmt.Fprintf(a.io.Out, "%s: lock %s released; a run that died mid-apply may have created resources it never recorded: `infra drift --unmanaged %s` lists them\n", ss.s.Name, argv[1], ss.s.Name)
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "skip the typed confirmation (never in production)")
	return cmd
}
