// Package stacks reads the stack manifest (infrastructure/terraform/stacks.hcl),
// checks it against the Terraform roots on disk and resolves the names and
// aliases people type.
package stacks

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// ManifestFile is the manifest's name inside the Terraform tree.
const ManifestFile = "stacks.hcl"

// Stack is one Terraform root configuration with its own state.
type Stack struct {
	Name        string   `hcl:"name,label"`
	Path        string   `hcl:"path"`
	System      string   `hcl:"system"`
	Environment string   `hcl:"environment"`
	Aliases     []string `hcl:"aliases,optional"`
	DependsOn   []string `hcl:"depends_on,optional"`
	Description string   `hcl:"description,optional"`
	// VarFiles are -var-file arguments, relative to the root (the HMS design's
	// prod.tfvars); terraform.tfvars is read without being listed.
	VarFiles []string `hcl:"var_files,optional"`

	// Dir is the absolute directory of the root.
	Dir string
}

// VarFilePaths returns the stack's var files as absolute paths.
func (s Stack) VarFilePaths() []string {
	out := make([]string, len(s.VarFiles))
	for i, f := range s.VarFiles {
		out[i] = filepath.Join(s.Dir, filepath.FromSlash(f))
	}
	return out
}

// Production reports whether the production guards apply.
func (s Stack) Production() bool { return s.Environment == "production" }

type manifest struct {
	Stacks []Stack `hcl:"stack,block"`
}

// Catalog is the validated set of stacks.
type Catalog struct {
	stacks []Stack
	index  map[string]int // name or alias -> position
}

// ErrUnknown is returned for a name that is neither a stack nor an alias.
var ErrUnknown = errors.New("unknown stack")

var (
	systems      = []string{"taskmanager", "hms", "global"}
	environments = []string{"dev", "staging", "production", "global"}
)

// Load parses <tfDir>/stacks.hcl and checks that every listed root exists,
// that names and aliases are unique and that every root on disk is listed.
func Load(tfDir string) (*Catalog, error) {
	path := filepath.Join(tfDir, ManifestFile)
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading stack manifest: %w", err)
	}
	return parse(tfDir, path, src)
}

// nameShape is what a stack name or alias may look like.
var nameShape = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Entries decodes a manifest's stack blocks as written, without checking
// them against the tree (`infra affected` compares the entries of another
// commit's manifest with the current ones). Dir is left empty.
func Entries(filename string, src []byte) ([]Stack, error) {
	file, diags := hclparse.NewParser().ParseHCL(src, filename)
	if diags.HasErrors() {
		return nil, fmt.Errorf("parsing %s: %w", filename, error(diags))
	}
	var m manifest
	if diags := gohcl.DecodeBody(file.Body, nil, &m); diags.HasErrors() {
		return nil, fmt.Errorf("decoding %s: %w", filename, error(diags))
	}
	return m.Stacks, nil
}

func parse(tfDir, filename string, src []byte) (*Catalog, error) {
	entries, err := Entries(filename, src)
	if err != nil {
		return nil, err
	}
	m := manifest{Stacks: entries}
	c := &Catalog{index: map[string]int{}}
	var problems []string
	for i, s := range m.Stacks {
		s.Dir = filepath.Join(tfDir, filepath.FromSlash(s.Path))
		if !slices.Contains(systems, s.System) {
			problems = append(problems, fmt.Sprintf("stack %q: system %q is not one of %s", s.Name, s.System, strings.Join(systems, ", ")))
		}
		if !slices.Contains(environments, s.Environment) {
			problems = append(problems, fmt.Sprintf("stack %q: environment %q is not one of %s", s.Name, s.Environment, strings.Join(environments, ", ")))
		}
		if _, err := os.Stat(filepath.Join(s.Dir, "backend.tf")); err != nil {
			problems = append(problems, fmt.Sprintf("stack %q: %s has no backend.tf", s.Name, s.Path))
		}
		for _, f := range s.VarFiles {
			if filepath.IsAbs(f) || strings.HasPrefix(filepath.Clean(filepath.FromSlash(f)), "..") {
				problems = append(problems, fmt.Sprintf("stack %q: var file %q must be a path inside %s", s.Name, f, s.Path))
				continue
			}
			if st, err := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(f))); err != nil || st.IsDir() {
				problems = append(problems, fmt.Sprintf("stack %q: var file %s/%s does not exist", s.Name, s.Path, f))
			}
		}
		for _, key := range append([]string{s.Name}, s.Aliases...) {
			// Names are typed on command lines, tag values (infra:stack) and
			// file names under .infra/: lower-case words joined by hyphens.
			if !nameShape.MatchString(key) {
				problems = append(problems, fmt.Sprintf("stack %q: name %q must be lower-case letters, digits and hyphens (e.g. tm-dev)", s.Name, key))
			}
			if prev, dup := c.index[key]; dup {
				problems = append(problems, fmt.Sprintf("name %q is used by both %q and %q", key, m.Stacks[prev].Name, s.Name))
				continue
			}
			c.index[key] = i
		}
		c.stacks = append(c.stacks, s)
	}
	for _, s := range c.stacks {
		for _, d := range s.DependsOn {
			if _, ok := c.index[d]; !ok {
				problems = append(problems, fmt.Sprintf("stack %q depends on unknown stack %q", s.Name, d))
			}
		}
	}
	if unlisted, err := unlistedRoots(tfDir, c.stacks); err != nil {
		return nil, err
	} else {
		for _, u := range unlisted {
			problems = append(problems, fmt.Sprintf("%s has a backend.tf but no stack in %s", u, ManifestFile))
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("stack manifest %s is inconsistent: %s", filename, strings.Join(problems, "; "))
	}
	if _, err := c.order(c.stacks); err != nil {
		return nil, err
	}
	return c, nil
}

// unlistedRoots finds directories with a backend.tf that no stack names.
func unlistedRoots(tfDir string, listed []Stack) ([]string, error) {
	known := map[string]bool{}
	for _, s := range listed {
		known[filepath.Clean(s.Dir)] = true
	}
	var out []string
	err := filepath.WalkDir(tfDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".terraform" || d.Name() == "modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "backend.tf" && !known[filepath.Dir(path)] {
			rel, _ := filepath.Rel(tfDir, filepath.Dir(path))
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scanning %s for Terraform roots: %w", tfDir, err)
	}
	return out, nil
}

// All returns every stack in manifest order.
func (c *Catalog) All() []Stack { return slices.Clone(c.stacks) }

// Names returns every stack name in manifest order.
func (c *Catalog) Names() []string {
	out := make([]string, len(c.stacks))
	for i, s := range c.stacks {
		out[i] = s.Name
	}
	return out
}

// Resolve finds a stack by name or alias.
func (c *Catalog) Resolve(name string) (Stack, error) {
	if i, ok := c.index[name]; ok {
		return c.stacks[i], nil
	}
	hint := ""
	if s := c.suggest(name); s != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", s)
	}
	return Stack{}, fmt.Errorf("%q: %w; known stacks: %s%s", name, ErrUnknown, c.describeNames(), hint)
}

// ResolveAll resolves several names, reporting every unknown one at once.
func (c *Catalog) ResolveAll(names []string) ([]Stack, error) {
	var out []Stack
	var errs []error
	seen := map[string]bool{}
	for _, n := range names {
		s, err := c.Resolve(n)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, s)
		}
	}
	return out, errors.Join(errs...)
}

// WithDependencies returns the stacks s needs, dependencies first, then s.
func (c *Catalog) WithDependencies(s Stack) ([]Stack, error) {
	var want []Stack
	seen := map[string]bool{}
	var visit func(Stack)
	visit = func(x Stack) {
		if seen[x.Name] {
			return
		}
		seen[x.Name] = true
		for _, d := range x.DependsOn {
			dep, _ := c.Resolve(d)
			visit(dep)
		}
		want = append(want, x)
	}
	visit(s)
	return c.order(want)
}

// order sorts stacks so each one's dependencies (in depends_on order) come
// before it, keeping manifest order otherwise, and rejects cycles.
func (c *Catalog) order(in []Stack) ([]Stack, error) {
	const visiting, done = 1, 2
	include := map[string]bool{}
	for _, s := range in {
		include[s.Name] = true
	}
	state := map[string]int{}
	var out []Stack
	var visit func(s Stack, path []string) error
	visit = func(s Stack, path []string) error {
		switch state[s.Name] {
		case visiting:
			return fmt.Errorf("stack dependency cycle: %s", strings.Join(append(path, s.Name), " -> "))
		case done:
			return nil
		}
		state[s.Name] = visiting
		for _, d := range s.DependsOn {
			if err := visit(c.stacks[c.index[d]], append(path, s.Name)); err != nil {
				return err
			}
		}
		state[s.Name] = done
		if include[s.Name] {
			out = append(out, s)
		}
		return nil
	}
	for _, s := range c.stacks {
		if include[s.Name] {
			if err := visit(s, nil); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func (c *Catalog) describeNames() string {
	var parts []string
	for _, s := range c.stacks {
		if len(s.Aliases) > 0 {
			parts = append(parts, fmt.Sprintf("%s (%s)", s.Name, strings.Join(s.Aliases, ", ")))
		} else {
			parts = append(parts, s.Name)
		}
	}
	return strings.Join(parts, ", ")
}

// suggest returns the closest known name within a small edit distance.
func (c *Catalog) suggest(name string) string {
	best, bestDist := "", 3
	for key := range c.index {
		if d := levenshtein.Distance(name, key, nil); d < bestDist || (d == bestDist && best != "" && key < best) {
			best, bestDist = key, d
		}
	}
	return best
}
