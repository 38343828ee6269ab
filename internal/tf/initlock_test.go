package tf

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInitHoldsTheCacheLockOnlyToFillTheCache: an init whose providers the
// plugin cache already holds runs without the cross-process lock (so inits
// of many stacks overlap); one that fills the cache holds it throughout.
// The stand-in terraform probes the lock with flock(1) while it "inits".
func TestInitHoldsTheCacheLockOnlyToFillTheCache(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cached bool
		want   string
	}{
		{"cache holds the providers", true, "free"},
		{"cache must be filled", false, "held"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			lock := filepath.Join(dir, "plugin-cache.lock")
			probe := filepath.Join(dir, "probe")
			bin := filepath.Join(dir, "terraform")
			script := `#!/bin/sh
if [ "$1" = "version" ]; then
  echo '{"terraform_version":"1.11.4","platform":"linux_amd64","provider_selections":{},"terraform_outdated":false}'
  exit 0
fi
if flock -n ` + lock + ` true; then echo free >> ` + probe + `; else echo held >> ` + probe + `; fi
`
			if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			var asked string
			r := NewRunner(bin, filepath.Join(dir, "terraformrc")).SerializeInits(lock, func(d string) bool { asked = d; return tc.cached })
			w, err := r.Workspace(Options{Dir: root, DataDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.InitNoBackend(context.Background()); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(probe)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.TrimSpace(string(b)); got != tc.want {
				t.Errorf("cache lock during init: %s, want %s", got, tc.want)
			}
			if asked != root {
				t.Errorf("cached() asked about %q, want the root %q", asked, root)
			}
		})
	}
}
