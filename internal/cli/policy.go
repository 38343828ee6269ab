package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/backend"
	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/policy"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/vcs"
)

func (a *app) policyCmd() *cobra.Command {
	var (
		all, asJSON, asMarkdown bool
		file, failOn            string
	)
	cmd := &cobra.Command{
		Use:   "policy [stack…] [--all]",
		Short: "Check saved plans against the policy library (policy/); exit 3 on unwaived findings",
		Long: `Evaluate the rules under policy/ on the saved plan of each stack
(<state-dir>/plans/<target>/<stack>.tfplan, reused when made from the current
commit of a clean tree; otherwise a new plan is made and saved, as
'infra plan' does). Waivers declared above resource blocks apply:
  # infra:waive INFRA-NET-006 until=2027-06-30 reason="why"
--plan <file> evaluates that saved plan instead (one stack; CI passes the
plan its plan step saved). --fail-on high exits 3 only for unwaived HIGH
findings (the pull-request gate); the default fails on any unwaived finding.
Exit 0 when no unwaived finding remains, 3 when some do, 1 on errors.
'infra policy test' runs the library's Rego unit tests.`,
		Example: `  infra --local policy tm-dev
  infra policy --all --markdown
  infra policy hms-prod --json
  infra policy tm-staging --plan plan-tm-staging.tfplan --markdown --fail-on high`,
		ValidArgsFunction: a.completeStacks(-1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if all == (len(argv) > 0) {
				return usage("name stacks or pass --all (not both): e.g. `infra policy tm-dev` or `infra policy --all`")
			}
			if asJSON && asMarkdown {
				return usage("--json and --markdown exclude each other: choose one")
			}
			if file != "" && len(argv) != 1 {
				return usage("--plan takes one stack: `infra policy <stack> --plan <file>`")
			}
			if failOn != failOnAny && failOn != failOnHigh {
				return usage("--fail-on must be %q (any unwaived finding) or %q (unwaived HIGH findings only)", failOnAny, failOnHigh)
			}
			ctx := cmd.Context()
			e, list, err := a.openStacks(ctx, a.local, all, argv)
			if err != nil {
				return err
			}
			lib, err := library(ctx, e)
			if err != nil {
				return err
			}
			reports := make([]policy.Report, len(list))
			cacheFirst(len(list), func(i int) {
				reports[i] = policyOne(ctx, e, lib, list[i], file)
			})
			switch {
			case asJSON:
				if err := a.writeJSON(reports); err != nil {
					return err
				}
			case asMarkdown:
				for _, r := range reports {
					fmt.Fprintln(a.io.Out, policy.Markdown(r, plan.MaxMarkdown/len(reports)))
				}
			default:
				for _, r := range reports {
					policy.WriteText(a.io.Out, r)
				}
			}
			failed, findings := 0, 0
			for _, r := range reports {
				if r.Error != "" {
					failed++
				}
				if failOn == failOnHigh {
					findings += len(r.Blocking())
				} else {
					findings += len(r.Unwaived())
				}
			}
			switch {
			case failed > 0:
				return &exitCode{code: ExitError, err: fmt.Errorf("policy check failed for %d of %d stacks (see the report)", failed, len(reports))}
			case findings > 0 && failOn == failOnHigh:
				return &exitCode{code: ExitFindings, err: fmt.Errorf("%d unwaived HIGH policy findings: fix them, or waive each above its resource block with a reason and an expiry (policy/README.md)", findings)}
			case findings > 0:
				return &exitCode{code: ExitFindings, err: fmt.Errorf("%d unwaived policy findings: fix them, or waive each above its resource block with a reason and an expiry (policy/README.md)", findings)}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "every stack of the manifest")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the reports as JSON")
	cmd.Flags().BoolVar(&asMarkdown, "markdown", false, "print the reports as Markdown (pull-request comment)")
	cmd.Flags().StringVar(&file, "plan", "", "evaluate this saved plan (made by `infra plan <stack> --out <file>`; one stack)")
	cmd.Flags().StringVar(&failOn, "fail-on", failOnAny, "exit 3 on any unwaived finding (any) or on unwaived HIGH findings only (high)")
	cmd.AddCommand(a.policyTestCmd())
	return cmd
}

func (a *app) policyTestCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "test",
		Short:   "Run the policy library's Rego unit tests (policy/*_test.rego)",
		Example: "  infra policy test",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			e, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			results, err := policy.Test(ctx, filepath.Join(e.Project.Root, policy.Dir))
			if err != nil {
				return err
			}
			passed, failed := 0, 0
			for _, r := range results {
				if r.Pass {
					passed++
					continue
				}
				failed++
				fmt.Fprintf(a.io.Out, "FAIL %s.%s: %s\n", r.Package, r.Name, r.Problem)
			}
			fmt.Fprintf(a.io.Out, "%d passed, %d failed\n", passed, failed)
			if failed > 0 {
				return fmt.Errorf("%d policy tests failed: fix the rules or the tests in %s/ and run `infra policy test`", failed, policy.Dir)
			}
			return nil
		},
	}
}

// --fail-on values.
const (
	failOnAny  = "any"
	failOnHigh = "high"
)

// library compiles the repository's policy library.
func library(ctx context.Context, e *engine.Engine) (*policy.Library, error) {
	return policy.Load(ctx, filepath.Join(e.Project.Root, policy.Dir))
}

func (ss *session) policyLibrary(ctx context.Context) (*policy.Library, error) {
	return library(ctx, ss.e)
}

// evaluate checks a stack's plan with the library.
func (ss *session) evaluate(ctx context.Context, lib *policy.Library, shown *tfjson.Plan) (policy.Report, error) {
	return evaluate(ctx, ss.e, ss.s, lib, shown)
}

func evaluate(ctx context.Context, e *engine.Engine, s stacks.Stack, lib *policy.Library, shown *tfjson.Plan) (policy.Report, error) {
	c := policy.Context{Stack: s.Name, System: s.System, Environment: s.Environment}
	if b, err := backend.Read(s.Dir); err == nil && b.Bucket != "" {
		c.Backend = &policy.Backend{Type: "s3", Encrypt: b.Encrypt, KMSKeyID: b.KMSKeyID, DynamoDBTable: b.DynamoDBTable, UseLockfile: b.UseLockfile}
	}
	return lib.Evaluate(ctx, shown, policy.Where{Repo: e.Project.Root, Root: s.Dir, Today: time.Now().UTC().Format(time.DateOnly)}, c)
}

// policyOne evaluates the stack's saved plan, making one when there is none
// from the current commit of a clean tree; given, file is the saved plan to
// evaluate (it must be infra's plan of that stack).
func policyOne(ctx context.Context, e *engine.Engine, lib *policy.Library, s stacks.Stack, given string) policy.Report {
	fail := func(err error) policy.Report { return policy.Report{Stack: s.Name, Error: err.Error()} }
	ss := &session{e: e, s: s}
	w, err := e.Workspace(s, engine.WorkspaceOptions{Stdout: io.Discard})
	if err != nil {
		return fail(err)
	}
	if err := e.EnsureInit(ctx, s, w); err != nil {
		return fail(err)
	}
	file, err := ss.planFile()
	if err != nil {
		return fail(err)
	}
	var shown *tfjson.Plan
	if given != "" {
		m, err := plan.Load(given)
		if err != nil {
			return fail(err)
		}
		if m.Stack != s.Name {
			return fail(fmt.Errorf("%s is a plan of %s, not %s: pass the plan `infra plan %s --out` saved", given, m.Stack, s.Name, s.Name))
		}
		shown, err = w.ShowPlan(ctx, given)
	} else if current(ctx, s, file) {
		shown, err = w.ShowPlan(ctx, file)
	} else {
		_, shown, _, err = ss.savePlan(ctx, w, file, nil)
	}
	if err != nil {
		return fail(err)
	}
	r, err := ss.evaluate(ctx, lib, shown)
	if err != nil {
		return fail(err)
	}
	return r
}

// current reports whether file is a plan saved by infra from the commit the
// clean tree is at now.
func current(ctx context.Context, s stacks.Stack, file string) bool {
	m, err := plan.Load(file)
	if err != nil {
		return false
	}
	rev, err := vcs.Head(ctx, s.Dir)
	return err == nil && !rev.Dirty && !m.Revision.Dirty && rev.Commit == m.Revision.Commit
}

// checkPolicy evaluates the plan about to be applied: production refuses
// unwaived HIGH findings, other environments are warned.
func (ss *session) checkPolicy(ctx context.Context, lib *policy.Library, shown *tfjson.Plan, errw io.Writer) error {
	r, err := ss.evaluate(ctx, lib, shown)
	if err != nil {
		return err
	}
	if len(r.Unwaived()) == 0 {
		return nil
	}
	blocking := r.Blocking()
	if ss.s.Production() && len(blocking) > 0 {
		for _, f := range blocking {
			fmt.Fprintf(errw, "  %s\n", f.Line())
		}
		return &exitCode{code: ExitFindings, err: fmt.Errorf("refusing to apply to production %s: %d unwaived HIGH policy findings (listed above); fix them, or waive each above its resource block with a reason and an expiry (policy/README.md); nothing was changed",
			ss.s.Name, len(blocking))}
	}
	fmt.Fprintf(errw, "warning: %s: the plan has unwaived policy findings (production would refuse HIGH ones)\n", ss.s.Name)
	policy.WriteText(errw, r)
	return nil
}
