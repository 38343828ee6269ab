package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/vcs"
)

// planFile is where `infra plan <stack>` saves its plan by default.
func (ss *session) planFile() (string, error) {
	return ss.e.Project.Path("plans", ss.e.Target.Name(), ss.s.Name+".tfplan")
}

// stateInfo pulls the stack's state and returns its serial and lineage.
func stateInfo(ctx context.Context, w *tf.Workspace) (uint64, string, error) {
	raw, err := w.StatePull(ctx)
	if err != nil {
		return 0, "", err
	}
	return plan.StateInfo(raw)
}

func (a *app) planCmd() *cobra.Command {
	var (
		asJSON, asMarkdown bool
		out                string
		replace            []string
	)
	cmd := &cobra.Command{
		Use:   "plan <stack>",
		Short: "Save a plan bound to stack, commit and state; print a summary (exit 0: no changes, 2: changes, 1: error)",
		Long: `Save a plan for apply, bound to the stack, the commit it was made from and
the state serial/lineage it saw, and print a ten-second summary: adds, changes,
replacements and destroys by resource type, stateful resources first.
--markdown renders it for a pull-request comment (capped, folded); --json for tools.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if asJSON && asMarkdown {
				return usage("--json and --markdown exclude each other: choose one")
			}
			ctx := cmd.Context()
			ss, err := a.session(ctx, argv[0])
			if err != nil {
				return err
			}
			var tfOut io.Writer = a.io.Out
			if asJSON || asMarkdown {
				tfOut = a.io.Err
			}
			w, err := ss.initialised(ctx, tfOut)
			if err != nil {
				return err
			}
			file := out
			if file == "" {
				if file, err = ss.planFile(); err != nil {
					return err
				}
			}
			rev, err := vcs.Head(ctx, ss.s.Dir)
			if err != nil {
				return err
			}
			serial, lineage, err := stateInfo(ctx, w)
			if err != nil {
				return err
			}
			changes, err := w.Plan(ctx, tf.PlanOptions{Out: file, Replace: replace})
			if err != nil {
				return err
			}
			shown, err := w.ShowPlan(ctx, file)
			if err != nil {
				return err
			}
			hash, err := plan.HashFile(file)
			if err != nil {
				return err
			}
			m := plan.Meta{Stack: ss.s.Name, Target: ss.e.Target.Name(), Revision: rev, Serial: serial, Lineage: lineage,
				Hash: hash, CreatedAt: time.Now().UTC(), Summary: plan.Summarise(shown)}
			if err := plan.Save(file, m); err != nil {
				return err
			}
			switch {
			case asJSON:
				enc := json.NewEncoder(a.io.Out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(struct {
					plan.Meta
					File string `json:"plan_file"`
				}{m, file}); err != nil {
					return fmt.Errorf("writing plan JSON: %w", err)
				}
			case asMarkdown:
				fmt.Fprint(a.io.Out, plan.Markdown(m))
			default:
				plan.WriteText(a.io.Out, m)
				fmt.Fprintf(a.io.Out, "Saved plan: %s\n", file)
			}
			if changes {
				return &exitCode{code: ExitUsage}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the summary as JSON")
	cmd.Flags().BoolVar(&asMarkdown, "markdown", false, "print the summary as Markdown for a pull-request comment")
	cmd.Flags().StringVar(&out, "out", "", "save the plan here (default <state-dir>/plans/<target>/<stack>.tfplan)")
	cmd.Flags().StringArrayVar(&replace, "replace", nil, "force replacement of this resource address (repeatable; terraform -replace)")
	return cmd
}
