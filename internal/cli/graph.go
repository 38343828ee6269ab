package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/graph"
	"github.com/taskmanager-platform/infra/internal/inventory"
)

func (a *app) graphCmd() *cobra.Command {
	var (
		all    bool
		format string
		outDir string
	)
	cmd := &cobra.Command{
		Use:   "graph [stack…|--all] [--format svg|dot|mermaid]",
		Short: "Draw the stack graph, or a stack's architecture from its configuration (SVG, DOT, Mermaid)",
		Long: `Without stacks: the stack graph of stacks.hcl (systems, environments,
dependencies). With a stack: its architecture drawn from the configuration
alone (no state, no emulator), grouped as a person draws it: users and DNS,
CloudFront, the VPC's public tier (ALB, listeners, target groups, NAT), app
tier (ECS services with sizes and task counts), data tier (RDS primary and
replica, Redis), S3 buckets, security and observability (alarms → SNS).
One stack is written to stdout; --all (or several stacks) needs --out DIR
and writes <stack>.<ext> per stack plus stacks.<ext>.
SVG is rendered in-process (Graphviz compiled to WebAssembly): nothing to install.`,
		Example: `  infra graph
  infra graph tm-prod --format svg > tm-prod.svg
  infra graph hms-prod --format mermaid
  infra graph --all --format svg --out docs/graphs`,
		Args:              args(cobra.ArbitraryArgs),
		ValidArgsFunction: a.completeStacks(-1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ext := map[string]string{"svg": "svg", "dot": "dot", "mermaid": "mmd"}[format]
			if ext == "" {
				return usage("--format %q: use svg, dot or mermaid", format)
			}
			if all && len(argv) > 0 {
				return usage("name stacks or pass --all (not both): e.g. `infra graph tm-prod` or `infra graph --all --out DIR`")
			}
			if (all || len(argv) > 1) && outDir == "" {
				return usage("several pictures need a folder: add --out DIR (one stack writes to stdout)")
			}
			_, cat, err := a.catalog()
			if err != nil {
				return err
			}
			list := cat.All()
			if !all {
				if list, err = cat.ResolveAll(argv); err != nil {
					return &UsageError{Err: err}
				}
			}
			type picture struct {
				name string
				g    graph.Graph
			}
			var pics []picture
			if all || len(argv) == 0 {
				pics = append(pics, picture{"stacks", graph.Stacks(cat.All())})
			}
			if all || len(argv) > 0 {
				for _, s := range list {
					inv, err := inventory.Load(s.Dir, s.VarFilePaths())
					if err != nil {
						return fmt.Errorf("%s: %w", s.Name, err)
					}
					pics = append(pics, picture{s.Name, graph.Architecture(s.Name, inv)})
				}
			}
			for _, pic := range pics {
				var out []byte
				switch format {
				case "svg":
					if out, err = pic.g.SVG(cmd.Context()); err != nil {
						return fmt.Errorf("%s: %w", pic.name, err)
					}
				case "dot":
					out = []byte(pic.g.DOT())
				case "mermaid":
					out = []byte(pic.g.Mermaid())
				}
				if outDir == "" {
					if _, err := a.io.Out.Write(out); err != nil {
						return fmt.Errorf("writing %s: %w", pic.name, err)
					}
					continue
				}
				if err := os.MkdirAll(outDir, 0o755); err != nil {
					return fmt.Errorf("creating %s: %w", outDir, err)
				}
				path := filepath.Join(outDir, pic.name+"."+ext)
				if err := os.WriteFile(path, out, 0o644); err != nil {
					return fmt.Errorf("writing %s: %w", path, err)
				}
				fmt.Fprintln(a.io.Out, path)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "the stack graph and every stack's picture (needs --out)")
	cmd.Flags().StringVar(&format, "format", "svg", "svg, dot or mermaid")
	cmd.Flags().StringVar(&outDir, "out", "", "write <stack>.<svg|dot|mmd> files into this folder instead of stdout")
	return cmd
}
