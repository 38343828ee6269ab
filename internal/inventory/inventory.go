// Package inventory reads a stack's Terraform configuration (hcl/v2, no
// terraform process, no state) into the list of resources it would create:
// address, type, module path and the arguments that are known from the
// configuration and its tfvars. Module calls with local sources are
// followed; count and for_each are expanded when they evaluate from
// variables and locals, and counted once when they do not (unknown). A
// saved plan gives the same inventory with every value known (FromPlan).
package inventory

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"
)

// Resource is one resource instance.
type Resource struct {
	Address string `json:"address"`
	Type    string `json:"type"`
	Name    string `json:"name"`
	// Module is the module path ("module.hms.module.database"; "" at the root).
	Module string `json:"module,omitempty"`
	// Key is the instance key: "" (single), "0" (count) or the for_each key.
	Key string `json:"key,omitempty"`
	// Attrs holds the known arguments as JSON-like values (string, float64,
	// bool, []any, map[string]any); an unknown argument is absent. Nested
	// blocks are lists of maps under the block type.
	Attrs map[string]any `json:"attrs,omitempty"`
	// Refs are the resources of the same module this one refers to
	// ("aws_lb.this"), for pictures.
	Refs []string `json:"refs,omitempty"`
	// Uncertain is set when count or for_each could not be evaluated and
	// the resource was counted once.
	Uncertain bool `json:"uncertain,omitempty"`
}

// Str returns a string argument ("" when unknown or absent).
func (r Resource) Str(name string) string {
	s, _ := r.Attrs[name].(string)
	return s
}

// Num returns a number argument; strings holding numbers count ("1024").
func (r Resource) Num(name string) (float64, bool) {
	switch v := r.Attrs[name].(type) {
	case float64:
		return v, true
	case string:
		var f float64
		if _, err := fmt.Sscanf(v, "%g", &f); err == nil {
			return f, true
		}
	}
	return 0, false
}

// Bool returns a bool argument (false when unknown or absent).
func (r Resource) Bool(name string) bool {
	b, _ := r.Attrs[name].(bool)
	return b
}

// Blocks returns the nested blocks (or list-of-object argument) name.
func (r Resource) Blocks(name string) []map[string]any {
	var out []map[string]any
	if l, ok := r.Attrs[name].([]any); ok {
		for _, e := range l {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
	}
	return out
}

// Inventory is every managed resource instance of a stack, sorted by address.
type Inventory struct {
	Resources []Resource `json:"resources"`
}

// Types returns the distinct resource types.
func (inv Inventory) Types() []string {
	seen := map[string]bool{}
	var out []string
	for _, r := range inv.Resources {
		if !seen[r.Type] {
			seen[r.Type] = true
			out = append(out, r.Type)
		}
	}
	sort.Strings(out)
	return out
}

// Load reads the root module in dir with its terraform.tfvars,
// *.auto.tfvars and the extra var files (in that order, later wins, as
// terraform does).
func Load(dir string, varFiles []string) (Inventory, error) {
	vars := map[string]cty.Value{}
	files := []string{filepath.Join(dir, "terraform.tfvars")}
	autos, _ := filepath.Glob(filepath.Join(dir, "*.auto.tfvars"))
	sort.Strings(autos)
	files = append(append(files, autos...), varFiles...)
	for i, f := range files {
		if _, err := os.Stat(f); err != nil && i == 0 {
			continue // terraform.tfvars is optional; named var files are not
		}
		if err := readTfvars(f, vars); err != nil {
			return Inventory{}, err
		}
	}
	r := &reader{funcs: functions()}
	if err := r.module(dir, "", vars, 0); err != nil {
		return Inventory{}, err
	}
	sort.Slice(r.out, func(i, j int) bool { return r.out[i].Address < r.out[j].Address })
	return Inventory{Resources: r.out}, nil
}

func readTfvars(path string, into map[string]cty.Value) error {
	f, diags := hclparse.NewParser().ParseHCLFile(path)
	if diags.HasErrors() {
		return fmt.Errorf("reading %s: %w", path, diags)
	}
	attrs, diags := f.Body.JustAttributes()
	if diags.HasErrors() {
		return fmt.Errorf("reading %s: %w", path, diags)
	}
	for name, a := range attrs {
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			return fmt.Errorf("reading %s: %s: %w", path, name, diags)
		}
		into[name] = v
	}
	return nil
}

type reader struct {
	funcs map[string]function.Function
	out   []Resource
}

type variable struct {
	ty       cty.Type
	defaults *typeexpr.Defaults
	def      cty.Value
	hasDef   bool
}

type block struct {
	typ, name string
	body      *hclsyntax.Body
}

type moduleFiles struct {
	variables map[string]variable
	locals    map[string]hcl.Expression
	resources []block
	modules   []block
}

func parseModule(dir string) (moduleFiles, error) {
	m := moduleFiles{variables: map[string]variable{}, locals: map[string]hcl.Expression{}}
	names, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(names) == 0 {
		return m, fmt.Errorf("no Terraform files in %s", dir)
	}
	sort.Strings(names)
	p := hclparse.NewParser()
	for _, n := range names {
		f, diags := p.ParseHCLFile(n)
		if diags.HasErrors() {
			return m, fmt.Errorf("parsing %s: %w", n, diags)
		}
		for _, b := range f.Body.(*hclsyntax.Body).Blocks {
			switch {
			case b.Type == "variable" && len(b.Labels) == 1:
				v := variable{ty: cty.DynamicPseudoType}
				if a, ok := b.Body.Attributes["type"]; ok {
					ty, defs, diags := typeexpr.TypeConstraintWithDefaults(a.Expr)
					if !diags.HasErrors() {
						v.ty, v.defaults = ty, defs
					}
				}
				if a, ok := b.Body.Attributes["default"]; ok {
					if val, diags := a.Expr.Value(nil); !diags.HasErrors() {
						v.def, v.hasDef = val, true
					}
				}
				m.variables[b.Labels[0]] = v
			case b.Type == "locals":
				for name, a := range b.Body.Attributes {
					m.locals[name] = a.Expr
				}
			case b.Type == "resource" && len(b.Labels) == 2:
				m.resources = append(m.resources, block{b.Labels[0], b.Labels[1], b.Body})
			case b.Type == "module" && len(b.Labels) == 1:
				m.modules = append(m.modules, block{"module", b.Labels[0], b.Body})
			}
		}
	}
	return m, nil
}

// module evaluates one module instance: its variables from the caller's
// values, its locals to a fixed point, then its resources and module calls.
func (r *reader) module(dir, path string, given map[string]cty.Value, depth int) error {
	if depth > 10 {
		return fmt.Errorf("module nesting deeper than 10 at %s", path)
	}
	m, err := parseModule(dir)
	if err != nil {
		return err
	}
	vars := map[string]cty.Value{}
	for name, v := range m.variables {
		val, ok := given[name]
		if !ok || val.IsNull() {
			if v.hasDef {
				val = v.def
			} else {
				val = cty.DynamicVal
			}
		}
		if v.defaults != nil && val.IsWhollyKnown() {
			val = v.defaults.Apply(val)
		}
		if c, err := convert.Convert(val, v.ty); err == nil {
			val = c
		}
		vars[name] = val
	}
	base := map[string]cty.Value{
		"var":       cty.ObjectVal(vars),
		"path":      cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(dir), "root": cty.StringVal(dir), "cwd": cty.StringVal(dir)}),
		"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
	}
	locals := map[string]cty.Value{}
	for name := range m.locals {
		locals[name] = cty.DynamicVal
	}
	// Locals refer to each other in any order: evaluate all until nothing
	// changes (each pass resolves at least one level of dependency).
	for pass := 0; pass <= len(m.locals); pass++ {
		base["local"] = cty.ObjectVal(locals)
		changed := false
		for name, expr := range m.locals {
			v := r.eval(expr, base)
			if !v.RawEquals(locals[name]) {
				locals[name], changed = v, true
			}
		}
		if !changed {
			break
		}
	}
	base["local"] = cty.ObjectVal(locals)

	for _, b := range m.resources {
		for _, inst := range r.instances(b.body, base) {
			res := Resource{Type: b.typ, Name: b.name, Module: path, Key: inst.key, Uncertain: inst.uncertain}
			res.Address = join(path, b.typ+"."+b.name+inst.suffix)
			res.Attrs = r.bodyValues(b.body, inst.ctx)
			res.Refs = refs(b.body)
			r.out = append(r.out, res)
		}
	}
	for _, b := range m.modules {
		src, ok := b.body.Attributes["source"]
		if !ok {
			continue
		}
		sv, diags := src.Expr.Value(nil)
		if diags.HasErrors() || sv.Type() != cty.String || !strings.HasPrefix(sv.AsString(), ".") {
			continue // registry modules are not read (none are used)
		}
		child := filepath.Join(dir, filepath.FromSlash(sv.AsString()))
		for _, inst := range r.instances(b.body, base) {
			args := map[string]cty.Value{}
			for name, a := range b.body.Attributes {
				switch name {
				case "source", "version", "count", "for_each", "providers", "depends_on":
					continue
				}
				args[name] = r.eval(a.Expr, inst.ctx)
			}
			if err := r.module(child, join(path, "module."+b.name+inst.suffix), args, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func join(path, addr string) string {
	if path == "" {
		return addr
	}
	return path + "." + addr
}

type instance struct {
	key, suffix string
	uncertain   bool
	ctx         map[string]cty.Value
}

// instances expands count / for_each of a resource or module block.
func (r *reader) instances(body *hclsyntax.Body, base map[string]cty.Value) []instance {
	with := func(extra map[string]cty.Value) map[string]cty.Value {
		c := make(map[string]cty.Value, len(base)+1)
		for k, v := range base {
			c[k] = v
		}
		for k, v := range extra {
			c[k] = v
		}
		return c
	}
	if a, ok := body.Attributes["count"]; ok {
		v := r.eval(a.Expr, base)
		if v.IsNull() || !v.IsKnown() || v.Type() != cty.Number {
			return []instance{{key: "0", suffix: "[0]", uncertain: true, ctx: with(map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(0)})})}}
		}
		n, _ := v.AsBigFloat().Int64()
		out := make([]instance, 0, n)
		for i := int64(0); i < n; i++ {
			out = append(out, instance{key: fmt.Sprint(i), suffix: fmt.Sprintf("[%d]", i), ctx: with(map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": cty.NumberIntVal(i)})})})
		}
		return out
	}
	if a, ok := body.Attributes["for_each"]; ok {
		v := r.eval(a.Expr, base)
		each := func(k, val cty.Value) map[string]cty.Value {
			return with(map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": val})})
		}
		if v.IsNull() || !v.IsKnown() || !(v.CanIterateElements()) || (v.Type().IsSetType() && !v.IsWhollyKnown()) {
			return []instance{{key: "?", suffix: `["?"]`, uncertain: true, ctx: each(cty.UnknownVal(cty.String), cty.DynamicVal)}}
		}
		var out []instance
		for it := v.ElementIterator(); it.Next(); {
			k, val := it.Element()
			if v.Type().IsSetType() {
				k = val
			}
			ks := keyString(k)
			out = append(out, instance{key: ks, suffix: fmt.Sprintf("[%q]", ks), ctx: each(cty.StringVal(ks), val)})
		}
		return out
	}
	return []instance{{ctx: base}}
}

func keyString(k cty.Value) string {
	if !k.IsKnown() || k.IsNull() {
		return "?"
	}
	if k.Type() == cty.String {
		return k.AsString()
	}
	if s, err := convert.Convert(k, cty.String); err == nil {
		return s.AsString()
	}
	return "?"
}

// eval evaluates expr; names the reader does not model (resources, data
// sources, module outputs, self) are unknown, and so is any expression
// that fails.
func (r *reader) eval(expr hcl.Expression, vars map[string]cty.Value) cty.Value {
	ctx := &hcl.EvalContext{Variables: vars, Functions: r.funcs}
	missing := map[string]cty.Value{}
	for _, t := range expr.Variables() {
		if _, ok := vars[t.RootName()]; !ok {
			missing[t.RootName()] = cty.DynamicVal
		}
	}
	if len(missing) > 0 {
		ctx = ctx.NewChild()
		ctx.Variables = missing
	}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

// bodyValues evaluates a resource body's arguments and nested blocks
// (dynamic blocks expanded when their for_each is known).
func (r *reader) bodyValues(body *hclsyntax.Body, vars map[string]cty.Value) map[string]any {
	out := map[string]any{}
	for name, a := range body.Attributes {
		switch name {
		case "count", "for_each", "depends_on", "provider":
			continue
		}
		if v, ok := toGo(r.eval(a.Expr, vars)); ok {
			out[name] = v
		}
	}
	for _, b := range body.Blocks {
		switch {
		case b.Type == "lifecycle" || b.Type == "provisioner" || b.Type == "connection":
		case b.Type == "dynamic" && len(b.Labels) == 1:
			fe, ok := b.Body.Attributes["for_each"]
			var content *hclsyntax.Body
			for _, c := range b.Body.Blocks {
				if c.Type == "content" {
					content = c.Body
				}
			}
			if !ok || content == nil {
				continue
			}
			iter := b.Labels[0]
			if it, ok := b.Body.Attributes["iterator"]; ok {
				iter = hcl.ExprAsKeyword(it.Expr)
			}
			v := r.eval(fe.Expr, vars)
			if !v.IsWhollyKnown() || v.IsNull() || !v.CanIterateElements() {
				continue
			}
			list, _ := out[b.Labels[0]].([]any)
			for it := v.ElementIterator(); it.Next(); {
				k, val := it.Element()
				c := make(map[string]cty.Value, len(vars)+1)
				for kk, vv := range vars {
					c[kk] = vv
				}
				c[iter] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": val})
				list = append(list, r.bodyValues(content, c))
			}
			out[b.Labels[0]] = list
		default:
			list, _ := out[b.Type].([]any)
			out[b.Type] = append(list, r.bodyValues(b.Body, vars))
		}
	}
	return out
}

// refs lists the managed resources of the same module a body refers to.
func refs(body *hclsyntax.Body) []string {
	seen := map[string]bool{}
	var out []string
	_ = hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		e, ok := n.(hclsyntax.Expression)
		if !ok {
			return nil
		}
		for _, t := range e.Variables() {
			if len(t) < 2 || !(strings.HasPrefix(t.RootName(), "aws_") || t.RootName() == "terraform_data") {
				continue
			}
			attr, ok := t[1].(hcl.TraverseAttr)
			if !ok {
				continue
			}
			ref := t.RootName() + "." + attr.Name
			if !seen[ref] {
				seen[ref] = true
				out = append(out, ref)
			}
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// toGo converts a known value to JSON-like Go values; unknown parts are
// dropped (ok=false for a wholly unknown or null value).
func toGo(v cty.Value) (any, bool) {
	if !v.IsKnown() || v.IsNull() {
		return nil, false
	}
	ty := v.Type()
	switch {
	case ty == cty.String:
		return v.AsString(), true
	case ty == cty.Number:
		f, _ := v.AsBigFloat().Float64()
		return f, true
	case ty == cty.Bool:
		return v.True(), true
	case ty.IsListType() || ty.IsSetType() || ty.IsTupleType():
		out := []any{}
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if g, ok := toGo(e); ok {
				out = append(out, g)
			}
		}
		return out, true
	case ty.IsMapType() || ty.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if g, ok := toGo(e); ok {
				out[k.AsString()] = g
			}
		}
		return out, true
	}
	return nil, false
}
