package cli

import (
	"context"
	"fmt"
	"net"

	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/delegation"
	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/tf"
)

// localDelegateCmd is `infra local delegate <stack>`: the registrar's step,
// made in the emulator.
func (a *app) localDelegateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "delegate <stack>",
		Short: "Delegate a zone stack's zones in the emulator (what you do at the registrar on AWS)",
		Long: `Read the "delegation" output of an applied zone stack (global-route53,
hms-global) and add, in the emulator, the NS records a person adds at the
registrar or in the parent zone on AWS: the parent zone (created as a
stand-in when missing) gets an NS record set for each zone. Certificates
validated in those zones can only be issued afterwards, as on AWS.
` + "`infra up`" + ` does this itself after applying a zone stack.`,
		Example:           "  infra local delegate global-route53\n  infra local delegate hms-global",
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			if err := a.known(ctx, argv[0]); err != nil {
				return err
			}
			e, err := a.open(ctx, true)
			if err != nil {
				return err
			}
			s, err := stack(e, argv[0])
			if err != nil {
				return err
			}
			w, err := e.Workspace(s, engine.WorkspaceOptions{Stdout: a.io.Err})
			if err != nil {
				return err
			}
			if err := e.EnsureInit(ctx, s, w); err != nil {
				return err
			}
			outs, err := w.Outputs(ctx)
			if err != nil {
				return err
			}
			if _, ok := outs[delegation.OutputName]; !ok {
				return usage("%s has no %q output: only zone stacks (global-route53, hms-global) are delegated; apply it first if it is one", s.Name, delegation.OutputName)
			}
			return a.delegate(ctx, e, s, outs)
		},
	}
}

// delegate makes (emulator) or checks (AWS) the delegation a stack's outputs
// ask for; stacks without a "delegation" output need none.
func (a *app) delegate(ctx context.Context, e *engine.Engine, s stacks.Stack, outs map[string]tf.Output) error {
	raw, ok := outs[delegation.OutputName]
	if !ok {
		return nil
	}
	zones, err := delegation.FromOutput(raw.Value)
	if err != nil {
		return fmt.Errorf("%s: %w", s.Name, err)
	}
	if !e.Target.Local {
		if err := delegation.Check(ctx, net.DefaultResolver, zones); err != nil {
			return fmt.Errorf("%s applied, but %w", s.Name, err)
		}
		fmt.Fprintf(a.io.Out, "%s: %v delegated (checked through public DNS)\n", s.Name, zones.Names())
		return nil
	}
	cfg, err := e.Target.AWSConfig(ctx)
	if err != nil {
		return err
	}
	done, err := delegation.DelegateLocal(ctx, route53.NewFromConfig(cfg), zones)
	if err != nil {
		return err
	}
	for _, d := range done {
		how := "its parent zone"
		if d.Created {
			how = "a stand-in parent zone"
		}
		fmt.Fprintf(a.io.Out, "%s: delegated %s from %s %s in the emulator (on AWS: NS records at the registrar or in %s)\n", s.Name, d.Zone, how, d.Parent, d.Parent)
	}
	return nil
}
