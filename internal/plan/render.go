package plan

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

type typeCount struct {
	Type                             string
	Create, Update, Replace, Destroy int
	Import                           int
	Stateful                         bool
}

func byType(s Summary) []typeCount {
	m := map[string]*typeCount{}
	for _, c := range s.Changes {
		tc := m[c.Type]
		if tc == nil {
			tc = &typeCount{Type: c.Type, Stateful: c.Stateful}
			m[c.Type] = tc
		}
		switch c.Action {
		case Create:
			tc.Create++
		case Update:
			tc.Update++
		case Replace:
			tc.Replace++
		case Delete:
			tc.Destroy++
		}
		if c.Importing {
			tc.Import++
		}
	}
	out := make([]typeCount, 0, len(m))
	for _, v := range m {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Stateful != out[j].Stateful {
			return out[i].Stateful
		}
		return out[i].Type < out[j].Type
	})
	return out
}

// Headline is the one-line count.
func (s Summary) Headline() string {
	if s.Empty() {
		return "no changes"
	}
	if len(s.Changes) == 0 {
		if s.Outputs == 1 {
			return "no resource changes, 1 output value to save"
		}
		return fmt.Sprintf("no resource changes, %d output values to save", s.Outputs)
	}
	h := fmt.Sprintf("%d to add, %d to change, %d to replace, %d to destroy", s.Creates, s.Updates, s.Replaces, s.Deletes)
	if s.Imports > 0 {
		h = fmt.Sprintf("%d to import, %s", s.Imports, h)
	}
	return h
}

// Risky lists stateful resources the plan replaces or destroys.
func (s Summary) Risky() []Change {
	var out []Change
	for _, c := range s.Changes {
		if c.Stateful && (c.Action == Replace || c.Action == Delete) {
			out = append(out, c)
		}
	}
	return out
}

// WriteText prints the ten-second summary.
func WriteText(w io.Writer, m Meta) {
	s := m.Summary
	fmt.Fprintf(w, "Plan for %s at %s (state serial %d): %s\n", m.Stack, m.Revision, m.Serial, s.Headline())
	for _, r := range s.Risky() {
		fmt.Fprintf(w, "  !! STATEFUL %s %s%s\n", strings.ToUpper(string(r.Action)), r.Address, because(r))
	}
	for _, tc := range byType(s) {
		mark := "  "
		if tc.Stateful {
			mark = "* "
		}
		fmt.Fprintf(w, "  %s%-45s %s\n", mark, tc.Type, counts(tc))
	}
	if !s.Empty() {
		fmt.Fprintf(w, "Plan hash %s (apply: infra apply %s; in CI: --approve %s)\n", ShortHash(m.Hash), m.Stack, ShortHash(m.Hash))
	}
}

func because(c Change) string {
	if len(c.Reasons) == 0 {
		return ""
	}
	return " (forced by " + strings.Join(c.Reasons, ", ") + ")"
}

func counts(tc typeCount) string {
	var p []string
	for _, x := range []struct {
		n    int
		sign string
	}{{tc.Create, "+"}, {tc.Update, "~"}, {tc.Replace, "-/+"}, {tc.Destroy, "-"}} {
		if x.n > 0 {
			p = append(p, fmt.Sprintf("%s%d", x.sign, x.n))
		}
	}
	if tc.Import > 0 {
		p = append(p, fmt.Sprintf("import %d", tc.Import))
	}
	return strings.Join(p, " ")
}

// MaxMarkdown caps a PR comment well under GitHub's 65536 characters.
const MaxMarkdown = 60000

// Markdown renders the summary for a pull-request comment: counts by type
// in a table, stateful risks at the top, the resource list folded, the whole
// capped at MaxMarkdown characters.
func Markdown(m Meta) string {
	s := m.Summary
	var b strings.Builder
	fmt.Fprintf(&b, "### `infra plan %s`: %s\n\n", m.Stack, s.Headline())
	fmt.Fprintf(&b, "Commit `%s`, state serial %d, plan hash `%s`.\n\n", m.Revision, m.Serial, ShortHash(m.Hash))
	if len(s.Changes) == 0 {
		return b.String()
	}
	if r := s.Risky(); len(r) > 0 {
		b.WriteString("> [!CAUTION]\n> Stateful resources destroyed or replaced:\n")
		for _, c := range r {
			fmt.Fprintf(&b, "> - **%s** `%s`%s\n", c.Action, c.Address, because(c))
		}
		b.WriteString("\n")
	}
	// The import column only when something is imported, so the usual
	// table keeps Terraform's four verbs.
	if s.Imports > 0 {
		b.WriteString("| resource type | import | add | change | replace | destroy |\n|---|---:|---:|---:|---:|---:|\n")
	} else {
		b.WriteString("| resource type | add | change | replace | destroy |\n|---|---:|---:|---:|---:|\n")
	}
	for _, tc := range byType(s) {
		name := "`" + tc.Type + "`"
		if tc.Stateful {
			name = "**" + name + "** (stateful)"
		}
		if s.Imports > 0 {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", name, tc.Import, tc.Create, tc.Update, tc.Replace, tc.Destroy)
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d |\n", name, tc.Create, tc.Update, tc.Replace, tc.Destroy)
	}
	fmt.Fprintf(&b, "\n<details><summary>%d resources</summary>\n\n", len(s.Changes))
	tail := "\n</details>\n"
	for i, c := range s.Changes {
		line := fmt.Sprintf("- %s `%s`\n", c.Action, c.Address)
		if b.Len()+len(line)+len(tail)+80 > MaxMarkdown {
			fmt.Fprintf(&b, "- … and %d more (truncated; see the plan artifact)\n", len(s.Changes)-i)
			break
		}
		b.WriteString(line)
	}
	b.WriteString(tail)
	return b.String()
}
