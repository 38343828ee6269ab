// Package affected decides which stacks a change touches: those whose root,
// manifest entry, var files or any module they call (transitively) differ
// from a base commit; every stack when something all of them share changes
// (the Terraform CI workflow and its setup action, the manifest, a provider
// lock file). Pull requests then plan only what they can change.
package affected

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/taskmanager-platform/infra/internal/modgraph"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/vcs"
)

// Files whose change affects every stack, relative to the repository.
const (
	// WorkflowFile plans every stack in CI; a change to it may change any plan.
	WorkflowFile = ".github/workflows/terraform.yml"
	// SetupAction installs terraform and the provider for that workflow.
	SetupAction = ".github/actions/setup-infra/"
	// LockFile is a root's provider lock file (all roots pin the same provider).
	LockFile = ".terraform.lock.hcl"
)

// Stack is what one stack's configuration reads, as slash-separated paths
// relative to the repository.
type Stack struct {
	Name     string
	Root     string   // the root module's directory
	Modules  []string // directories of the local modules it calls, transitively
	VarFiles []string // -var-file files from the manifest
}

// Input is everything Decide looks at.
type Input struct {
	Manifest string   // the manifest file, e.g. infrastructure/terraform/stacks.hcl
	Stacks   []Stack  // in manifest order
	Changed  []string // changed files
	// ChangedEntries are the stacks whose manifest entry differs from the
	// base's (new stacks included); only used to say why.
	ChangedEntries []string
}

// Result is one affected stack and the changes that affect it.
type Result struct {
	Stack   string   `json:"stack"`
	Reasons []string `json:"reasons"`
}

// Decide returns the affected stacks in manifest order, each with its
// reasons ("<file> (<why>)") in the order of Changed.
func Decide(in Input) []Result {
	reasons := make([][]string, len(in.Stacks))
	add := func(i int, r string) {
		if !slices.Contains(reasons[i], r) {
			reasons[i] = append(reasons[i], r)
		}
	}
	for _, p := range in.Changed {
		if why, ok := everyStack(in.Manifest, p); ok {
			for i, s := range in.Stacks {
				if p == in.Manifest && slices.Contains(in.ChangedEntries, s.Name) {
					add(i, p+" (manifest entry)")
					continue
				}
				add(i, p+" ("+why+")")
			}
			continue
		}
		for i, s := range in.Stacks {
			switch {
			case slices.Contains(s.VarFiles, p):
				add(i, p+" (var file)")
			case reads(s.Root, p):
				add(i, p+" (root)")
			default:
				for _, m := range s.Modules {
					if reads(m, p) {
						add(i, p+" (module "+path.Base(m)+")")
						break
					}
				}
			}
		}
	}
	out := []Result{}
	for i, s := range in.Stacks {
		if len(reasons[i]) > 0 {
			out = append(out, Result{Stack: s.Name, Reasons: reasons[i]})
		}
	}
	return out
}

// everyStack reports whether a change of p can change every stack's plan.
func everyStack(manifest, p string) (why string, ok bool) {
	switch {
	case p == WorkflowFile || strings.HasPrefix(p, SetupAction):
		return "CI workflow", true
	case p == manifest:
		return "manifest", true
	case path.Base(p) == LockFile:
		return "provider lock file", true
	}
	return "", false
}

// reads reports whether a change of file p can change the configuration in
// dir: any file below it except documentation (*.md) and the module's
// terraform test files (tests/), which no plan reads.
func reads(dir, p string) bool {
	rel, ok := strings.CutPrefix(p, dir+"/")
	if !ok {
		return false
	}
	return !strings.HasSuffix(rel, ".md") && !strings.HasPrefix(rel, "tests/")
}

// Collect gathers Decide's input for the catalog's stacks from the checkout
// holding tfDir, comparing the working tree with base (see vcs.Changed).
func Collect(ctx context.Context, tfDir string, cat *stacks.Catalog, base string) (Input, error) {
	ch, err := vcs.Changed(ctx, tfDir, base)
	if err != nil {
		return Input{}, err
	}
	rel, err := relTo(ch.Top)
	if err != nil {
		return Input{}, err
	}
	tfRel, err := rel(tfDir)
	if err != nil {
		return Input{}, err
	}
	in := Input{Manifest: path.Join(tfRel, stacks.ManifestFile), Changed: ch.Paths}
	for _, s := range cat.All() {
		root, err := rel(s.Dir)
		if err != nil {
			return Input{}, err
		}
		st := Stack{Name: s.Name, Root: root}
		mods, err := modgraph.Closure(s.Dir)
		if err != nil {
			return Input{}, fmt.Errorf("stack %s: %w", s.Name, err)
		}
		for _, m := range mods {
			r, err := rel(m)
			if err != nil {
				return Input{}, err
			}
			st.Modules = append(st.Modules, r)
		}
		for _, f := range s.VarFilePaths() {
			r, err := rel(f)
			if err != nil {
				return Input{}, err
			}
			st.VarFiles = append(st.VarFiles, r)
		}
		in.Stacks = append(in.Stacks, st)
	}
	if slices.Contains(in.Changed, in.Manifest) {
		if in.ChangedEntries, err = changedEntries(ctx, tfDir, ch.Base, in.Manifest, cat.All()); err != nil {
			return Input{}, err
		}
	}
	return in, nil
}

// changedEntries compares the manifest's entries at base with the current ones.
func changedEntries(ctx context.Context, dir, base, manifest string, now []stacks.Stack) ([]string, error) {
	src, ok, err := vcs.Show(ctx, dir, base, manifest)
	if err != nil {
		return nil, err
	}
	var before []stacks.Stack
	if ok {
		if before, err = stacks.Entries(base+":"+manifest, src); err != nil {
			// The base's manifest did not parse: every entry counts as changed.
			before = nil
		}
	}
	var out []string
	for _, s := range now {
		s.Dir = ""
		i := slices.IndexFunc(before, func(b stacks.Stack) bool { return b.Name == s.Name })
		if i < 0 || !reflect.DeepEqual(normal(before[i]), normal(s)) {
			out = append(out, s.Name)
		}
	}
	return out, nil
}

// normal makes absent and empty lists compare equal.
func normal(s stacks.Stack) stacks.Stack {
	for _, l := range []*[]string{&s.Aliases, &s.DependsOn, &s.VarFiles} {
		if len(*l) == 0 {
			*l = nil
		}
	}
	return s
}

// relTo returns a function making paths relative to top, slash-separated;
// both sides are resolved through symlinks (a temp dir may be one).
func relTo(top string) (func(string) (string, error), error) {
	t, err := filepath.EvalSymlinks(top)
	if err != nil {
		return nil, fmt.Errorf("resolving %s: %w", top, err)
	}
	return func(p string) (string, error) {
		// The path may not exist any more (a deleted var file): resolve its
		// directory.
		d, err := filepath.EvalSymlinks(filepath.Dir(p))
		if err != nil {
			return "", fmt.Errorf("resolving %s: %w", p, err)
		}
		r, err := filepath.Rel(t, filepath.Join(d, filepath.Base(p)))
		if err != nil || strings.HasPrefix(r, "..") {
			return "", fmt.Errorf("%s is outside the checkout %s", p, top)
		}
		return filepath.ToSlash(r), nil
	}, nil
}
