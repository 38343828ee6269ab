// Package vcs reports which commit a working tree is at, so saved plans can
// be bound to the code they were made from.
package vcs

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
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
