package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/state"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/verify"
)

func (a *app) stateCmd() *cobra.Command {
	st := &cobra.Command{
		Use:   "state",
		Short: "Inspect and repair a stack's state: list, show, rm, mv, versions, restore",
		Example: `  infra state list tm-dev
  infra state versions tm-dev`,
	}
	// read is a state command that only reads an initialised workspace.
	read := func(use, short, example string, n int, run func(cmd *cobra.Command, ss *session, w *tf.Workspace, rest []string) error) *cobra.Command {
		return &cobra.Command{
			Use: use, Short: short, Example: example, Args: args(cobra.ExactArgs(n)), ValidArgsFunction: a.completeStacks(1),
			RunE: func(cmd *cobra.Command, argv []string) error {
				ss, w, err := a.initialisedSession(cmd.Context(), argv[0], nil)
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
		read("list <stack>", "List the resource addresses in a stack's state", "  infra state list tm-dev", 1, func(cmd *cobra.Command, _ *session, w *tf.Workspace, _ []string) error {
			s, err := w.State(cmd.Context())
			if err != nil {
				return err
			}
			for _, r := range resources(s) {
				fmt.Fprintln(a.io.Out, r.Address)
			}
			return nil
		}),
		read("show <stack> <address>", "Show one resource's attributes from state (sensitive values hidden)", "  infra state show tm-dev module.taskmanager.module.networking.aws_vpc.this", 2, func(cmd *cobra.Command, ss *session, w *tf.Workspace, rest []string) error {
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
		a.stateChange("rm <stack> <address>", "Forget a resource (it keeps running); production asks for the stack name",
			"  infra state rm tm-dev module.taskmanager.module.networking.aws_eip.nat[0] --yes", 2, func(cmd *cobra.Command, w *tf.Workspace, rest []string) error {
				if err := inState(cmd.Context(), w, rest[0]); err != nil {
					return err
				}
				return w.StateRm(cmd.Context(), rest[0])
			}),
		a.stateChange("mv <stack> <from> <to>", "Rename a resource address in state (after refactoring code)",
			"  infra state mv tm-dev module.networking.aws_vpc.this module.taskmanager.module.networking.aws_vpc.this", 3, func(cmd *cobra.Command, w *tf.Workspace, rest []string) error {
				if err := inState(cmd.Context(), w, rest[0]); err != nil {
					return err
				}
				return w.StateMv(cmd.Context(), rest[0], rest[1])
			}),
	)
	return st
}

// stateChange is a state command that writes: it asks for the stack name
// unless --yes (production always asks).
func (a *app) stateChange(use, short, example string, n int, run func(cmd *cobra.Command, w *tf.Workspace, rest []string) error) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use: use, Short: short, Example: example, Args: args(cobra.ExactArgs(n)), ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			if err := ss.confirm(a.io, yes, fmt.Sprintf("%s %s: change the state of", cmd.Name(), strings.Join(argv[1:], " "))); err != nil {
				return err
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

// stateStore is the versioned state object of a session's stack.
func (ss *session) stateStore(ctx context.Context) (state.S3, error) {
	b, cfg, s3o, err := ss.remote(ctx)
	if err != nil {
		return state.S3{}, err
	}
	return state.S3{Client: s3.NewFromConfig(cfg, s3o), Backend: b}, nil
}

func (a *app) stateVersionsCmd() *cobra.Command {
	return &cobra.Command{
		Use:               "versions <stack>",
		Short:             "List the stored versions of a stack's state (versioned bucket), newest first",
		Example:           "  infra state versions tm-dev",
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			store, err := ss.stateStore(cmd.Context())
			if err != nil {
				return err
			}
			vs, err := store.Versions(cmd.Context())
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
		Long: `Make an earlier version of a stack's state current again: the state it replaces
is copied to <state-dir>/state-backups/<target>/, the version is rewritten onto
the current lineage with the next serial and pushed through terraform (so the
backend's lock applies). A version of another state (lineage) is refused.`,
		Example:           "  infra state restore tm-dev 3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY",
		Args:              args(cobra.ExactArgs(2)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			ss, err := a.session(ctx, argv[0])
			if err != nil {
				return err
			}
			store, err := ss.stateStore(ctx)
			if err != nil {
				return err
			}
			if err := state.FindVersion(ctx, store, argv[1]); err != nil {
				return fmt.Errorf("%w: list them with `infra state versions %s`; nothing was changed", err, ss.s.Name)
			}
			if err := ss.confirm(a.io, yes, fmt.Sprintf("Restore state version %s of", argv[1])); err != nil {
				return err
			}
			w, err := ss.initialised(ctx, a.io.Out)
			if err != nil {
				return err
			}
			backups := filepath.Join(ss.e.Project.StateDir, "state-backups", ss.e.Target.Name())
			r, err := state.Restore(ctx, store, w, ss.s.Name, argv[1], backups, time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "%s: restored state version %s (now serial %d); the state it replaced is kept in %s\nnext: infra plan %s\n", ss.s.Name, argv[1], r.Serial, r.Backup, ss.s.Name)
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

// inState refuses an address the stack's state does not hold before
// terraform runs: `terraform state rm` of a missing address still writes a
// new state version, and a failed command must change nothing.
func inState(ctx context.Context, w *tf.Workspace, addr string) error {
	st, err := w.State(ctx)
	if err != nil {
		return err
	}
	for _, r := range verify.Resources(st) {
		if r.Address == addr {
			return nil
		}
	}
	return usage("no resource %s in the state of this stack: `infra state list <stack>` lists the addresses; nothing was changed", addr)
}
