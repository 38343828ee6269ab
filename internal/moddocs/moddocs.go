// Package moddocs generates the requirements, inputs and outputs tables of
// a Terraform module's README from its code (terraform-config-inspect) and
// keeps them between markers, so the tables never drift from variables.tf
// and outputs.tf. The rest of the README stays hand-written.
package moddocs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-config-inspect/tfconfig"
)

// Markers enclose the generated part of a README (terraform-docs' markers,
// so either tool can maintain it).
const (
	Begin = "<!-- BEGIN_TF_DOCS -->"
	End   = "<!-- END_TF_DOCS -->"
)

// ErrStale: a README's generated tables differ from the module's code.
var ErrStale = errors.New("README tables are out of date")

// Render returns the generated block (markers included) for the module in dir.
func Render(dir string) (string, error) {
	m, diags := tfconfig.LoadModule(dir)
	if diags.HasErrors() {
		return "", fmt.Errorf("reading module %s: %w", dir, diags.Err())
	}
	var b strings.Builder
	b.WriteString(Begin + "\n")
	b.WriteString("## Requirements\n\n| Name | Version |\n|------|---------|\n")
	fmt.Fprintf(&b, "| terraform | %s |\n", cell(strings.Join(m.RequiredCore, ", ")))
	providers := make([]string, 0, len(m.RequiredProviders))
	for name := range m.RequiredProviders {
		providers = append(providers, name)
	}
	sort.Strings(providers)
	for _, name := range providers {
		p := m.RequiredProviders[name]
		label := name
		if p.Source != "" {
			label = p.Source
		}
		fmt.Fprintf(&b, "| %s | %s |\n", cell(label), cell(strings.Join(p.VersionConstraints, ", ")))
	}

	b.WriteString("\n## Inputs\n\n")
	vars := make([]*tfconfig.Variable, 0, len(m.Variables))
	for _, v := range m.Variables {
		vars = append(vars, v)
	}
	sort.Slice(vars, func(i, j int) bool { return vars[i].Name < vars[j].Name })
	if len(vars) == 0 {
		b.WriteString("No inputs.\n")
	} else {
		b.WriteString("| Name | Description | Type | Default | Required |\n|------|-------------|------|---------|:--------:|\n")
		for _, v := range vars {
			def, req := "n/a", "yes"
			if !v.Required {
				req = "no"
				def = code(jsonValue(v.Default))
			}
			typ := v.Type
			if typ == "" {
				typ = "any"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", v.Name, cell(v.Description), code(typ), def, req)
		}
	}

	b.WriteString("\n## Outputs\n\n")
	outs := make([]*tfconfig.Output, 0, len(m.Outputs))
	for _, o := range m.Outputs {
		outs = append(outs, o)
	}
	sort.Slice(outs, func(i, j int) bool { return outs[i].Name < outs[j].Name })
	if len(outs) == 0 {
		b.WriteString("No outputs.\n")
	} else {
		b.WriteString("| Name | Description |\n|------|-------------|\n")
		for _, o := range outs {
			desc := cell(o.Description)
			if o.Sensitive {
				desc += " (sensitive)"
			}
			fmt.Fprintf(&b, "| %s | %s |\n", o.Name, desc)
		}
	}
	b.WriteString(End + "\n")
	return b.String(), nil
}

// oneLine folds whitespace (type expressions and descriptions span lines).
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// cell makes s safe inside a Markdown table cell.
func cell(s string) string {
	s = oneLine(s)
	if s == "" {
		return "-"
	}
	return strings.ReplaceAll(s, "|", `\|`)
}

// code renders s as inline code inside a table cell.
func code(s string) string {
	s = oneLine(s)
	return "`" + strings.ReplaceAll(s, "|", `\|`) + "`"
}

func jsonValue(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimSpace(buf.String())
}

// Splice puts block into readme: between the markers when present,
// otherwise appended at the end.
func Splice(readme, block string) string {
	i := strings.Index(readme, Begin)
	j := strings.Index(readme, End)
	if i < 0 || j < i {
		return strings.TrimRight(readme, "\n") + "\n\n" + block
	}
	rest := readme[j+len(End):]
	rest = strings.TrimPrefix(rest, "\n")
	return readme[:i] + block + rest
}

// Result is one module's README after Update.
type Result struct {
	Module  string
	README  string
	Changed bool
}

// Update regenerates the block in every module's README under modulesDir.
// With write false it only reports which would change (a check).
func Update(modulesDir string, write bool) ([]Result, error) {
	entries, err := os.ReadDir(modulesDir)
	if err != nil {
		return nil, fmt.Errorf("listing modules: %w", err)
	}
	var out []Result
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(modulesDir, e.Name())
		if tf, _ := filepath.Glob(filepath.Join(dir, "*.tf")); len(tf) == 0 {
			continue
		}
		block, err := Render(dir)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, "README.md")
		cur, err := os.ReadFile(path)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		if len(cur) == 0 {
			cur = []byte("# " + e.Name() + "\n")
		}
		next := Splice(string(cur), block)
		r := Result{Module: e.Name(), README: path, Changed: next != string(cur)}
		if r.Changed && write {
			if err := os.WriteFile(path, []byte(next), 0o644); err != nil {
				return nil, fmt.Errorf("writing %s: %w", path, err)
			}
		}
		out = append(out, r)
	}
	return out, nil
}
