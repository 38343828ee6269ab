package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/approval"
	"github.com/taskmanager-platform/infra/internal/plan"
)

func (a *app) applyCmd() *cobra.Command {
	var (
		yes          bool
		file         string
		approve      string
		allowReplace []string
	)
	cmd := &cobra.Command{
		Use:   "apply <stack>",
		Short: "Apply the saved plan of a stack (made by `infra plan`); production needs approval",
		Long: `Apply only a plan saved by 'infra plan <stack>'. Refused (exit 3) when the plan was
made for another stack, from another commit, or against a state that has moved on.
Production: type the stack name, or in CI pass --approve <plan-hash>; a plan that
destroys or replaces a stateful resource (database, cache, KMS key, bucket, table,
file system) is refused unless each address is named with --allow-replace, and
so is a plan with unwaived HIGH policy findings (infra policy); other
environments print the findings as a warning.
There is no --yes: reviewing the saved plan is the confirmation outside production.`,
		Example: `  infra --local plan dev && infra --local apply dev
  infra apply staging --plan plan-staging.tfplan
  infra apply production --approve 3f9a1c2b7d4e
  infra apply production --approve 3f9a1c2b7d4e --allow-replace module.taskmanager.module.database.aws_db_instance.this`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if yes {
				return usage("apply has no --yes: it applies only a reviewed plan saved by `infra plan %s`; in production pass --approve <plan-hash> (CI) or type the stack name", argv[0])
			}
			if approve != "" && len(approve) < approval.MinApproveLen {
				return usage("--approve %s: give at least %d characters of the plan hash `infra plan %s` printed", approve, approval.MinApproveLen, argv[0])
			}
			ctx := cmd.Context()
			ss, err := a.session(ctx, argv[0])
			if err != nil {
				return err
			}
			// The target's guard first: a local run with a remote endpoint
			// is refused before anything else is looked at.
			w, err := ss.workspace(a.io.Out)
			if err != nil {
				return err
			}
			if file == "" {
				if file, err = ss.planFile(); err != nil {
					return err
				}
				if _, err := os.Stat(file); errors.Is(err, os.ErrNotExist) {
					return usage("no saved plan for %s: run `infra plan %s` first, review it, then `infra apply %s`", ss.s.Name, ss.s.Name, ss.s.Name)
				}
			}
			m, err := plan.Load(file)
			if err != nil {
				return err
			}
			lib, err := ss.policyLibrary(ctx)
			if err != nil {
				return err
			}
			if err := ss.e.EnsureInit(ctx, ss.s, w); err != nil {
				return err
			}
			cur, err := ss.current(ctx, w)
			if err != nil {
				return err
			}
			if err := plan.CheckFresh(m, cur); err != nil {
				return err
			}
			if m.Summary.Empty() {
				fmt.Fprintf(a.io.Out, "%s: the plan has no changes; nothing to apply\n", ss.s.Name)
				return nil
			}
			shown, ok := plan.LoadRendering(file, m)
			if !ok {
				if shown, err = w.ShowPlan(ctx, file); err != nil {
					return err
				}
			}
			if err := ss.checkPolicy(ctx, lib, shown, a.io.Err); err != nil {
				return err
			}
			req := approval.Request{Plan: m, Production: ss.s.Production(), Approve: approve, AllowReplace: allowReplace}
			if err := approval.Check(req, func() error {
				plan.WriteText(a.io.Err, m)
				return approval.Confirm(a.io.In, a.io.Err, fmt.Sprintf("Apply this plan to PRODUCTION stack %s? Type its name to continue: ", ss.s.Name), ss.s.Name,
					fmt.Sprintf("in CI pass --approve %s", plan.ShortHash(m.Hash)))
			}); err != nil {
				return err
			}
			if err := w.Apply(ctx, file); err != nil {
				return err
			}
			// A saved plan applies once.
			_ = os.Remove(plan.MetaPath(file))
			_ = os.Remove(plan.RenderingPath(file))
			_ = os.Remove(file)
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "plan", "", "the saved plan to apply (default the one `infra plan <stack>` saved)")
	cmd.Flags().StringVar(&approve, "approve", "", "production in CI: the reviewed plan's hash (printed by `infra plan`) instead of typing the stack name")
	cmd.Flags().StringArrayVar(&allowReplace, "allow-replace", nil, "production: allow this stateful resource address to be destroyed or replaced (repeatable)")
	// Refused with a message rather than cobra's "unknown flag": scripts
	// that passed it were never confirming anything.
	cmd.Flags().BoolVar(&yes, "yes", false, "refused: apply takes a reviewed plan, not a blanket yes")
	_ = cmd.Flags().MarkHidden("yes")
	return cmd
}
