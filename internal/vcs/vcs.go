// Package vcs reports which commit a working tree is at, so saved plans can
// be bound to the code they were made from.
package vcs

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"slices"
	"strings"
)

// Revision is a commit and whether the tree differs from it.
type Revision struct {
	Commit string `json:"commit"`
	Dirty  bool   `json:"dirty"`
}

// String renders the revision as "<commit>" or "<commit>+dirty".
func (r Revision) String() string {
	if r.Dirty {
		return r.Commit + "+dirty"
	}
	return r.Commit
}

// Head reads git HEAD of the checkout holding dir and whether any of paths
// (files or directories; none: dir itself) differs from it: modified,
// staged or untracked-but-not-ignored files all count, so a plan made with
// an uncommitted module edit is not bound to a clean commit. Outside a git
// checkout it returns Commit "unknown" rather than failing: plans still bind
// to stack and state.
func Head(ctx context.Context, dir string, paths ...string) (Revision, error) {
	out, err := git(ctx, dir, "rev-parse", "HEAD")
	if err != nil {
		return Revision{Commit: "unknown"}, nil //nolint:nilerr // not a checkout: no commit to bind to
	}
	rev := Revision{Commit: strings.TrimSpace(out)}
	if len(paths) == 0 {
		paths = []string{dir}
	}
	st, err := git(ctx, dir, append([]string{"status", "--porcelain", "--untracked-files=all", "--"}, paths...)...)
	if err != nil {
		return Revision{}, fmt.Errorf("reading git status in %s: %w", dir, err)
	}
	rev.Dirty = strings.TrimSpace(st) != ""
	return rev, nil
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

// Changes are the files that differ between a base and the working tree.
type Changes struct {
	Top   string   // the checkout's top-level directory
	Base  string   // the commit compared against: the merge base of the ref and HEAD
	Paths []string // slash-separated, relative to Top, sorted: modified, added, deleted (both sides of a rename) and untracked files
}

// Changed lists the files that differ between the merge base of ref and
// HEAD (what a pull request's diff starts from) and the working tree, so
// both committed and uncommitted edits count. An unknown ref is an error
// that says how to make it known.
func Changed(ctx context.Context, dir, ref string) (Changes, error) {
	top, err := git(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return Changes{}, fmt.Errorf("%s is not in a git checkout (comparing with a base needs one: run in a clone): %w", dir, err)
	}
	c := Changes{Top: strings.TrimSpace(top)}
	if _, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return Changes{}, fmt.Errorf("base %q is not a commit here: fetch it (e.g. `git fetch origin main`) or name another with --base", ref)
	}
	mb, err := git(ctx, dir, "merge-base", ref, "HEAD")
	if err != nil {
		return Changes{}, fmt.Errorf("no common history between %s and HEAD (a shallow clone? fetch with full depth): %w", ref, err)
	}
	c.Base = strings.TrimSpace(mb)
	diff, err := git(ctx, dir, "diff", "--name-only", "--no-renames", "-z", c.Base, "--")
	if err != nil {
		return Changes{}, err
	}
	untracked, err := git(ctx, dir, "ls-files", "--others", "--exclude-standard", "-z", "--full-name", "--", ":/")
	if err != nil {
		return Changes{}, err
	}
	for _, p := range strings.Split(diff+untracked, "\x00") {
		if p != "" && !slices.Contains(c.Paths, p) {
			c.Paths = append(c.Paths, p)
		}
	}
	slices.Sort(c.Paths)
	return c, nil
}

// Show returns the content of path (relative to the checkout's top level)
// at commit rev; ok is false when the file did not exist there.
func Show(ctx context.Context, dir, rev, path string) (content []byte, ok bool, err error) {
	if _, err := git(ctx, dir, "cat-file", "-e", rev+":"+path); err != nil {
		return nil, false, nil //nolint:nilerr // absent at rev: not an error
	}
	out, err := git(ctx, dir, "show", rev+":"+path)
	if err != nil {
		return nil, false, err
	}
	return []byte(out), true, nil
}
