package vcs_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/taskmanager-platform/infra/internal/testutil/testfs"
	"github.com/taskmanager-platform/infra/internal/testutil/testgit"
	"github.com/taskmanager-platform/infra/internal/vcs"
)

// TestHeadDirty: a change in any source the stack reads (its root, the
// module library) makes the revision dirty; a change elsewhere does not.
func TestHeadDirty(t *testing.T) {
	ctx := context.Background()
	repo := t.TempDir()
	root := filepath.Join(repo, "environments", "dev")
	modules := filepath.Join(repo, "modules")
	testfs.Write(t, filepath.Join(root, "main.tf"), "# root\n")
	testfs.Write(t, filepath.Join(modules, "net", "main.tf"), "# module\n")
	testfs.Write(t, filepath.Join(repo, "docs", "x.md"), "doc\n")
	testfs.Write(t, filepath.Join(repo, ".gitignore"), ".terraform/\n")
	testgit.Run(t, repo, "init", "-q")
	testgit.Run(t, repo, "add", ".")
	testgit.Run(t, repo, "commit", "-q", "-m", "init")

	tests := []struct {
		name  string
		edit  func(t *testing.T)
		dirty bool
	}{
		{"clean", func(*testing.T) {}, false},
		{"docs edited (not a source)", func(t *testing.T) { testfs.Write(t, filepath.Join(repo, "docs", "x.md"), "changed\n") }, false},
		{"ignored file in the root", func(t *testing.T) { testfs.Write(t, filepath.Join(root, ".terraform", "x"), "y") }, false},
		{"module edited", func(t *testing.T) { testfs.Write(t, filepath.Join(modules, "net", "main.tf"), "# edited\n") }, true},
		{"new module file", func(t *testing.T) { testfs.Write(t, filepath.Join(modules, "net", "extra.tf"), "# new\n") }, true},
		{"root edited", func(t *testing.T) { testfs.Write(t, filepath.Join(root, "main.tf"), "# edited\n") }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			testgit.Run(t, repo, "checkout", "-q", "--", ".")
			testgit.Run(t, repo, "clean", "-qfdx")
			tc.edit(t)
			rev, err := vcs.Head(ctx, root, root, modules)
			if err != nil {
				t.Fatal(err)
			}
			if len(rev.Commit) != 40 || rev.Dirty != tc.dirty {
				t.Errorf("revision %+v, want dirty=%v", rev, tc.dirty)
			}
		})
	}
	if rev, err := vcs.Head(ctx, t.TempDir()); err != nil || rev.Commit != "unknown" {
		t.Errorf("outside a checkout: %+v %v", rev, err)
	}
}
