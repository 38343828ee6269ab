// Package hclgen writes the HCL infra generates (backend settings, the
// Terraform CLI configuration, import blocks) and edits HCL files in place,
// through hclwrite: values are escaped and the output is canonically
// formatted, never assembled by string formatting.
package hclgen

import (
	"fmt"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// File renders a new file: each line of header becomes a # comment, then
// whatever fill writes into the body.
func File(header string, fill func(body *hclwrite.Body)) []byte {
	f := hclwrite.NewEmptyFile()
	fill(f.Body())
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(header, "\n"), "\n") {
		if header == "" {
			break
		}
		b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
	}
	b.Write(hclwrite.Format(f.Bytes()))
	return []byte(b.String())
}

// Traversal parses a resource address (module.x[0].aws_y.z["k"]) into the
// tokens of a traversal expression.
func Traversal(address string) (hclwrite.Tokens, error) {
	tr, diags := hclsyntax.ParseTraversalAbs([]byte(address), "address", hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%q is not a resource address (e.g. module.networking.aws_vpc.this): %s", address, diags[0].Detail)
	}
	return hclwrite.TokensForTraversal(tr), nil
}

// ImportBlock is an import {} block adopting id at address.
func ImportBlock(address, id string) ([]byte, error) {
	to, err := Traversal(address)
	if err != nil {
		return nil, err
	}
	return File("", func(body *hclwrite.Body) {
		b := body.AppendNewBlock("import", nil).Body()
		b.SetAttributeRaw("to", to)
		b.SetAttributeValue("id", cty.StringVal(id))
	}), nil
}

// Edit parses the HCL file at path, lets edit change it and writes it back
// formatted. Comments and layout of untouched parts are kept.
func Edit(path string, edit func(f *hclwrite.File) error) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	f, diags := hclwrite.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return fmt.Errorf("parsing %s: %w", path, diags)
	}
	if err := edit(f); err != nil {
		return fmt.Errorf("editing %s: %w", path, err)
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, hclwrite.Format(f.Bytes()), st.Mode().Perm()); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// Block finds the first block of type typ with the given labels, or nil.
func Block(body *hclwrite.Body, typ string, labels ...string) *hclwrite.Block {
	return body.FirstMatchingBlock(typ, labels)
}
