// Package emulatortest starts a private emulator for a test and stops it
// when the test ends. A missing Python or moto fails the test: install them.
package emulatortest

import (
	"context"
	"testing"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/project"
)

// Start runs an emulator on a free port with its own state folder; under
// -short (the inner loop) the test is skipped instead.
func Start(tb testing.TB) *emulator.Instance {
	tb.Helper()
	if testing.Short() {
		tb.Skip("integration test (starts an emulator); runs without -short")
	}
	p, err := project.Find(".", "")
	if err != nil {
		tb.Fatalf("locating repository: %v", err)
	}
	state := tb.TempDir()
	inst, _, err := emulator.Up(context.Background(), emulator.Options{
		SourceDir: p.EmulatorDir(),
		StateDir:  state,
	})
	if err != nil {
		tb.Fatalf("starting emulator: %v", err)
	}
	tb.Cleanup(func() {
		if _, err := emulator.Down(context.Background(), state); err != nil {
			tb.Errorf("stopping emulator: %v", err)
		}
	})
	return inst
}
