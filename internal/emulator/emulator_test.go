package emulator_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/project"
)

// localOptions are the options of an emulator from this project's sources
// with a private state folder.
func localOptions(t *testing.T) emulator.Options {
	t.Helper()
	if testing.Short() {
		t.Skip("integration test (starts an emulator); runs without -short")
	}
	p, err := project.Find(".", "")
	if err != nil {
		t.Fatal(err)
	}
	return emulator.Options{SourceDir: p.EmulatorDir(), StateDir: t.TempDir()}
}

func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	opts := localOptions(t)
	state := opts.StateDir

	if _, err := emulator.Status(ctx, state); !errors.Is(err, emulator.ErrNotRunning) {
		t.Fatalf("status before up: %v", err)
	}
	inst, started, err := emulator.Up(ctx, opts)
	if err != nil || !started {
		t.Fatalf("up: started=%v err=%v", started, err)
	}
	t.Cleanup(func() { _, _ = emulator.Down(ctx, state) })
	if !strings.HasPrefix(inst.Endpoint, "https://127.0.0.1:") {
		t.Errorf("endpoint %s is not TLS on loopback", inst.Endpoint)
	}
	again, started, err := emulator.Up(ctx, opts)
	if err != nil || started || again.PID != inst.PID {
		t.Fatalf("second up must reuse the running emulator: %+v started=%v err=%v", again, started, err)
	}
	got, err := emulator.Status(ctx, state)
	if err != nil || got.Endpoint != inst.Endpoint {
		t.Fatalf("status: %+v %v", got, err)
	}
	env := map[string]string{}
	for _, kv := range inst.ClientEnv() {
		env[kv[0]] = kv[1]
	}
	if env["AWS_ENDPOINT_URL"] != inst.Endpoint || env["AWS_CA_BUNDLE"] != inst.CABundle || env["AWS_ACCESS_KEY_ID"] == "" {
		t.Errorf("client env: %v", env)
	}
	if err := inst.Reset(ctx); err != nil {
		t.Errorf("reset: %v", err)
	}
	if _, err := emulator.Down(ctx, state); err != nil {
		t.Fatal(err)
	}
	if _, err := emulator.Status(ctx, state); !errors.Is(err, emulator.ErrNotRunning) {
		t.Fatalf("status after down: %v", err)
	}
}

func TestPortBusy(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	p, _ := project.Find(".", "")
	_, _, err = emulator.Up(context.Background(), emulator.Options{
		SourceDir: p.EmulatorDir(),
		StateDir:  t.TempDir(),
		Port:      l.Addr().(*net.TCPAddr).Port,
	})
	if !errors.Is(err, emulator.ErrPortBusy) {
		t.Fatalf("want ErrPortBusy, got %v", err)
	}
}

func TestNoMoto(t *testing.T) {
	for _, py := range []string{"/bin/true", "/bin/false"} {
		if _, _, err := emulator.FindPython(context.Background(), py); !errors.Is(err, emulator.ErrNoMoto) {
			t.Errorf("%s: want ErrNoMoto, got %v", py, err)
		}
	}
}
