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
