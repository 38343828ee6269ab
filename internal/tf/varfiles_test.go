package tf

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeTerraform writes a terraform stand-in that answers `version` and
// records every other command line, one per line, in the returned file.
func fakeTerraform(t *testing.T) (bin, calls string) {
	t.Helper()
	dir := t.TempDir()
	bin = filepath.Join(dir, "terraform")
	calls = filepath.Join(dir, "calls")
	script := `#!/bin/sh
if [ "$1" = "version" ]; then
  echo '{"terraform_version":"1.11.4","platform":"linux_amd64","provider_selections":{},"terraform_outdated":false}'
  exit 0
fi
echo "$*" >> ` + calls + `
exit 0
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, calls
}

func TestVarFilesReachTheCommandsThatTakeThem(t *testing.T) {
	bin, calls := fakeTerraform(t)
	varFile := filepath.Join(t.TempDir(), "prod.tfvars")
	w, err := NewRunner(bin, filepath.Join(t.TempDir(), "terraformrc")).Workspace(Options{
		Dir: t.TempDir(), DataDir: t.TempDir(), VarFiles: []string{varFile},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tests := []struct {
		name        string
		run         func() error
		wantVarFile bool
	}{
		{"plan", func() error { _, err := w.Plan(ctx, PlanOptions{Out: "x.tfplan"}); return err }, true},
		{"refresh-only plan (drift)", func() error { _, err := w.Plan(ctx, PlanOptions{RefreshOnly: true}); return err }, true},
		{"apply without a plan", func() error { return w.Apply(ctx, "") }, true},
		{"apply of a saved plan", func() error { return w.Apply(ctx, "x.tfplan") }, false},
		{"destroy", func() error { return w.Destroy(ctx) }, true},
		{"import", func() error { return w.Import(ctx, "aws_s3_bucket.b", "b") }, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(calls)
			if err := tc.run(); err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(calls)
			if err != nil {
				t.Fatal(err)
			}
			line := strings.TrimSpace(string(raw))
			if got := strings.Contains(line, "-var-file="+varFile); got != tc.wantVarFile {
				t.Errorf("command line %q: -var-file present %v, want %v", line, got, tc.wantVarFile)
			}
		})
	}
}

func TestProvidersLockNamesEveryPlatform(t *testing.T) {
	bin, calls := fakeTerraform(t)
	w, err := NewRunner(bin, filepath.Join(t.TempDir(), "terraformrc")).Workspace(Options{Dir: t.TempDir(), DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.ProvidersLock(context.Background(), LockPlatforms); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	want := "providers lock -platform=linux_amd64 -platform=linux_arm64 -platform=darwin_amd64 -platform=darwin_arm64 -platform=windows_amd64"
	if got := strings.TrimSpace(string(raw)); got != want {
		t.Errorf("command line %q, want %q", got, want)
	}
}
