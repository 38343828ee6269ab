package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/verify"
)

func (a *app) verifyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "verify <stack>",
		Short: "Check through the AWS API that the stack's resources exist and serve (exit 3 on failed checks)",
		Long: `Look up every resource the stack's state holds through the AWS API, plus the
deployment checks of the HMS design (services running, database available,
load balancer healthy). A failed check is a finding (exit 3: the cloud differs
from the state, like drift); a check that cannot run is an error (exit 1).`,
		Example: `  infra --local verify dev
  infra verify hms-prod`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, w, err := a.initialisedSession(cmd.Context(), argv[0], nil)
			if err != nil {
				return err
			}
			rep, err := a.verifyStack(cmd.Context(), ss.e, ss.s, w)
			if err != nil {
				return err
			}
			printReport(a.io.Out, rep)
			if n := rep.Failed(); n > 0 {
				return findings(fmt.Errorf("%d of %d checks of %s failed: see the report above", n, len(rep.Checks), ss.s.Name))
			}
			return nil
		},
	}
}

func (a *app) verifyStack(ctx context.Context, e *engine.Engine, s stacks.Stack, w *tf.Workspace) (verify.Report, error) {
	// From `terraform state pull`: show -json would start the provider.
	st, err := w.StateResources(ctx)
	if err != nil {
		return verify.Report{}, err
	}
	cfg, err := e.Target.AWSConfig(ctx)
	if err != nil {
		return verify.Report{}, err
	}
	return verify.Stack(ctx, verify.NewClients(cfg, e.Target.Local), s.Name, st), nil
}

func printReport(out io.Writer, rep verify.Report) {
	for _, c := range rep.Checks {
		mark := "ok  "
		if !c.OK {
			mark = "FAIL"
		}
		line := fmt.Sprintf("  %s %s", mark, c.Name)
		if c.Detail != "" {
			line += ": " + c.Detail
		}
		fmt.Fprintln(out, line)
	}
	fmt.Fprintf(out, "%s: %d checks, %d failed\n", rep.Stack, len(rep.Checks), rep.Failed())
	if s := rep.UncheckedSummary(); s != "" {
		fmt.Fprintf(out, "  (no existence check for: %s)\n", s)
	}
}
