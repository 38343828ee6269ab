package cli

import (
	"encoding/json"
	"fmt"
	"runtime"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/tf"
)

func (a *app) fmtCmd() *cobra.Command {
	var write bool
	cmd := &cobra.Command{
		Use:   "fmt",
		Short: "Check that every .tf file is terraform fmt clean (exit 3 lists the others); --write fixes them",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := a.open(cmd.Context(), false)
			if err != nil {
				return err
			}
			files, err := e.Runner.FormatCheck(cmd.Context(), e.Project.TerraformDir(), write)
			if err != nil {
				return err
			}
			if write {
				fmt.Fprintln(a.io.Out, "formatted every .tf file under infrastructure/terraform")
				return nil
			}
			if len(files) > 0 {
				for _, f := range files {
					fmt.Fprintln(a.io.Out, f)
				}
				return &exitCode{code: ExitFindings, err: fmt.Errorf("%d files are not terraform fmt clean: run `infra fmt --write`", len(files))}
			}
			fmt.Fprintln(a.io.Out, "every .tf file is terraform fmt clean")
			return nil
		},
	}
	cmd.Flags().BoolVar(&write, "write", false, "rewrite files instead of listing them")
	return cmd
}

func (a *app) validateCmd() *cobra.Command {
	var all bool
	cmd := &cobra.Command{
		Use:   "validate [stack…] [--all]",
		Short: "terraform validate stacks in parallel (one shared plugin cache, bounded by cores and memory)",
		RunE: func(cmd *cobra.Command, argv []string) error {
			if all == (len(argv) > 0) {
				return usage("name stacks or pass --all (not both): e.g. `infra validate tm-dev` or `infra validate --all`")
			}
			ctx := cmd.Context()
			e, err := a.open(ctx, false)
			if err != nil {
				return err
			}
			list, err := selectStacks(e, all, argv)
			if err != nil {
				return err
			}
			type res struct {
				diags []string
				err   error
			}
			out := make([]res, len(list))
			cacheFirst(len(list), func(i int) {
				s := list[i]
				w, err := e.Workspace(s, engine.WorkspaceOptions{})
				if err == nil {
					err = e.ForgetInit(s)
				}
				if err == nil {
					err = w.InitNoBackend(ctx)
				}
				var v *tfjson.ValidateOutput
				if err == nil {
					v, err = w.Validate(ctx)
				}
				out[i].err = err
				if v != nil {
					for _, d := range v.Diagnostics {
						loc := ""
						if d.Range != nil {
							loc = fmt.Sprintf("%s:%d: ", d.Range.Filename, d.Range.Start.Line)
						}
						out[i].diags = append(out[i].diags, fmt.Sprintf("%s%s: %s %s", loc, d.Severity, d.Summary, d.Detail))
					}
					if !v.Valid && out[i].err == nil {
						out[i].err = fmt.Errorf("invalid")
					}
				}
			})
			failed := 0
			for i, s := range list {
				status := "valid"
				if out[i].err != nil {
					status = "INVALID: " + out[i].err.Error()
					failed++
				}
				fmt.Fprintf(a.io.Out, "%s: %s\n", s.Name, status)
				for _, d := range out[i].diags {
					fmt.Fprintf(a.io.Out, "  %s\n", d)
				}
			}
			if failed > 0 {
				return &exitCode{code: ExitFindings, err: fmt.Errorf("%d of %d stacks are not valid", failed, len(list))}
			}
			fmt.Fprintf(a.io.Out, "%d stacks valid (at most %d terraform processes at once, %d cores)\n", len(list), tf.DefaultParallelism(), runtime.NumCPU())
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "every stack of the manifest")
	return cmd
}

func (a *app) stateCmd() *cobra.Command {
	st := &cobra.Command{Use: "state", Short: "Inspect and repair a stack's state: list, show, rm, mv, versions, restore"}
	withWS := func(use, short string, n int, run func(cmd *cobra.Command, ss *session, w *tf.Workspace, argv []string) error) *cobra.Command {
		return &cobra.Command{
			Use: use, Short: short, Args: args(cobra.ExactArgs(n)),
			RunE: func(cmd *cobra.Command, argv []string) error {
				ss, err := a.session(cmd.Context(), argv[0])
				if err != nil {
					return err
				}
				w, err := ss.initialised(cmd.Context(), nil)
				if err != nil {
					return err
				}
				return run(cmd, ss, w, argv[1:])
			},
		}
	}
	st.AddCommand(
		a.stateVersionsCmd(),
		a.stateRestoreCmd(),
		withWS("list <stack>", "List the resource addresses in a stack's state", 1, func(cmd *cobra.Command, _ *session, w *tf.Workspace, _ []string) error {
			s, err := w.State(cmd.Context())
			if err != nil {
				return err
			}
			for _, r := range resources(s) {
				fmt.Fprintln(a.io.Out, r.Address)
			}
			return nil
		}),
		withWS("show <stack> <address>", "Show one resource's attributes from state (sensitive values hidden)", 2, func(cmd *cobra.Command, ss *session, w *tf.Workspace, rest []string) error {
			s, err := w.State(cmd.Context())
			if err != nil {
				return err
			}
			for _, r := range resources(s) {
				if r.Address == rest[0] {
					b, err := json.MarshalIndent(redact(r.AttributeValues, r.SensitiveValues), "", "  ")
					if err != nil {
						return fmt.Errorf("rendering %s: %w", r.Address, err)
					}
					fmt.Fprintf(a.io.Out, "# %s (%s)\n%s\n", r.Address, r.Type, b)
					return nil
				}
			}
			return usage("no resource %s in the state of %s: see `infra state list %s`", rest[0], ss.s.Name, ss.s.Name)
		}),
		a.stateChange("rm <stack> <address>", "Forget a resource (it keeps running); production asks for the stack name", 2, func(cmd *cobra.Command, w *tf.Workspace, rest []string) error {
			return w.StateRm(cmd.Context(), rest[0])
		}),
		a.stateChange("mv <stack> <from> <to>", "Rename a resource address in state (after refactoring code)", 3, func(cmd *cobra.Command, w *tf.Workspace, rest []string) error {
			return w.StateMv(cmd.Context(), rest[0], rest[1])
		}),
	)
	return st
}

// stateChange is a state command that writes: it asks for the stack name
// unless --yes.
func (a *app) stateChange(use, short string, n int, run func(cmd *cobra.Command, w *tf.Workspace, rest []string) error) *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use: use, Short: short, Args: args(cobra.ExactArgs(n)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			if !yes || ss.s.Production() {
				if err := confirm(a.io, fmt.Sprintf("Change the state of %s (%s)? Type its name to continue: ", ss.s.Name, strings.Join(argv, " ")), ss.s.Name); err != nil {
					return err
				}
			}
			w, err := ss.initialised(cmd.Context(), a.io.Out)
			if err != nil {
				return err
			}
			if err := run(cmd, w, argv[1:]); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "%s: state changed; the bucket keeps the previous version (`infra state versions %s`)\n", ss.s.Name, ss.s.Name)
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "skip the typed confirmation (never in production)")
	return cmd
}

func (a *app) importCmd() *cobra.Command {
	var yes, generate bool
	cmd := &cobra.Command{
		Use:   "import <stack> <address> <id>",
		Short: "Adopt an existing resource into a stack's state (--generate prints an import {} block instead)",
		Args:  args(cobra.ExactArgs(3)),
		RunE: func(cmd *cobra.Command, argv []string) error {
			if generate {
				fmt.Fprintf(a.io.Out, "import {\n  to = %s\n  id = %q\n}\n", argv[1], argv[2])
				return nil
			}
			ss, err := a.session(cmd.Context(), argv[0])
			if err != nil {
				return err
			}
			if !yes || ss.s.Production() {
				if err := confirm(a.io, fmt.Sprintf("Import %s as %s into %s? Type its name to continue: ", argv[2], argv[1], ss.s.Name), ss.s.Name); err != nil {
					return err
				}
			}
			w, err := ss.initialised(cmd.Context(), a.io.Out)
			if err != nil {
				return err
			}
			if err := w.Import(cmd.Context(), argv[1], argv[2]); err != nil {
				return err
			}
			fmt.Fprintf(a.io.Out, "%s: imported %s as %s; now `infra plan %s` should show no change for it\n", ss.s.Name, argv[2], argv[1], ss.s.Name)
			return nil
		},
	}
	cmd.Flags().BoolVar(&yes, "yes", false, "skip the typed confirmation (never in production)")
	cmd.Flags().BoolVar(&generate, "generate", false, "print an import {} block for the stack's code instead of importing now")
	return cmd
}

func resources(s *tfjson.State) []*tfjson.StateResource {
	var out []*tfjson.StateResource
	if s == nil || s.Values == nil {
		return nil
	}
	var walk func(m *tfjson.StateModule)
	walk = func(m *tfjson.StateModule) {
		if m == nil {
			return
		}
		out = append(out, m.Resources...)
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(s.Values.RootModule)
	sort.Slice(out, func(i, j int) bool { return out[i].Address < out[j].Address })
	return out
}

// redact replaces values marked sensitive with "(sensitive)".
func redact(vals map[string]any, sens json.RawMessage) map[string]any {
	var marks map[string]any
	_ = json.Unmarshal(sens, &marks)
	out := make(map[string]any, len(vals))
	for k, v := range vals {
		if b, ok := marks[k].(bool); ok && b {
			out[k] = "(sensitive)"
			continue
		}
		out[k] = v
	}
	return out
}
