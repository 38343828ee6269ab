package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func (a *app) stacksCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stacks",
		Short: "List the stacks, their aliases and dependencies",
		Example: `  infra stacks
  infra stacks --json | jq -r '.[].name'`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, cat, err := a.catalog()
			if err != nil {
				return err
			}
			if asJSON {
				type row struct {
					Name        string   `json:"name"`
					Path        string   `json:"path"`
					System      string   `json:"system"`
					Environment string   `json:"environment"`
					Aliases     []string `json:"aliases"`
					DependsOn   []string `json:"depends_on"`
					Description string   `json:"description"`
				}
				rows := []row{}
				for _, s := range cat.All() {
					rows = append(rows, row{s.Name, s.Path, s.System, s.Environment, s.Aliases, s.DependsOn, s.Description})
				}
				return json.NewEncoder(a.io.Out).Encode(rows)
			}
			tw := tabwriter.NewWriter(a.io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "STACK\tALIASES\tSYSTEM\tENVIRONMENT\tPATH\tDEPENDS ON\tDESCRIPTION")
			for _, s := range cat.All() {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Name, dash(strings.Join(s.Aliases, ",")), s.System, s.Environment, s.Path, dash(strings.Join(s.DependsOn, ",")), dash(s.Description))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the manifest as JSON (CI matrices)")
	return cmd
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
