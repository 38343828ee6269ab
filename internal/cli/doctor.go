package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/target"
	"github.com/taskmanager-platform/infra/internal/toolchain"
)

type finding struct {
	status string // ok, warn, FAIL
	name   string
	detail string
}

func (a *app) doctorCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "doctor",
		Short: "Check Terraform, the provider mirror, the emulator and credentials, and say how to fix each failure",
		Example: `  infra doctor
  infra --local doctor`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			fs := a.doctor(cmd.Context())
			failed := 0
			for _, f := range fs {
				fmt.Fprintf(a.io.Out, "%-4s  %-18s %s\n", f.status, f.name, f.detail)
				if f.status == "FAIL" {
					failed++
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d check(s) failed; fix them as each line says", failed)
			}
			return nil
		},
	}
}

func (a *app) doctor(ctx context.Context) []finding {
	var out []finding
	add := func(status, name, format string, args ...any) {
		out = append(out, finding{status, name, fmt.Sprintf(format, args...)})
	}
	p, err := a.project()
	if err != nil {
		add("FAIL", "repository", "%v", err)
		return out
	}
	add("ok", "repository", "%s (state in %s)", p.Root, p.StateDir)
	if cat, err := stacks.Load(p.TerraformDir()); err != nil {
		add("FAIL", "stacks", "%v", err)
	} else {
		add("ok", "stacks", "%d: %s", len(cat.Names()), strings.Join(cat.Names(), ", "))
	}

	bin, err := toolchain.FindTerraform()
	if err != nil {
		add("FAIL", "terraform", "%v", err)
	} else {
		add("ok", "terraform", "%s", bin)
	}
	if m, err := toolchain.FindMirror(toolchain.SearchRoots()); err != nil {
		add("FAIL", "provider mirror", "%v", err)
	} else {
		add("ok", "provider mirror", "%s (hashicorp/aws %s)", m.Dir, strings.Join(m.Versions, ", "))
	}
	if bin != "" {
		if _, err := engine.Toolchain(ctx, p); err != nil {
			add("FAIL", "terraform version", "%v", err)
		} else {
			add("ok", "terraform version", ">= %s; CLI config %s/terraformrc", toolchain.MinTerraform, p.StateDir)
		}
	}

	out = append(out, motoFinding(ctx, filepath.Join(p.Root, filepath.FromSlash(emulator.Requirements))))
	inst, err := emulator.Status(ctx, p.EmulatorStateDir())
	switch {
	case err != nil && a.local:
		add("FAIL", "emulator", "%v; start it with `infra local up`", err)
	case err != nil:
		add("warn", "emulator", "not running (needed only for --local); start it with `infra local up`")
	default:
		add("ok", "emulator", "%s (pid %d)", inst.Endpoint, inst.PID)
	}

	tgt := target.AWS(a.region)
	if a.local && inst != nil {
		tgt = target.Local(inst)
	}
	if a.local && inst == nil {
		return out
	}
	cfg, err := tgt.AWSConfig(ctx)
	if err == nil {
		var id *sts.GetCallerIdentityOutput
		id, err = sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err == nil {
			add("ok", "credentials", "%s target: account %s as %s", tgt.Name(), aws.ToString(id.Account), aws.ToString(id.Arn))
			return out
		}
	}
	fix := "configure credentials (aws sso login, AWS_PROFILE, or environment variables), or use --local"
	status := "FAIL"
	if !a.local {
		status = "warn"
	}
	add(status, "credentials", "%s target: %v; %s", tgt.Name(), firstLine(err), fix)
	return out
}

// motoFinding checks the installed moto against the version
// emulator/requirements.txt pins: the fill-ins patch moto's internals.
func motoFinding(ctx context.Context, requirements string) finding {
	const name = "python + moto"
	py, got, err := emulator.FindPython(ctx, "")
	if err != nil {
		return finding{"FAIL", name, err.Error()}
	}
	want, err := emulator.PinnedMoto(requirements)
	if err != nil {
		return finding{"FAIL", name, err.Error()}
	}
	if got != want {
		return finding{"FAIL", name, fmt.Sprintf("%s has moto %s, the emulator is pinned to %s: run `%s`", py, got, want, emulator.InstallHint(py))}
	}
	return finding{"ok", name, fmt.Sprintf("%s, moto %s (pinned in %s)", py, got, emulator.Requirements)}
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
