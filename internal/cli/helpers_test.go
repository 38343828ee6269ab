package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// infra runs the CLI with its own state folder in the fixture repository (a
// later -C in args wins).
func infra(t *testing.T, state, stdin string, args ...string) result {
	t.Helper()
	var out, errb syncBuffer
	code := Run(context.Background(), append([]string{"--state-dir", state, "-C", fixtureRepo(t)}, args...), IO{In: strings.NewReader(stdin), Out: &out, Err: &errb})
	return result{code: code, out: out.String(), err: errb.String()}
}

// The CLI's own tests exercise the workflow (up, plan/apply, drift, locks,
// state surgery) on this repository with environments/dev swapped for the
// small networking-only root in testdata/netdev and no dependencies: the
// full Task Manager stack is tests/taskmanager's subject, and 115 resources
// per test would cost minutes each.
var fixture struct {
	once sync.Once
	dir  string
	err  error
}

func fixtureRepo(t testing.TB) string {
	t.Helper()
	fixture.once.Do(func() { fixture.dir, fixture.err = buildFixture() })
	if fixture.err != nil {
		t.Fatalf("building the fixture repository: %v", fixture.err)
	}
	return fixture.dir
}

func buildFixture() (string, error) {
	src, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp("", "infra-cli-fixture-")
	if err != nil {
		return "", err
	}
	if out, err := exec.Command("cp", "-r", filepath.Join(src, "infrastructure"), dir).CombinedOutput(); err != nil {
		return "", fmt.Errorf("copying the Terraform tree: %w: %s", err, out)
	}
	if err := os.Symlink(filepath.Join(src, "emulator"), filepath.Join(dir, "emulator")); err != nil {
		return "", err
	}
	tfDir := filepath.Join(dir, "infrastructure", "terraform")
	dev := filepath.Join(tfDir, "environments", "dev")
	for _, f := range []string{"main.tf", "variables.tf", "outputs.tf", "terraform.tfvars"} {
		b, err := os.ReadFile(filepath.Join("testdata", "netdev", f))
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dev, f), b, 0o644); err != nil {
			return "", err
		}
	}
	manifest := filepath.Join(tfDir, "stacks.hcl")
	b, err := os.ReadFile(manifest)
	if err != nil {
		return "", err
	}
	// Only tm-dev (without its dependencies: the network root needs no ECR
	// or zone) and the global stacks stay; the other roots go with their
	// manifest entries, so `--all` means what these tests applied.
	block := regexp.MustCompile(`(?ms)^stack "([^"]+)" \{.*?^\}\n`)
	pathAttr := regexp.MustCompile(`(?m)^\s*path\s*=\s*"([^"]+)"`)
	var keepErr error
	b = block.ReplaceAllFunc(b, func(m []byte) []byte {
		name := string(block.FindSubmatch(m)[1])
		switch {
		case name == "tm-dev":
			return regexp.MustCompile(`(?m)^\s*depends_on\s*=.*\n`).ReplaceAll(m, nil)
		case strings.HasPrefix(name, "global-"):
			return m
		}
		if p := pathAttr.FindSubmatch(m); p != nil {
			if err := os.RemoveAll(filepath.Join(tfDir, string(p[1]))); err != nil {
				keepErr = err
			}
		}
		return nil
	})
	if keepErr != nil {
		return "", keepErr
	}
	return dir, os.WriteFile(manifest, b, 0o644)
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

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.dir != "" {
		os.RemoveAll(fixture.dir)
	}
	os.Exit(code)
}
