// Package clitest runs the infra CLI in-process for integration tests that
// live outside internal/cli (tests/…): each test gets its own state folder
// and its own emulator, so packages can run side by side.
package clitest

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/target"
)

// Result is one in-process run of the CLI.
type Result struct {
	Code     int
	Out, Err string
}

func (r Result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout ---\n%s\n--- stderr ---\n%s", r.Code, r.Out, r.Err)
}

// SyncBuffer lets a goroutine's output be read while it runs.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Infra runs the CLI with the state folder state and stdin as input.
func Infra(tb testing.TB, state, stdin string, args ...string) Result {
	tb.Helper()
	var out, errb SyncBuffer
	code := cli.Run(context.Background(), append([]string{"--state-dir", state}, args...),
		cli.IO{In: strings.NewReader(stdin), Out: &out, Err: &errb})
	return Result{Code: code, Out: out.String(), Err: errb.String()}
}

// MustInfra fails the test unless the run exits 0.
func MustInfra(tb testing.TB, state string, args ...string) Result {
	tb.Helper()
	r := Infra(tb, state, "", args...)
	if r.Code != cli.ExitOK {
		tb.Fatalf("infra %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// Integration skips a test that starts an emulator under -short: the inner
// loop (`go test -short ./...`) runs every other test. -short is a mode,
// not a missing dependency: without it these tests run, and fail when
// something is missing.
func Integration(tb testing.TB) {
	tb.Helper()
	if testing.Short() {
		tb.Skip("integration test (starts an emulator and applies stacks); runs without -short")
	}
}

// LocalEmulator starts the emulator of a state folder and stops it when the
// test ends (skipped under -short, see Integration).
func LocalEmulator(tb testing.TB, state string) *emulator.Instance {
	tb.Helper()
	Integration(tb)
	MustInfra(tb, state, "local", "up")
	tb.Cleanup(func() { Infra(tb, state, "", "local", "down") })
	inst, err := emulator.Status(context.Background(), filepath.Join(state, "emulator"))
	if err != nil {
		tb.Fatal(err)
	}
	return inst
}

// SDK returns an SDK configuration for an emulator.
func SDK(tb testing.TB, inst *emulator.Instance) aws.Config {
	tb.Helper()
	cfg, err := target.Local(inst).AWSConfig(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return cfg
}
