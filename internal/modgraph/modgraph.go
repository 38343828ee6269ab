// Package modgraph reads which local modules a Terraform configuration
// calls, from its `module` blocks (hcl/v2), transitively. `infra affected`
// uses it to map a changed module to the stacks that call it, and `infra
// test` to fingerprint a module with everything it calls.
package modgraph

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/zclconf/go-cty/cty"
)

var (
	fileSchema   = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "module", LabelNames: []string{"name"}}}}
	moduleSchema = &hcl.BodySchema{Attributes: []hcl.AttributeSchema{{Name: "source", Required: true}}}
)

// Calls returns the directories of the local modules (sources starting with
// ./ or ../) that the configuration in dir calls directly, cleaned, sorted,
// each once. Registry and remote sources are not part of the repository and
// are left out.
func Calls(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	p := hclparse.NewParser()
	var out []string
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", f, err)
		}
		file, diags := p.ParseHCL(src, f)
		if diags.HasErrors() {
			return nil, fmt.Errorf("parsing %s: %w", f, diags)
		}
		// Partial: only module blocks matter here; the rest of the file is
		// terraform's to judge.
		content, _, diags := file.Body.PartialContent(fileSchema)
		if diags.HasErrors() {
			return nil, fmt.Errorf("reading module blocks of %s: %w", f, diags)
		}
		for _, b := range content.Blocks {
			attrs, _, diags := b.Body.PartialContent(moduleSchema)
			if diags.HasErrors() {
				return nil, fmt.Errorf("module %q in %s: %w", b.Labels[0], f, diags)
			}
			v, diags := attrs.Attributes["source"].Expr.Value(nil)
			if diags.HasErrors() || !v.Type().Equals(cty.String) || v.IsNull() {
				return nil, fmt.Errorf("module %q in %s: source must be a literal string, as terraform requires", b.Labels[0], f)
			}
			src := v.AsString()
			if !strings.HasPrefix(src, "./") && !strings.HasPrefix(src, "../") {
				continue
			}
			d := filepath.Clean(filepath.Join(dir, filepath.FromSlash(src)))
			if !slices.Contains(out, d) {
				out = append(out, d)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// Closure returns every local module the configuration in dir calls,
// directly or through other modules, cleaned and sorted; dir itself is not
// included (unless a module calls back into it).
func Closure(dir string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	var visit func(d string) error
	visit = func(d string) error {
		calls, err := Calls(d)
		if err != nil {
			return err
		}
		for _, c := range calls {
			if seen[c] {
				continue
			}
			seen[c] = true
			out = append(out, c)
			if err := visit(c); err != nil {
				return err
			}
		}
		return nil
	}
	if err := visit(filepath.Clean(dir)); err != nil {
		return nil, err
	}
	slices.Sort(out)
	return out, nil
}
