package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// TestBuildsOnEveryPlatform: the team runs infra on macOS and Windows too;
// platform code sits behind build tags (internal/emulator proc_*.go,
// internal/tf mem_*.go), so the whole module cross-compiles. The first run
// fills the build cache for each target (minutes on two cores); later runs
// take seconds.
func TestBuildsOnEveryPlatform(t *testing.T) {
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	for _, target := range []struct{ goos, goarch string }{
		{"darwin", "amd64"},
		{"windows", "amd64"},
	} {
		t.Run(target.goos+"_"+target.goarch, func(t *testing.T) {
			cmd := exec.Command(goBin, "build", "./...")
			cmd.Dir = filepath.Join("..", "..")
			cmd.Env = append(os.Environ(), "GOOS="+target.goos, "GOARCH="+target.goarch, "CGO_ENABLED=0")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("GOOS=%s GOARCH=%s go build ./...: %v\n%s", target.goos, target.goarch, err, out)
			}
		})
	}
}
