package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/state"
	"github.com/taskmanager-platform/infra/internal/tf"
)

func (a *app) stateCmd() *cobra.Command {
	st := &cobra.Command{Use: "state", Short: "Inspect and repair a stack's state: list, show, rm, mv, versions, restore"}
	withWS := func(use, short string, n int, run func(cmd *cobra.Command, ss *session, w *tf.Workspace, argv []string) error) *cobra.Command {
		return &cobra.Command{
			Use: use, Short: short, Args: args(cobra.ExactArgs(n)),
			RunE: func(cmd *cobra.Command, argv []string) error {
				ss, err := a.session(cmd.Context(), argv[0])
				if err != nil {
					return err
				}
				w, err := ss.initialised(cmd.Context(), nil)
				if err != nil {
					return err
				}
				return run(cmd, ss, w, argv[1:])
			},
		}
	}
	st.AddCommand(
		a.stateVersionsCmd(),
		a.stateRestoreCmd(),
		withWS("list <stack>", "List the resource addresses in a stack's state", 1, func(cmd *cobra.Command, _ *session, w *tf.Workspace, _ []string) error {
			s, err := w.State(cmd.Context())
			if err != nil {
				return err
			}
			for _, r := range resources(s) {
				fmt.Fprintln(a.io.Out, r.Address)
			}
			return nil
		}),
		withWS("show <stack> <address>", "Show one resource's attributes from state (sensitive values hidden)", 2, func(cmd *cobra.Command, ss *session, w *tf.Workspace, rest []string) error {
			s, err := w.State(cmd.Context())
			if err != nil {
				return err
			}
			for _, r := range resources(s) {
				if r.Address == rest[0] {
					b, err := json.MarshalIndent(redact(r.AttributeValues, r.SensitiveValues), "", "  ")
					if err != nil {
						return fmt.Errorf("rendering %s: %w", r.Address, err)
					}
					fmt.Fprintf(a.io.Out, "# %s (%s)\n%s\n", r.Address, r.Type, b)
					return nil
				}
			}
			return usage("no resource %s in the state of %s: see `infra state list %s`", rest[0], ss.s.Name, ss.s.Name)
		}),
		a.stateChange("rm <stack> <address>", "Forget a resource (it keeps running); production asks for the stack name", 2, func(cmd *cobra.Command, w *tf.Workspace, rest []string) error {
			return w.StateRm(cmd.Context(), rest[0])
		}),
		a.stateChange("mv <stack> <from> <to>", "Rename a resource address in state (after refactoring code)", 3, func(cmd *cobra.Command, w *tf.Workspace, rest []string) error {
			return w.StateMv(cmd.Context(), rest[0], rest[1])
		}),
	)
	return st
}

// stateChange is a state command that writes: it asks for the stack name
// unless --yes.
func (a *app) stateChange(use, short string, n int, run func(cmd *cobra.Command, w *tf.Workspace, rest []string) error) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use: use, Short: short, Args: args(cobra.ExactArgs(n)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			if !yes || ss.s.Production() {
				if err := confirm(a.io, fmt.Sprintf("Change the state of %s (%s)? Type its name to continue: ", ss.s.Name, strings.Join(argv, " ")), ss.s.Name); err != nil {
					return err
				}
			}
			w, err := ss.initialised(cmd.Context(), a.io.Out)
			if err != nil {
				return err
			}
			if err := run(cmd, w, argv[1:]); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "%s: state changed; the bucket keeps the previous version (`infra state versions %s`)\n", ss.s.Name, ss.s.Name)
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

func resources(s *tfjson.State) []*tfjson.StateResource {
	var out []*tfjson.StateResource
	if s == nil || s.Values == nil {
		return nil
	}
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		out = append(out, m.Resources...)
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(s.Values.RootModule)
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// redact replaces values marked sensitive with "(sensitive)".
func redact(vals map[string]any, sens json.RawMessage) map[string]any {
	var marks map[string]any
	_ = json.Unmarshal(sens, &marks)
	out := make(map[string]any, len(vals))
	for k, v := range vals {
		if b, ok := marks[k].(bool); ok && b {
			out[k] = "(sensitive)"
			continue
		}
		out[k] = v
	}
	return out
}
