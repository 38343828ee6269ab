package cli

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/vcs"
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
		Short: "Apply the saved plan of a stack (made by `infra plan`); production needs confirmation",
		Long: `Apply only a plan saved by 'infra plan <stack>'. Refused when the plan was made
for another stack, from another commit, or against a state that has moved on.
Production: type the stack name, or in CI pass --approve <plan-hash>; a plan that
destroys or replaces a stateful resource (database, cache, KMS key, bucket, table,
file system) is refused unless each address is named with --allow-replace.`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			ss, err := a.session(ctx, argv[0])
			if err != nil {
				return err
			}
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
				return &UsageError{Err: err}
			}
			if err := ss.e.EnsureInit(ctx, ss.s, w); err != nil {
				return err
			}
			rev, err := vcs.Head(ctx, ss.s.Dir)
			if err != nil {
				return err
			}
			serial, lineage, err := stateInfo(ctx, w)
			if err != nil {
				return err
			}
			if err := plan.CheckFresh(m, plan.Current{Stack: ss.s.Name, Target: ss.e.Target.Name(), Revision: rev, Serial: serial, Lineage: lineage}); err != nil {
				return &UsageError{Err: err}
			}
			if m.Summary.Empty() {
				fmt.Fprintf(a.io.Out, "%s: the plan has no changes; nothing to apply\n", ss.s.Name)
				return nil
			}
			if ss.s.Production() {
				if bad := plan.ProductionViolations(m.Summary, allowReplace); len(bad) > 0 {
					var names []string
					for _, c := range bad {
						names = append(names, fmt.Sprintf("%s %s", c.Action, c.Address))
					}
					return &exitCode{code: ExitFindings, err: fmt.Errorf("refusing to apply to production %s: the plan would %s (stateful, data loss); if intended, name each with --allow-replace ADDR; nothing was changed",
						ss.s.Name, strings.Join(names, ", "))}
				}
				switch {
				case approve != "":
					if !strings.HasPrefix(m.Hash, strings.ToLower(approve)) || len(approve) < 8 {
						return usage("--approve %s does not name this plan (hash %s): approve the plan you reviewed; nothing was changed", approve, plan.ShortHash(m.Hash))
					}
				default:
					plan.WriteText(a.io.Err, m)
					if err := confirm(a.io, fmt.Sprintf("Apply this plan to PRODUCTION stack %s? Type its name to continue: ", ss.s.Name), ss.s.Name); err != nil {
						return usage("%v (in CI pass --approve %s)", err, plan.ShortHash(m.Hash))
					}
				}
			}
			_ = yes
			if err := w.Apply(ctx, file); err != nil {
				return err
			}
			// A saved plan applies once.
			_ = os.Remove(plan.MetaPath(file))
			_ = os.Remove(file)
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "plan", "", "the saved plan to apply (default the one `infra plan <stack>` saved)")
	cmd.Flags().StringVar(&approve, "approve", "", "production in CI: the reviewed plan's hash (printed by `infra plan`) instead of typing the stack name")
	cmd.Flags().StringArrayVar(&allowReplace, "allow-replace", nil, "production: allow this stateful resource address to be destroyed or replaced (repeatable)")
	cmd.Flags().BoolVar(&yes, "yes", false, "accepted for scripts; production still needs typing or --approve")
	return cmd
}
