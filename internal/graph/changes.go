package graph

import (
	"fmt"
	"sort"
	"strings"

	"github.com/taskmanager-platform/infra/internal/plan"
)

// MaxChangeNodes is the most boxes a plan picture shows one per resource;
// beyond it resources are counted per module, type and action, and beyond
// that per type and action: a reviewer reads about this many.
const MaxChangeNodes = 30

var signs = map[plan.Action]string{plan.Create: "+", plan.Update: "~", plan.Replace: "-/+", plan.Delete: "-", plan.Import: "<="}

// moduleOf splits a resource address into its module path and the rest.
func moduleOf(c plan.Change) (module, rest string) {
	i := strings.Index(c.Address, c.Type+".")
	if i <= 0 {
		return "", c.Address
	}
	return strings.TrimSuffix(c.Address[:i], "."), c.Address[i:]
}

// Changes draws what a plan adds, changes, replaces and destroys,
// coloured by action and grouped by module; collapsed to counts when
// there are more than MaxChangeNodes resources.
func Changes(title string, changes []plan.Change) Graph {
	g := Graph{Title: title}
	type key struct {
		module, typ string
		action      plan.Action
	}
	counts := map[key]int{}
	byModule := len(changes) <= MaxChangeNodes
	for _, c := range changes {
		m, _ := moduleOf(c)
		counts[key{m, c.Type, c.Action}]++
	}
	if !byModule && len(counts) > MaxChangeNodes {
		// Too many even counted per module: count per type.
		flat := map[key]int{}
		for k, n := range counts {
			flat[key{"", k.typ, k.action}] += n
		}
		counts = flat
	}
	group := func(module string) string {
		if module == "" {
			return ""
		}
		return g.addGroup(ID(module), strings.ReplaceAll(module, "module.", ""), "", "stack")
	}
	if byModule {
		for _, c := range changes {
			m, rest := moduleOf(c)
			label := signs[c.Action] + " " + rest
			if c.Stateful && (c.Action == plan.Replace || c.Action == plan.Delete) {
				label += "\n(stateful)"
			}
			g.addNode(ID(c.Address), label, group(m), string(c.Action))
		}
		return g
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.module != b.module {
			return a.module < b.module
		}
		if a.typ != b.typ {
			return a.typ < b.typ
		}
		return a.action < b.action
	})
	for _, k := range keys {
		g.addNode(ID(k.module+" "+k.typ+" "+string(k.action)), fmt.Sprintf("%s %s × %d", signs[k.action], k.typ, counts[k]), group(k.module), string(k.action))
	}
	return g
}

// ChangesMarkdown is the picture of a plan for a pull-request comment: a
// Mermaid block GitHub draws, with its legend.
func ChangesMarkdown(stack string, changes []plan.Change) string {
	if len(changes) == 0 {
		return ""
	}
	g := Changes("", changes)
	var b strings.Builder
	fmt.Fprintf(&b, "<details open><summary>Picture of the changes (green add, yellow change, orange replace, red destroy, blue import%s)</summary>\n\n", collapsedNote(len(changes)))
	b.WriteString("```mermaid\n")
	b.WriteString(g.Mermaid())
	b.WriteString("```\n\n</details>\n")
	return b.String()
}

func collapsedNote(n int) string {
	if n > MaxChangeNodes {
		return fmt.Sprintf("; %d resources counted by type", n)
	}
	return ""
}
