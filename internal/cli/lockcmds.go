package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/backend"
	"github.com/taskmanager-platform/infra/internal/lock"
	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/state"
)

// remote is a session's backend and SDK configuration.
func (ss *session) remote(ctx context.Context) (backend.Config, aws.Config, func(*s3.Options), error) {
	b, err := backend.Read(ss.s.Dir)
	if err != nil {
		return backend.Config{}, aws.Config{}, nil, err
	}
	cfg, err := ss.e.Target.AWSConfig(ctx)
	if err != nil {
		return backend.Config{}, aws.Config{}, nil, err
	}
	local := ss.e.Target.Local
	return b, cfg, func(o *s3.Options) { o.UsePathStyle = local }, nil
}

func (a *app) lockCmd() *cobra.Command {
	l := &cobra.Command{Use: "lock", Short: "State locks"}
	l.AddCommand(&cobra.Command{
		Use:   "status <stack>",
		Short: "Who holds a stack's state lock, since when, for what (S3 lockfile and DynamoDB item)",
		Args:  args(cobra.ExactArgs(1)),
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

func (a *app) stateVersionsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "versions <stack>",
		Short: "List the stored versions of a stack's state (versioned bucket), newest first",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			b, cfg, s3o, err := ss.remote(cmd.Context())
			if err != nil {
				return err
			}
			vs, err := state.Versions(cmd.Context(), s3.NewFromConfig(cfg, s3o), b)
			if err != nil {
				return err
			}
			for _, v := range vs {
				cur := ""
				if v.Latest {
					cur = "  (current)"
				}
				fmt.Fprintf(a.io.Out, "%s  %s  %d bytes%s\n", v.ID, v.Modified.UTC().Format(time.RFC3339), v.Size, cur)
			}
			return nil
		},
	}
}

func (a *app) stateRestoreCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "restore <stack> <version-id>",
		Short: "Make an earlier state version current again, keeping a local copy of the state it replaces",
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
			c := s3.NewFromConfig(cfg, s3o)
			vs, err := state.Versions(ctx, c, b)
			if err != nil {
				return err
			}
			found := false
			for _, v := range vs {
				found = found || v.ID == argv[1]
			}
			if !found {
				return usage("no version %s of the state of %s: list them with `infra state versions %s`; nothing was changed", argv[1], ss.s.Name, ss.s.Name)
			}
			if !yes || ss.s.Production() {
				if err := confirm(a.io, fmt.Sprintf("Restore state version %s of %s? Type its name to continue: ", argv[1], ss.s.Name), ss.s.Name); err != nil {
					return err
				}
			}
			w, err := ss.initialised(ctx, a.io.Out)
			if err != nil {
				return err
			}
			cur, err := w.StatePull(ctx)
			if err != nil {
				return err
			}
			serial, lineage, err := plan.StateInfo(cur)
			if err != nil {
				return err
			}
			backup, err := ss.e.Project.Path("state-backups", ss.e.Target.Name(), fmt.Sprintf("%s-%s-serial%d.tfstate", ss.s.Name, time.Now().UTC().Format("20060102T150405Z"), serial))
			if err != nil {
				return err
			}
			if err := os.WriteFile(backup, cur, 0o600); err != nil {
				return fmt.Errorf("keeping a copy of the current state: %w", err)
			}
			doc, err := state.Get(ctx, c, b, argv[1])
			if err != nil {
				return err
			}
			doc, err = state.Reserial(doc, lineage, serial+1)
			if err != nil {
				return &UsageError{Err: fmt.Errorf("%w: nothing was changed", err)}
			}
			tmp := filepath.Join(filepath.Dir(backup), ss.s.Name+".restore.tfstate")
			if err := os.WriteFile(tmp, doc, 0o600); err != nil {
				return fmt.Errorf("writing the restored state: %w", err)
			}
			defer os.Remove(tmp)
			if err := w.StatePush(ctx, tmp); err != nil {
				return errors.Join(err, fmt.Errorf("the previous state is kept in %s", backup))
			}
			fmt.Fprintf(a.io.Out, "%s: restored state version %s (now serial %d); the state it replaced is kept in %s\nnext: infra plan %s\n", ss.s.Name, argv[1], serial+1, backup, ss.s.Name)
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "skip the typed confirmation (never in production)")
	return cmd
}
