package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/verify"
)

// session is an opened engine and one resolved stack.
type session struct {
	e *engine.Engine
	s stacks.Stack
}

func (a *app) session(ctx context.Context, name string) (*session, error) {
	e, err := a.open(ctx, a.local)
	if err != nil {
		return nil, err
	}
	s, err := stack(e, name)
	if err != nil {
		return nil, err
	}
	return &session{e: e, s: s}, nil
}

// initialised opens and initialises a workspace whose terraform output
// goes to out.
func (ss *session) initialised(ctx context.Context, out io.Writer) (*tf.Workspace, error) {
	w, err := ss.workspace(out)
	if err != nil {
		return nil, err
	}
	if err := ss.e.EnsureInit(ctx, ss.s, w); err != nil {
		return nil, err
	}
	return w, nil
}

// workspace opens a workspace whose terraform output goes to out.
func (ss *session) workspace(out io.Writer) (*tf.Workspace, error) {
	return ss.e.Workspace(ss.s, engine.WorkspaceOptions{Stdout: out})
}

func (a *app) initCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "init <stack>",
		Short: "Initialise a stack: providers from the mirror, modules, backend",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			w, err := ss.workspace(a.io.Out)
			if err != nil {
				return err
			}
			return ss.e.Init(cmd.Context(), w)
		},
	}
}

func (a *app) destroyCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "destroy <stack>",
		Short: "Destroy every resource of a non-production stack",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			if ss.s.Production() {
				return usage("refusing to destroy production stack %s: production is never destroyed by infra (seed 000); remove resources through reviewed changes instead", ss.s.Name)
			}
			if !yes {
				if err := confirm(a.io, fmt.Sprintf("DESTROY every resource of %s? Type its name to continue: ", ss.s.Name), ss.s.Name); err != nil {
					return err
				}
			}
			w, err := ss.initialised(cmd.Context(), a.io.Out)
			if err != nil {
				return err
			}
			return w.Destroy(cmd.Context())
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "skip the typed confirmation")
	return cmd
}

func (a *app) outputCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "output <stack>",
		Short: "Print a stack's outputs",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			w, err := ss.initialised(cmd.Context(), nil)
			if err != nil {
				return err
			}
			outs, err := w.Outputs(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(a.io.Out).Encode(outs)
			}
			printOutputs(a.io.Out, outs)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print outputs as JSON")
	return cmd
}

func (a *app) verifyCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "verify <stack>",
		Short: "Check through the AWS API that the stack's resources exist and serve (seed 003's verification)",
		Args:  args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			w, err := ss.initialised(cmd.Context(), nil)
			if err != nil {
				return err
			}
			rep, err := a.verifyStack(cmd.Context(), ss.e, ss.s, w)
			if err != nil {
				return err
			}
			printReport(a.io.Out, rep)
			if n := rep.Failed(); n > 0 {
				return fmt.Errorf("%d of %d checks of %s failed", n, len(rep.Checks), ss.s.Name)
			}
			return nil
		},
	}
}

func (a *app) verifyStack(ctx context.Context, e *engine.Engine, s stacks.Stack, w *tf.Workspace) (verify.Report, error) {
	st, err := w.State(ctx)
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

func printOutputs(out io.Writer, outs map[string]tf.Output) {
	names := make([]string, 0, len(outs))
	for k := range outs {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		var buf bytes.Buffer
		v := string(outs[k].Value)
		if json.Compact(&buf, outs[k].Value) == nil {
			v = buf.String()
		}
		if outs[k].Sensitive {
			v = "(sensitive)"
		}
		fmt.Fprintf(out, "%s = %s\n", k, v)
	}
}

// confirm asks for want to be typed on stdin.
func confirm(stdio IO, prompt, want string) error {
	fmt.Fprint(stdio.Err, prompt)
	if stdio.In == nil {
		return usage("no input to confirm with: type %q at the prompt, or pass --yes", want)
	}
	line, err := bufio.NewReader(stdio.In).ReadString('\n')
	if err != nil && line == "" {
		return usage("confirmation not given (no input): type %q at the prompt, or pass --yes", want)
	}
	if strings.TrimSpace(line) != want {
		return usage("confirmation %q does not match %q: nothing was changed", strings.TrimSpace(line), want)
	}
	return nil
}
