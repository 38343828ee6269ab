package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/tf"
)

func (a *app) outputCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "output <stack>",
		Short: "Print a stack's outputs (--json: terraform output -json's shape)",
		Long: `Print a stack's root outputs, one "name = value" line each, sensitive values
hidden. --json prints what 'terraform output -json' prints: an object of
{"sensitive", "type", "value"} per output, sensitive values included (as
terraform does), for scripts.`,
		Example: `  infra --local output dev
  infra output tm-prod --json | jq -r .alb_dns_name.value`,
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			_, w, err := a.initialisedSession(cmd.Context(), argv[0], nil)
			if err != nil {
				return err
			}
			outs, err := w.Outputs(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				return writeOutputsJSON(a.io.Out, outs)
			}
			printOutputs(a.io.Out, outs)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print outputs as terraform output -json does")
	return cmd
}

// writeOutputsJSON writes outputs as `terraform output -json` does (keys
// sorted, two-space indent).
func writeOutputsJSON(out io.Writer, outs map[string]tf.Output) error {
	if outs == nil {
		outs = map[string]tf.Output{}
	}
	b, err := json.MarshalIndent(outs, "", "  ")
	if err != nil {
		return fmt.Errorf("writing outputs JSON: %w", err)
	}
	_, err = fmt.Fprintf(out, "%s\n", b)
	return err
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
