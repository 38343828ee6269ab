//go:build unix

package emulator_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/taskmanager-platform/infra/internal/emulator"
)

// A live emulator that does not answer (overloaded or hung; here stopped
// with SIGSTOP) is reported as such, never as "not running": up must not
// start a second emulator over it, and it answers again once it resumes.
func TestStatusOfAnEmulatorThatDoesNotAnswer(t *testing.T) {
	ctx := context.Background()
	opts := localOptions(t)
	state := opts.StateDir
	inst, _, err := emulator.Up(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(inst.PID, syscall.SIGCONT)
		_, _ = emulator.Down(ctx, state)
	})
	defer func(d time.Duration) { emulator.AnswerWithin = d }(emulator.AnswerWithin)
	emulator.AnswerWithin = time.Second

	if err := syscall.Kill(inst.PID, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	_, err = emulator.Status(ctx, state)
	if !errors.Is(err, emulator.ErrNotAnswering) || errors.Is(err, emulator.ErrNotRunning) {
		t.Fatalf("status of a stopped emulator: %v, want ErrNotAnswering", err)
	}
	if again, started, err := emulator.Up(ctx, opts); !errors.Is(err, emulator.ErrNotAnswering) || started {
		t.Fatalf("up over an emulator that does not answer: %+v started=%v err=%v, want a refusal", again, started, err)
	}
	if err := syscall.Kill(inst.PID, syscall.SIGCONT); err != nil {
		t.Fatal(err)
	}
	got, err := emulator.Status(ctx, state)
	if err != nil || got.PID != inst.PID {
		t.Fatalf("status after resume: %+v %v", got, err)
	}

	// A record whose pid is alive but is not the emulator (a pid reused
	// after a reboot: here this test's own process) with nothing listening
	// on its port: refused connections say it is not running, at once.
	record := filepath.Join(state, "emulator.json")
	b, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := emulator.Down(ctx, state); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	var rec map[string]any
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	rec["pid"], rec["endpoint"] = os.Getpid(), "https://"+closed
	b, _ = json.Marshal(rec)
	if err := os.WriteFile(record, b, 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(record) // Down in the cleanup must not signal this process
	if _, err := emulator.Status(ctx, state); !errors.Is(err, emulator.ErrNotRunning) {
		t.Fatalf("status of a reused pid with nothing listening: %v, want ErrNotRunning", err)
	}
}
