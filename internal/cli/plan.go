package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/cost"
	"github.com/taskmanager-platform/infra/internal/hclgen"
	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/policy"
	"github.com/taskmanager-platform/infra/internal/tf"
)

// savePlan makes and saves a plan bound to the commit and the state it saw,
// and returns its metadata, its JSON rendering and whether it has changes.
func (ss *session) savePlan(ctx context.Context, w *tf.Workspace, file string, replace []string) (plan.Meta, *tfjson.Plan, bool, error) {
	cur, err := ss.current(ctx, w)
	if err != nil {
		return plan.Meta{}, nil, false, err
	}
	// Plan into a new file first: a failed plan must leave the previous
	// saved plan and its metadata as they were (a pair that still applies).
	fresh := file + ".new"
	defer os.Remove(fresh)
	changed, err := w.Plan(ctx, tf.PlanOptions{Out: fresh, Replace: replace})
	if err != nil {
		return plan.Meta{}, nil, false, err
	}
	if err := os.Rename(fresh, file); err != nil {
		return plan.Meta{}, nil, false, fmt.Errorf("saving the plan: %w", err)
	}
	shown, err := w.ShowPlan(ctx, file)
	if err != nil {
		return plan.Meta{}, nil, false, err
	}
	hash, err := plan.HashFile(file)
	if err != nil {
		return plan.Meta{}, nil, false, err
	}
	rendering, err := plan.SaveRendering(file, shown)
	if err != nil {
		return plan.Meta{}, nil, false, err
	}
	m := plan.Meta{Stack: cur.Stack, Target: cur.Target, Revision: cur.Revision, Serial: cur.Serial, Lineage: cur.Lineage,
		Hash: hash, RenderingHash: rendering, CreatedAt: time.Now().UTC(), Summary: plan.Summarise(shown)}
	if err := plan.Save(file, m); err != nil {
		return plan.Meta{}, nil, false, err
	}
	return m, shown, changed, nil
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
Then the monthly cost delta (infra cost --plan) and the policy findings
(policy/ rules on the saved plan, waivers applied).
--markdown renders it for a pull-request comment (capped, folded) with a
Mermaid picture of the changes coloured by action; --json for tools.
Exit 0: no changes; 2: the plan has changes; 1: error.`,
		Example: `  infra --local plan dev
  infra plan tm-prod --markdown > plan.md
  infra plan hms-dev --json | jq .summary
  infra plan tm-dev --replace module.taskmanager.module.cache.aws_elasticache_replication_group.this`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if asJSON && asMarkdown {
				return usage("--json and --markdown exclude each other: choose one")
			}
			for _, addr := range replace {
				if _, err := hclgen.Traversal(addr); err != nil {
					return usage("--replace: %v", err)
				}
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
			for _, addr := range replace {
				// terraform plans "no changes" for an address it does not hold.
				if err := inState(ctx, w, addr); err != nil {
					return err
				}
			}
			lib, err := ss.policyLibrary(ctx)
			if err != nil {
				return err
			}
			m, shown, changed, err := ss.savePlan(ctx, w, file, replace)
			if err != nil {
				return err
			}
			report, err := ss.evaluate(ctx, lib, shown)
			if err != nil {
				return err
			}
			rv := review(ss.e.Project, m, file, shown)
			switch {
			case asJSON:
				enc := json.NewEncoder(a.io.Out)
				enc.SetIndent("", "  ")
				if err := enc.Encode(struct {
					plan.Meta
					File      string        `json:"plan_file"`
					Policy    policy.Report `json:"policy"`
					Cost      *cost.Delta   `json:"cost,omitempty"`
					CostError string        `json:"cost_error,omitempty"`
				}{m, file, report, rv.delta, rv.costError}); err != nil {
					return fmt.Errorf("writing plan JSON: %w", err)
				}
			case asMarkdown:
				md := plan.Markdown(m) + rv.markdown()
				fmt.Fprint(a.io.Out, md, "\n", policy.Markdown(report, plan.MaxMarkdown-len(md)-1))
			default:
				plan.WriteText(a.io.Out, m)
				rv.writeText(a.io.Out)
				policy.WriteText(a.io.Out, report)
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
