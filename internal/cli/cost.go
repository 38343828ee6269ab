package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/pricing"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/cost"
	"github.com/taskmanager-platform/infra/internal/graph"
	"github.com/taskmanager-platform/infra/internal/inventory"
	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/project"
	"github.com/taskmanager-platform/infra/internal/stacks"
)

// pricingDir holds the price table and the usage files.
func pricingDir(p *project.Project) string { return filepath.Join(p.Root, "infrastructure", "pricing") }

func (a *app) costCmd() *cobra.Command {
	var (
		all, asJSON, details, refresh bool
		planFile                      string
	)
	cmd := &cobra.Command{
		Use:   "cost [stack…|--all] [--plan FILE] [--json]",
		Short: "Monthly cost per stack, module and resource from the price table; --plan: a saved plan's delta",
		Long: `Estimate the monthly cost of stacks from their configuration alone (no
state, no emulator): every resource priced from infrastructure/pricing/prices.hcl
(us-east-1 list prices, each with its date and source page) and the stack's
usage file infrastructure/pricing/usage/<stack>.hcl (traffic and volumes, with
conservative defaults, printed as assumptions). Databases whose class has
reservation prices get an on-demand vs reserved-instance comparison.
Named stacks print every resource and its arithmetic; --all prints module
totals (--details for everything) and a summary.
--plan FILE prices a saved plan (infra plan's file, or terraform show -json
output ending in .json) before and after, and prints the monthly delta.
--refresh-prices rewrites the table's prices that have a query from the AWS
Price List Query API (needs AWS credentials).`,
		Example: `  infra cost tm-prod
  infra cost --all
  infra cost hms-prod --json | jq '.[0].reserved_instance_comparison'
  infra cost tm-dev --plan plan.json
  infra cost --refresh-prices`,
		Args:              args(cobra.ArbitraryArgs),
		ValidArgsFunction: a.completeStacks(-1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			p, cat, err := a.catalog()
			if err != nil {
				return err
			}
			tablePath := filepath.Join(pricingDir(p), "prices.hcl")
			if refresh {
				if all || len(argv) > 0 || planFile != "" {
					return usage("--refresh-prices takes no stacks or --plan: run `infra cost --refresh-prices` alone")
				}
				return a.refreshPrices(cmd.Context(), tablePath)
			}
			if planFile == "" && all == (len(argv) > 0) {
				return usage("name stacks or pass --all (not both): e.g. `infra cost tm-prod` or `infra cost --all`")
			}
			table, err := cost.LoadTable(tablePath)
			if err != nil {
				return err
			}
			if planFile != "" {
				return a.costPlan(cmd.Context(), p, cat, table, argv, planFile, asJSON)
			}
			list := cat.All()
			if !all {
				if list, err = cat.ResolveAll(argv); err != nil {
					return &UsageError{Err: err}
				}
			}
			var reports []cost.Report
			used := map[string]bool{}
			for _, s := range list {
				inv, err := inventory.Load(s.Dir, s.VarFilePaths())
				if err != nil {
					return fmt.Errorf("%s: %w", s.Name, err)
				}
				r, err := estimate(p, table, s.Name, "configuration", inv)
				if err != nil {
					return err
				}
				reports = append(reports, r)
				for _, k := range r.Unconfirmed {
					used[k] = true
				}
			}
			if asJSON {
				return a.writeJSON(reports)
			}
			for _, r := range reports {
				if details || !all {
					cost.WriteText(a.io.Out, r)
				} else {
					cost.WriteModules(a.io.Out, r)
				}
				fmt.Fprintln(a.io.Out)
			}
			if len(reports) > 1 {
				cost.WriteSummary(a.io.Out, reports)
				fmt.Fprintln(a.io.Out)
			}
			var keys []string
			for k := range used {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			cost.WriteUnconfirmed(a.io.Out, table, keys)
			var unpriced []string
			for _, r := range reports {
				for _, t := range r.Unpriced {
					unpriced = append(unpriced, r.Stack+": "+t)
				}
			}
			if len(unpriced) > 0 {
				return fmt.Errorf("resource types neither priced nor listed free: %s: add them to %s", strings.Join(unpriced, ", "), tablePath)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "every stack of the manifest")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the estimates as JSON")
	cmd.Flags().BoolVar(&details, "details", false, "with --all: every resource and its arithmetic")
	cmd.Flags().StringVar(&planFile, "plan", "", "price a saved plan (infra plan's file, or terraform show -json output *.json) and print the delta")
	cmd.Flags().BoolVar(&refresh, "refresh-prices", false, "rewrite the price table from the AWS Price List Query API (needs AWS credentials)")
	return cmd
}

// estimate prices an inventory with the stack's usage file.
func estimate(p *project.Project, table *cost.Table, stack, source string, inv inventory.Inventory) (cost.Report, error) {
	u, err := cost.LoadUsage(filepath.Join(pricingDir(p), "usage", stack+".hcl"))
	if err != nil {
		return cost.Report{}, err
	}
	return cost.Estimate(stack, source, inv, table, u)
}

// planDelta prices a plan's prior state and its result.
func planDelta(p *project.Project, table *cost.Table, stack, source string, shown *tfjson.Plan) (cost.Delta, cost.Report, cost.Report, error) {
	before, after := inventory.FromPlan(shown)
	b, err := estimate(p, table, stack, source+" (before)", before)
	if err != nil {
		return cost.Delta{}, b, b, err
	}
	aft, err := estimate(p, table, stack, source, after)
	if err != nil {
		return cost.Delta{}, b, aft, err
	}
	return cost.Diff(b, aft), b, aft, nil
}

func (a *app) costPlan(ctx context.Context, p *project.Project, cat *stacks.Catalog, table *cost.Table, argv []string, file string, asJSON bool) error {
	if len(argv) > 1 {
		return usage("--plan prices one plan: name at most one stack")
	}
	var (
		shown *tfjson.Plan
		stack string
	)
	if strings.HasSuffix(file, ".json") {
		if len(argv) != 1 {
			return usage("a plan in JSON does not say its stack: name it, e.g. `infra cost tm-dev --plan %s`", file)
		}
		s, err := cat.Resolve(argv[0])
		if err != nil {
			return &UsageError{Err: err}
		}
		stack = s.Name
		b, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("reading plan: %w", err)
		}
		shown = &tfjson.Plan{}
		if err := json.Unmarshal(b, shown); err != nil {
			return fmt.Errorf("%s is not terraform show -json output: %w", file, err)
		}
	} else {
		m, err := plan.Load(file)
		if err != nil {
			return err
		}
		if len(argv) == 1 {
			if s, err := cat.Resolve(argv[0]); err != nil || s.Name != m.Stack {
				return usage("the plan is for stack %s, not %s: run `infra cost %s --plan %s`", m.Stack, argv[0], m.Stack, file)
			}
		}
		stack = m.Stack
		_, w, err := a.initialisedSession(ctx, stack, a.io.Err)
		if err != nil {
			return err
		}
		if shown, err = w.ShowPlan(ctx, file); err != nil {
			return err
		}
	}
	d, before, after, err := planDelta(p, table, stack, file, shown)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(a.io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Delta  cost.Delta  `json:"delta"`
			Before cost.Report `json:"before"`
			After  cost.Report `json:"after"`
		}{d, before, after})
	}
	cost.WriteDelta(a.io.Out, d)
	return nil
}

func (a *app) refreshPrices(ctx context.Context, tablePath string) error {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("us-east-1"))
	if err != nil {
		return fmt.Errorf("AWS configuration: %w", err)
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return fmt.Errorf("--refresh-prices needs AWS credentials (AWS_PROFILE, SSO or environment keys; pricing:GetProducts): %w", err)
	}
	got, err := cost.Refresh(ctx, pricing.NewFromConfig(cfg), tablePath, time.Now())
	for _, r := range got {
		fmt.Fprintf(a.io.Out, "%-45s %g -> %g\n", r.Key, r.Old, r.New)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.io.Out, "%d prices refreshed in %s\n", len(got), tablePath)
	return nil
}

// planReview is what infra plan adds to its summary: the monthly cost
// delta and the picture of the changes. A plan is still made and shown
// when it cannot be priced (a price missing from the table): the reason
// is printed instead of the figure.
type planReview struct {
	delta     *cost.Delta
	costError string
	picture   string
}

func review(p *project.Project, m plan.Meta, file string, shown *tfjson.Plan) planReview {
	var rv planReview
	if m.Summary.Empty() {
		return rv
	}
	rv.picture = graph.ChangesMarkdown(m.Stack, m.Summary.Changes)
	table, err := cost.LoadTable(filepath.Join(pricingDir(p), "prices.hcl"))
	if err == nil {
		var d cost.Delta
		if d, _, _, err = planDelta(p, table, m.Stack, filepath.Base(file), shown); err == nil {
			rv.delta = &d
		}
	}
	if err != nil {
		rv.costError = err.Error()
	}
	return rv
}

func (rv planReview) markdown() string {
	if rv.delta == nil && rv.costError == "" && rv.picture == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n") // the summary ends in an HTML block: a blank line ends it
	switch {
	case rv.delta != nil:
		b.WriteString(cost.DeltaMarkdown(*rv.delta) + "\n")
	case rv.costError != "":
		b.WriteString("**Monthly cost:** not estimated: " + rv.costError + "\n\n")
	}
	b.WriteString(rv.picture)
	return b.String()
}

func (rv planReview) writeText(w io.Writer) {
	switch {
	case rv.delta != nil:
		cost.WriteDelta(w, *rv.delta)
	case rv.costError != "":
		fmt.Fprintf(w, "Monthly cost: not estimated: %s\n", rv.costError)
	}
}
