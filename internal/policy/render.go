package policy

import (
	"fmt"
	"io"
	"strings"
)

// Headline is the one-line count of a report.
func (r Report) Headline() string {
	un := r.Unwaived()
	if len(un) == 0 {
		return fmt.Sprintf("no unwaived findings, %d waived", r.Waived())
	}
	by := map[string]int{}
	for _, f := range un {
		by[f.Severity]++
	}
	var parts []string
	for _, s := range []string{High, Medium, Low} {
		if by[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", by[s], s))
		}
	}
	return fmt.Sprintf("%d unwaived findings (%s), %d waived", len(un), strings.Join(parts, ", "), r.Waived())
}

// WriteText prints a report: each unwaived finding on one line with its
// remediation under it, then the waived ones with their reason.
func WriteText(w io.Writer, r Report) {
	if r.Error != "" {
		fmt.Fprintf(w, "Policy %s: ERROR %s\n", r.Stack, r.Error)
		return
	}
	fmt.Fprintf(w, "Policy %s: %s\n", r.Stack, r.Headline())
	for _, f := range r.Findings {
		if f.Waived() {
			continue
		}
		fmt.Fprintf(w, "  %-6s %s %s %s: %s\n", f.Severity, f.ID, f.Address, f.Attribute, f.Message)
		fmt.Fprintf(w, "         fix: %s\n", f.Remediation)
	}
	for _, f := range r.Findings {
		if f.Waived() {
			fmt.Fprintf(w, "  waived %s %s (%s:%d, until %s): %s\n", f.ID, f.Address, f.Waiver.File, f.Waiver.Line, f.Waiver.Until, f.Waiver.Reason)
		}
	}
}

// Markdown renders a report for a pull-request comment, within max
// characters.
func Markdown(r Report, max int) string {
	var b strings.Builder
	if r.Error != "" {
		fmt.Fprintf(&b, "#### Policy `%s`: error\n\n%s\n", r.Stack, r.Error)
		return b.String()
	}
	mark := ":white_check_mark:"
	if len(r.Blocking()) > 0 {
		mark = ":no_entry:"
	} else if len(r.Unwaived()) > 0 {
		mark = ":warning:"
	}
	fmt.Fprintf(&b, "#### %s Policy `%s`: %s\n\n", mark, r.Stack, r.Headline())
	tail := ""
	if w := r.Waived(); w > 0 {
		var t strings.Builder
		fmt.Fprintf(&t, "<details><summary>%d waived</summary>\n\n", w)
		for _, f := range r.Findings {
			if f.Waived() {
				fmt.Fprintf(&t, "- `%s` `%s` until %s (%s:%d): %s\n", f.ID, f.Address, f.Waiver.Until, f.Waiver.File, f.Waiver.Line, cell(f.Waiver.Reason))
			}
		}
		t.WriteString("\n</details>\n")
		tail = t.String()
	}
	if un := r.Unwaived(); len(un) > 0 {
		b.WriteString("| severity | rule | resource | attribute | finding | fix |\n|---|---|---|---|---|---|\n")
		for i, f := range un {
			line := fmt.Sprintf("| %s | `%s` | `%s` | `%s` | %s | %s |\n", f.Severity, f.ID, f.Address, f.Attribute, cell(f.Message), cell(f.Remediation))
			if b.Len()+len(line)+len(tail)+80 > max {
				fmt.Fprintf(&b, "\n… and %d more findings (run `infra policy %s`)\n", len(un)-i, r.Stack)
				break
			}
			b.WriteString(line)
		}
		b.WriteString("\n")
	}
	if b.Len()+len(tail) <= max {
		b.WriteString(tail)
	}
	return b.String()
}

func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
