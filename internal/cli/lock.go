package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/lock"
	"github.com/taskmanager-platform/infra/internal/tf"
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
				fmt.Fprintf(a.io.Out, "%s: LOCKED by %s since %s, operation %s (%s), lock id %s (%s)\n", ss.s.Name, l.Who, l.Created, l.Operation, tf.HumanOperation(l.Operation), l.ID, l.Source)
			}
			runs, err := ss.e.Project.Path("runs", ss.e.Target.Name())
			if err != nil {
				return err
			}
			local, live, dead := lock.Holder(runs, ss.s.Name, locks[0].Who, emulator.Alive)
			switch {
			case live != nil:
				fmt.Fprintf(a.io.Out, "holder: infra process %d on this host is running (%s): wait for it\n", live.PID, live.Command)
			case dead != nil:
				fmt.Fprintf(a.io.Out, "holder: DEAD: infra process %d on this host (started %s) is gone; the lock is stale\n", dead.PID, dead.Started.Format(time.RFC3339))
			case !local:
				fmt.Fprintf(a.io.Out, "holder: taken on another host or outside this state folder: ask %s whether it still runs\n", locks[0].Who)
			}
			fmt.Fprintf(a.io.Out, "if that run is dead (check with its owner first): infra unlock %s %s, then infra drift --unmanaged %s for what it created but never recorded (docs/runbooks/stuck-state-lock.md)\n", ss.s.Name, locks[0].ID, ss.s.Name)
			return nil
		},
	})
	return l
}
