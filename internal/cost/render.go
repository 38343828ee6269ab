package cost

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"
)

// Money formats a monthly amount: 1234.5 → "1,234.50".
func Money(v float64) string {
	// Rounded to cents first: a sum that is zero but for float noise
	// prints as 0.00, not -0.00.
	v = math.Round(v*100) / 100
	if v == 0 {
		v = 0 // not -0
	}
	neg := v < 0
	if neg {
		v = -v
	}
	s := fmt.Sprintf("%.2f", v)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String() + "." + frac
	if neg {
		return "-" + out
	}
	return out
}

func relative(addr, module string) string {
	if module == "" {
		return addr
	}
	return strings.TrimPrefix(addr, module+".")
}

func partText(p Part) string {
	return fmt.Sprintf("%s: %s × %g = %s", p.What, trimNum(p.Quantity), p.Rate, Money(p.Monthly))
}

func trimNum(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.3f", f), "0"), ".")
}

// WriteText prints a stack's estimate: total, modules with their
// resources and each price's arithmetic, the reservation comparison and
// the assumptions.
func WriteText(w io.Writer, r Report) {
	writeModules(w, r, true)
	fmt.Fprintf(w, "  %d free resources (types listed in infrastructure/pricing/prices.hcl)\n", r.Free)
	if len(r.Unpriced) > 0 {
		fmt.Fprintf(w, "  NOT PRICED (add to infrastructure/pricing/prices.hcl): %s\n", strings.Join(r.Unpriced, ", "))
	}
	WriteReserved(w, r)
	if len(r.Assumptions) > 0 {
		fmt.Fprintln(w, "  Assumptions (usage figures; set them in infrastructure/pricing/usage/"+r.Stack+".hcl):")
		for _, a := range r.Assumptions {
			src := "usage file"
			if a.Default {
				src = "default"
			}
			fmt.Fprintf(w, "    %-34s %8s %-30s %s (%s)\n", a.Name, trimNum(a.Value), a.Unit, a.What, src)
		}
	}
}

// writeModules prints the stack's total and module totals, and with
// resources each resource and its arithmetic.
func writeModules(w io.Writer, r Report, resources bool) {
	fmt.Fprintf(w, "%s: %s %s/month (%s, %s)\n", r.Stack, Money(r.Monthly), r.Currency, r.Region, r.Source)
	for _, m := range r.Modules {
		name := m.Module
		if name == "" {
			name = "(root)"
		}
		fmt.Fprintf(w, "  %12s  %s\n", Money(m.Monthly), name)
		for _, l := range r.Lines {
			if !resources {
				break
			}
			if l.Module != m.Module {
				continue
			}
			label := relative(l.Address, l.Module)
			if l.Note != "" {
				label += "  (" + l.Note + ")"
			}
			if l.Uncertain {
				label += "  [count unknown from configuration: counted once]"
			}
			fmt.Fprintf(w, "  %12s    %s\n", Money(l.Monthly), label)
			for _, p := range l.Parts {
				fmt.Fprintf(w, "  %12s      · %s  [%s]\n", "", partText(p), p.Price)
			}
		}
	}
}

// WriteReserved prints the on-demand vs reservation comparison.
func WriteReserved(w io.Writer, r Report) {
	for _, c := range r.Reserved {
		fmt.Fprintf(w, "  Database %s (%s %s): on-demand vs reserved instance\n", c.Address, c.Engine, c.Class)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "    option\tupfront\thourly\teffective monthly\tsaving\t")
		for _, o := range c.Options {
			fmt.Fprintf(tw, "    %s\t%s\t%g\t%s\t%.0f %%\t\n", o.Option, Money(o.Upfront), o.Hourly, Money(o.Monthly), o.Saving)
		}
		tw.Flush()
	}
}

// WriteSummary prints one line per stack and the total.
func WriteSummary(w io.Writer, reports []Report) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stack\tUSD/month\tpriced resources\tfree resources\t")
	var total float64
	for _, r := range reports {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t\n", r.Stack, Money(r.Monthly), len(r.Lines), r.Free)
		total += r.Monthly
	}
	fmt.Fprintf(tw, "total\t%s\t\t\t\n", Money(total))
	tw.Flush()
}

// WriteUnconfirmed lists the prices not checked against their source.
func WriteUnconfirmed(w io.Writer, t *Table, keys []string) {
	if len(keys) == 0 {
		return
	}
	fmt.Fprintf(w, "Unconfirmed prices used (written offline; check them at the source or run `infra cost --refresh-prices`): %d (the table has %d)\n", len(keys), len(t.Prices))
	for _, k := range keys {
		p := t.byKey[k]
		fmt.Fprintf(w, "  %-50s %10g per %s, %s, %s\n", k, p.USD, p.Unit, p.Date, p.Source)
	}
}

// DeltaLine is one resource whose monthly cost a plan changes.
type DeltaLine struct {
	Address string  `json:"address"`
	Before  float64 `json:"before"`
	After   float64 `json:"after"`
	Delta   float64 `json:"delta"`
}

// Delta is the monthly difference a saved plan makes.
type Delta struct {
	Stack  string      `json:"stack"`
	Before float64     `json:"before"`
	After  float64     `json:"after"`
	Delta  float64     `json:"delta"`
	Lines  []DeltaLine `json:"resources"`
}

// Diff compares the estimates of a plan's prior state and its result.
func Diff(before, after Report) Delta {
	d := Delta{Stack: after.Stack, Before: before.Monthly, After: after.Monthly, Delta: after.Monthly - before.Monthly}
	m := map[string]*DeltaLine{}
	for _, l := range before.Lines {
		m[l.Address] = &DeltaLine{Address: l.Address, Before: l.Monthly}
	}
	for _, l := range after.Lines {
		if x, ok := m[l.Address]; ok {
			x.After = l.Monthly
		} else {
			m[l.Address] = &DeltaLine{Address: l.Address, After: l.Monthly}
		}
	}
	for _, x := range m {
		x.Delta = x.After - x.Before
		if fmt.Sprintf("%.2f", x.Delta) != "0.00" && fmt.Sprintf("%.2f", x.Delta) != "-0.00" {
			d.Lines = append(d.Lines, *x)
		}
	}
	sort.Slice(d.Lines, func(i, j int) bool { return d.Lines[i].Address < d.Lines[j].Address })
	return d
}

func signed(v float64) string {
	if v >= 0 {
		return "+" + Money(v)
	}
	return Money(v)
}

// WriteDelta prints a plan's monthly delta.
func WriteDelta(w io.Writer, d Delta) {
	fmt.Fprintf(w, "%s: %s USD/month (%s → %s)\n", d.Stack, signed(d.Delta), Money(d.Before), Money(d.After))
	for _, l := range d.Lines {
		fmt.Fprintf(w, "  %-70s %12s  (%s → %s)\n", l.Address, signed(l.Delta), Money(l.Before), Money(l.After))
	}
}

// DeltaMarkdown renders the delta for a pull-request comment.
func DeltaMarkdown(d Delta) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**Monthly cost:** %s USD (%s → %s, list prices us-east-1; `infra cost %s --plan`)\n", signed(d.Delta), Money(d.Before), Money(d.After), d.Stack)
	if len(d.Lines) == 0 {
		return b.String()
	}
	b.WriteString("\n| resource | before | after | delta |\n|---|---:|---:|---:|\n")
	for i, l := range d.Lines {
		if i == 20 {
			fmt.Fprintf(&b, "| … and %d more | | | |\n", len(d.Lines)-i)
			break
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", l.Address, Money(l.Before), Money(l.After), signed(l.Delta))
	}
	return b.String()
}

// WriteModules prints a stack's total, its module totals and the
// reservation comparison.
func WriteModules(w io.Writer, r Report) {
	writeModules(w, r, false)
	WriteReserved(w, r)
}
