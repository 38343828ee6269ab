package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/project"
	"github.com/taskmanager-platform/infra/internal/stacks"
)

func (a *app) localCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "local",
		Short: "Run the local AWS emulator (moto server with the project's fill-ins)",
		Example: `  infra local up
  eval "$(infra local env)" && aws s3 ls
  infra local down`,
	}
	var port int
	up := &cobra.Command{
		Use:     "up",
		Short:   "Start the emulator in the background on a loopback port",
		Example: "  infra local up\n  infra local up --port 4566",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if port < 0 || port > 65535 {
				return usage("--port %d: choose a port between 1 and 65535 (0: a free one)", port)
			}
			inst, verb, err := a.startEmulator(cmd.Context(), port)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "emulator %s at %s (pid %d, log %s)\n", verb, inst.Endpoint, inst.PID, inst.Log)
			return nil
		},
	}
	up.Flags().IntVar(&port, "port", 0, "loopback port (default: a free one)")

	down := &cobra.Command{
		Use:     "down",
		Short:   "Stop the emulator recorded in the state folder",
		Example: "  infra local down",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			p, err := a.project()
			if err != nil {
				return err
			}
			inst, err := emulator.Down(cmd.Context(), p.EmulatorStateDir())
			if errors.Is(err, emulator.ErrNotRunning) {
				fmt.Fprintln(a.io.Out, "emulator not running; nothing to stop")
				return nil
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "emulator at %s (pid %d) stopped\n", inst.Endpoint, inst.PID)
			return nil
		},
	}

	status := &cobra.Command{
		Use:     "status",
		Short:   "Report whether the emulator runs, where, and since when",
		Example: "  infra local status",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			inst, err := a.runningEmulator(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "emulator running at %s (pid %d, up %s, log %s)\n",
				inst.Endpoint, inst.PID, time.Since(inst.StartedAt).Round(time.Second), inst.Log)
			return nil
		},
	}

	env := &cobra.Command{
		Use:     "env",
		Short:   "Print shell exports that point AWS SDKs and the AWS CLI at the emulator",
		Example: "  eval \"$(infra local env)\"",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			inst, err := a.runningEmulator(cmd.Context())
			if err != nil {
				return err
			}
			for _, kv := range inst.ClientEnv() {
				fmt.Fprintf(a.io.Out, "export %s=%s\n", kv[0], shellQuote(kv[1]))
			}
			return nil
		},
	}

	reset := &cobra.Command{
		Use:     "reset",
		Short:   "Empty every service of the emulator (all local resources and state vanish)",
		Example: "  infra local reset",
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			inst, err := a.runningEmulator(cmd.Context())
			if err != nil {
				return err
			}
			if err := inst.Reset(cmd.Context()); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "emulator at %s reset: every local resource and state is gone\n", inst.Endpoint)
			return nil
		},
	}
	cmd.AddCommand(up, down, status, env, reset, a.localDelegateCmd())
	return cmd
}

func (a *app) project() (*project.Project, error) {
	p, err := project.Find(a.chdir, a.state)
	if err != nil {
		return nil, fmt.Errorf("%w: run infra from a checkout of the infrastructure repository or set INFRA_ROOT", err)
	}
	return p, nil
}

// catalog finds the repository and reads its stack manifest (commands that
// need no terraform: stacks, affected, completion).
func (a *app) catalog() (*project.Project, *stacks.Catalog, error) {
	p, err := a.project()
	if err != nil {
		return nil, nil, err
	}
	cat, err := stacks.Load(p.TerraformDir())
	if err != nil {
		return nil, nil, err
	}
	return p, cat, nil
}

// startEmulator starts the project's emulator unless it runs; verb says
// which ("started" or "already running").
func (a *app) startEmulator(ctx context.Context, port int) (*emulator.Instance, string, error) {
	p, err := a.project()
	if err != nil {
		return nil, "", err
	}
	inst, started, err := emulator.Up(ctx, emulator.Options{
		SourceDir: p.EmulatorDir(),
		StateDir:  p.EmulatorStateDir(),
		Port:      port,
	})
	if err != nil {
		return nil, "", err
	}
	if started {
		return inst, "started", nil
	}
	return inst, "already running", nil
}

// runningEmulator is the project's emulator, or an error that says how to
// start it.
func (a *app) runningEmulator(ctx context.Context) (*emulator.Instance, error) {
	p, err := a.project()
	if err != nil {
		return nil, err
	}
	inst, err := emulator.Status(ctx, p.EmulatorStateDir())
	if errors.Is(err, emulator.ErrNotAnswering) {
		return nil, fmt.Errorf("%w; retry, or restart it with `infra local down` and `infra local up`", err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w; start it with `infra local up`", err)
	}
	return inst, nil
}

func shellQuote(s string) string {
	safe := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '/' || r == ':' || r == '.' || r == '-' || r == '_') {
			safe = false
		}
	}
	if safe {
		return s
	}
	out := "'"
	for _, r := range s {
		if r == '\'' {
			out += `'\''`
		} else {
			out += string(r)
		}
	}
	return out + "'"
}
