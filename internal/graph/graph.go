// Package graph draws pictures as a person would: the stack graph of
// stacks.hcl, a stack's architecture from its configuration (tiers, load
// balancer, services, data stores, edge, observability) and what a plan
// changes, coloured by action. One model renders to DOT, Mermaid (GitHub
// draws it in comments) and SVG (Graphviz compiled to WebAssembly and run
// in-process by github.com/goccy/go-graphviz: no system package).
package graph

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/goccy/go-graphviz"
)

// Group is a box around nodes (a Graphviz cluster, a Mermaid subgraph).
type Group struct {
	ID, Label string
	Parent    string // "" at the top
	Class     string
}

// Node is one box.
type Node struct {
	ID, Label string
	Group     string
	// Class picks the colours (see classes).
	Class string
}

// Edge is an arrow.
type Edge struct {
	From, To, Label string
	Dashed          bool
	// Invisible edges only place things (observability to the right of
	// the data tier).
	Invisible bool
}

// Graph is a picture.
type Graph struct {
	Title  string
	Groups []Group
	Nodes  []Node
	Edges  []Edge
}

// classes are the fill/stroke colours by kind of node or plan action.
var classes = map[string][2]string{
	"edge":     {"#e8f1fb", "#2b6cb0"},
	"compute":  {"#fff4e5", "#c05621"},
	"data":     {"#e6fffa", "#2c7a7b"},
	"network":  {"#f0f0f0", "#4a5568"},
	"observe":  {"#faf5ff", "#6b46c1"},
	"security": {"#fff5f5", "#9b2c2c"},
	"storage":  {"#f0fff4", "#276749"},
	"stack":    {"#ffffff", "#2d3748"},
	"person":   {"#ffffff", "#000000"},
	"create":   {"#c6f6d5", "#22543d"},
	"update":   {"#fefcbf", "#744210"},
	"replace":  {"#feebc8", "#7b341e"},
	"destroy":  {"#fed7d7", "#742a2a"},
	"import":   {"#bee3f8", "#2a4365"},
}

var unsafeID = regexp.MustCompile(`[^A-Za-z0-9_]`)

// ID turns any text into a node id valid in DOT and Mermaid.
func ID(s string) string { return "n_" + unsafeID.ReplaceAllString(s, "_") }

func (g *Graph) addGroup(id, label, parent, class string) string {
	for _, x := range g.Groups {
		if x.ID == id {
			return id
		}
	}
	g.Groups = append(g.Groups, Group{ID: id, Label: label, Parent: parent, Class: class})
	return id
}

func (g *Graph) addNode(id, label, group, class string) string {
	for _, n := range g.Nodes {
		if n.ID == id {
			return id
		}
	}
	g.Nodes = append(g.Nodes, Node{ID: id, Label: label, Group: group, Class: class})
	return id
}

func (g *Graph) addEdge(from, to, label string, dashed bool) {
	if from == "" || to == "" {
		return
	}
	for _, e := range g.Edges {
		if e.From == from && e.To == to {
			return
		}
	}
	g.Edges = append(g.Edges, Edge{From: from, To: to, Label: label, Dashed: dashed})
}

func (g Graph) children(parent string) (groups []Group, nodes []Node) {
	for _, x := range g.Groups {
		if x.Parent == parent {
			groups = append(groups, x)
		}
	}
	for _, n := range g.Nodes {
		if n.Group == parent {
			nodes = append(nodes, n)
		}
	}
	return groups, nodes
}

func dotQuote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	return `"` + strings.ReplaceAll(s, "\n", `\n`) + `"`
}

// DOT renders the graph in Graphviz's language.
func (g Graph) DOT() string {
	var b strings.Builder
	b.WriteString("digraph G {\n")
	fmt.Fprintf(&b, "  label=%s; labelloc=t; fontname=\"Helvetica\"; fontsize=16;\n", dotQuote(g.Title))
	b.WriteString("  rankdir=LR; compound=true; newrank=true; nodesep=0.3; ranksep=0.6;\n")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, color=\"#4a5568\"];\n")
	var walk func(parent, indent string)
	walk = func(parent, indent string) {
		groups, nodes := g.children(parent)
		for _, n := range nodes {
			c := classes[n.Class]
			shape := ""
			if n.Class == "person" {
				shape = ", shape=ellipse"
			}
			fmt.Fprintf(&b, "%s%s [label=%s, fillcolor=%q, color=%q%s];\n", indent, n.ID, dotQuote(n.Label), c[0], c[1], shape)
		}
		for _, x := range groups {
			c := classes[x.Class]
			fmt.Fprintf(&b, "%ssubgraph cluster_%s {\n", indent, x.ID)
			fmt.Fprintf(&b, "%s  label=%s; style=\"rounded,filled\"; fillcolor=%q; color=%q; fontname=\"Helvetica\"; fontsize=12;\n", indent, dotQuote(x.Label), "#ffffff", c[1])
			walk(x.ID, indent+"  ")
			fmt.Fprintf(&b, "%s}\n", indent)
		}
	}
	walk("", "  ")
	for _, e := range g.Edges {
		var attrs []string
		if e.Label != "" {
			attrs = append(attrs, "label="+dotQuote(e.Label))
		}
		if e.Dashed {
			attrs = append(attrs, "style=dashed")
		}
		if e.Invisible {
			attrs = append(attrs, "style=invis")
		}
		a := ""
		if len(attrs) > 0 {
			a = " [" + strings.Join(attrs, ", ") + "]"
		}
		fmt.Fprintf(&b, "  %s -> %s%s;\n", e.From, e.To, a)
	}
	b.WriteString("}\n")
	return b.String()
}

func mermaidText(s string) string {
	s = strings.ReplaceAll(s, `"`, "#quot;")
	return strings.ReplaceAll(s, "\n", "<br/>")
}

// Mermaid renders the graph as a Mermaid flowchart.
func (g Graph) Mermaid() string {
	var b strings.Builder
	if g.Title != "" {
		fmt.Fprintf(&b, "---\ntitle: %q\n---\n", strings.ReplaceAll(g.Title, "\n", " "))
	}
	b.WriteString("flowchart LR\n")
	used := map[string]bool{}
	var walk func(parent, indent string)
	walk = func(parent, indent string) {
		groups, nodes := g.children(parent)
		for _, n := range nodes {
			open, close := "[\"", "\"]"
			if n.Class == "person" {
				open, close = "([\"", "\"])"
			}
			fmt.Fprintf(&b, "%s%s%s%s%s\n", indent, n.ID, open, mermaidText(n.Label), close)
			if n.Class != "" {
				used[n.Class] = true
			}
		}
		for _, x := range groups {
			fmt.Fprintf(&b, "%ssubgraph %s[\"%s\"]\n", indent, x.ID, mermaidText(x.Label))
			walk(x.ID, indent+"  ")
			fmt.Fprintf(&b, "%send\n", indent)
		}
	}
	walk("", "  ")
	for _, e := range g.Edges {
		arrow := "-->"
		if e.Dashed {
			arrow = "-.->"
		}
		if e.Invisible {
			arrow = "~~~"
		}
		if e.Label != "" {
			fmt.Fprintf(&b, "  %s %s|\"%s\"| %s\n", e.From, arrow, mermaidText(e.Label), e.To)
		} else {
			fmt.Fprintf(&b, "  %s %s %s\n", e.From, arrow, e.To)
		}
	}
	var names []string
	for c := range used {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		col := classes[c]
		fmt.Fprintf(&b, "  classDef %s fill:%s,stroke:%s,color:#1a202c\n", c, col[0], col[1])
	}
	for _, c := range names {
		var ids []string
		for _, n := range g.Nodes {
			if n.Class == c {
				ids = append(ids, n.ID)
			}
		}
		fmt.Fprintf(&b, "  class %s %s\n", strings.Join(ids, ","), c)
	}
	return b.String()
}

// SVG lays the graph out with Graphviz's dot and renders SVG, in-process.
func (g Graph) SVG(ctx context.Context) ([]byte, error) {
	return RenderSVG(ctx, []byte(g.DOT()))
}

// RenderSVG renders a DOT source to SVG with the embedded Graphviz.
func RenderSVG(ctx context.Context, dot []byte) ([]byte, error) {
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("starting graphviz: %w", err)
	}
	defer gv.Close()
	parsed, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("parsing DOT: %w", err)
	}
	defer parsed.Close()
	var buf bytes.Buffer
	if err := gv.Render(ctx, parsed, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("rendering SVG: %w", err)
	}
	return buf.Bytes(), nil
}
