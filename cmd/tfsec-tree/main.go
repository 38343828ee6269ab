// Command tfsec-tree copies infrastructure/terraform into a temporary folder
// without the `check` and `ephemeral` blocks tfsec (which predates them)
// cannot parse, and prints the folder, for the independent scan:
//
//	tfsec "$(go run ./cmd/tfsec-tree)" --minimum-severity HIGH
//
// Removing those blocks hides nothing from tfsec: a check block asserts, an
// ephemeral block reads a value that is never stored; tfsec has no rule on
// either.
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

func main() {
	src := "infrastructure/terraform"
	if len(os.Args) > 1 {
		src = os.Args[1]
	}
	dst, err := os.MkdirTemp("", "tfsec-tree-")
	if err == nil {
		err = copyTree(src, dst)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "tfsec-tree: %v (run it from the repository root)\n", err)
		os.Exit(1)
	}
	fmt.Println(dst)
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		out := filepath.Join(dst, rel)
		switch {
		case d.IsDir() && d.Name() == ".terraform":
			return filepath.SkipDir
		case d.IsDir():
			return os.MkdirAll(out, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".tf") {
			f, diags := hclwrite.ParseConfig(b, path, hcl.InitialPos)
			if diags.HasErrors() {
				return fmt.Errorf("parsing %s: %w", path, diags)
			}
			for _, blk := range f.Body().Blocks() {
				if blk.Type() == "check" || blk.Type() == "ephemeral" {
					f.Body().RemoveBlock(blk)
				}
			}
			b = f.Bytes()
		}
		return os.WriteFile(out, b, 0o644)
	})
}
