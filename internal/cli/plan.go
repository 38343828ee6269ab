package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/tf"
)

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
--markdown renders it for a pull-request comment (capped, folded); --json for tools.
Exit 0: no changes; 2: the plan has changes; 1: error.`,
		Example: `  infra --local plan dev
  infra plan tm-prod --markdown > plan.md
  infra plan hms-dev --json | jq .summary
  infra plan tm-dev --replace module.taskmanager.module.cache.aws_elasticache_replication_group.main`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if asJSON && asMarkdown {
				return usage("--json and --markdown exclude each other: choose one")
			}
			ctx := cmd.Context()
			var tfOut io.Writer = a.io.Out
			if asJSON || asMarkdown {
				tfOut = a.io.Err
			}
			ss, w, err := a.initialisedSession(ctx, argv[0], tfOut)
			if err != nil {
				return err
			}
			file := out
			if file == "" {
				if file, err = ss.planFile(); err != nil {
					return err
				}
			}
			cur, err := ss.current(ctx, w)
			if err != nil {
				return err
			}
			changed, err := w.Plan(ctx, tf.PlanOptions{Out: file, Replace: replace})
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
			m := plan.Meta{Stack: cur.Stack, Target: cur.Target, Revision: cur.Revision, Serial: cur.Serial, Lineage: cur.Lineage,
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
			if changed {
				return changes()
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
