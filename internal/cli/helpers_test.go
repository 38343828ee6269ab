package cli

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/target"
)

// result is one in-process run of the CLI.
type result struct {
	code     int
	out, err string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout ---\n%s\n--- stderr ---\n%s", r.code, r.out, r.err)
}

// syncBuffer lets a goroutine's output be read while it runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// infra runs the CLI with its own state folder.
func infra(t *testing.T, state, stdin string, args ...string) result {
	t.Helper()
	var out, errb syncBuffer
	code := Run(context.Background(), append([]string{"--state-dir", state}, args...), IO{In: strings.NewReader(stdin), Out: &out, Err: &errb})
	return result{code: code, out: out.String(), err: errb.String()}
}

// mustInfra fails the test unless the run exits 0.
func mustInfra(t *testing.T, state string, args ...string) result {
	t.Helper()
	r := infra(t, state, "", args...)
	if r.code != ExitOK {
		t.Fatalf("infra %s: %s", strings.Join(args, " "), r)
	}
	return r
}

// localEmulator starts the emulator of a state folder and stops it when the
// test ends.
func localEmulator(t *testing.T, state string) *emulator.Instance {
	t.Helper()
	mustInfra(t, state, "local", "up")
	t.Cleanup(func() { infra(t, state, "", "local", "down") })
	inst, err := emulator.Status(context.Background(), filepath.Join(state, "emulator"))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// sdk returns an SDK configuration for the emulator of a state folder.
func sdk(t *testing.T, inst *emulator.Instance) aws.Config {
	t.Helper()
	cfg, err := target.Local(inst).AWSConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}
