// Package engine wires a command to the machinery: it resolves the project,
// the stack catalog and the target, prepares Terraform (binary, mirror, CLI
// config) and hands out per-stack workspaces that passed the target's guard.
package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/taskmanager-platform/infra/internal/backend"
	"github.com/taskmanager-platform/infra/internal/emulator"
	"github.com/taskmanager-platform/infra/internal/lock"
	"github.com/taskmanager-platform/infra/internal/modgraph"
	"github.com/taskmanager-platform/infra/internal/project"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/target"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/toolchain"
)

// Options select the target and where output goes.
type Options struct {
	Dir      string // where to start looking for the repository
	StateDir string // project state folder; empty: INFRA_STATE_DIR or <root>/.infra
	Local    bool   // target the emulator recorded in the state folder
	Region   string // AWS region for real AWS; empty uses the SDK's chain
	Stdout   io.Writer
	Stderr   io.Writer
}

// Engine is everything a command needs.
type Engine struct {
	Project *project.Project
	Catalog *stacks.Catalog
	Target  target.Target
	Runner  *tf.Runner
	Stdout  io.Writer
	Stderr  io.Writer
}

// ErrEmulatorDown is returned for a local command without a running emulator.
var ErrEmulatorDown = errors.New("the local emulator is not running: start it with `infra local up`")

// Open resolves project, catalog, target and toolchain.
func Open(ctx context.Context, opts Options) (*Engine, error) {
	p, err := project.Find(opts.Dir, opts.StateDir)
	if err != nil {
		if !errors.Is(err, project.ErrNotFound) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: run infra from a checkout of the infrastructure repository or set INFRA_ROOT", err)
	}
	cat, err := stacks.Load(p.TerraformDir())
	if err != nil {
		return nil, err
	}
	env := target.AWS("").TerraformEnv(os.Environ())
	if err := target.CheckEnvironment(opts.Local, env); err != nil {
		return nil, err
	}
	tgt := target.AWS(opts.Region)
	if opts.Local {
		inst, err := emulator.Status(ctx, p.EmulatorStateDir())
		if errors.Is(err, emulator.ErrNotAnswering) {
			return nil, fmt.Errorf("%w: it may be overloaded; retry, or restart it with `infra local down` and `infra local up`", err)
		}
		if err != nil {
			return nil, fmt.Errorf("%w (%v)", ErrEmulatorDown, err)
		}
		tgt = target.Local(inst)
		if tgt.Credentials, err = target.LocalCredentials(os.Getenv); err != nil {
			return nil, err
		}
	}
	runner, err := Toolchain(ctx, p)
	if err != nil {
		return nil, err
	}
	return &Engine{Project: p, Catalog: cat, Target: tgt, Runner: runner, Stdout: writer(opts.Stdout), Stderr: writer(opts.Stderr)}, nil
}

func writer(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// Toolchain finds terraform and the provider mirror, checks the version and
// writes the project's CLI config.
func Toolchain(ctx context.Context, p *project.Project) (*tf.Runner, error) {
	bin, err := toolchain.FindTerraform()
	if err != nil {
		return nil, err
	}
	mirror, err := toolchain.FindMirror(toolchain.SearchRoots())
	if err != nil {
		return nil, err
	}
	cfg, err := p.Path("terraformrc")
	if err != nil {
		return nil, err
	}
	cache := filepath.Join(p.StateDir, "plugin-cache")
	if err := toolchain.WriteCLIConfig(cfg, mirror.Dir, cache); err != nil {
		return nil, err
	}
	runner := tf.NewRunner(bin, cfg).SerializeInits(cache+".lock", func(dir string) bool { return toolchain.CacheHolds(cache, dir) })
	v, err := runner.Version(ctx, p.Root)
	if err != nil {
		return nil, err
	}
	if err := toolchain.CheckVersion(bin, v); err != nil {
		return nil, err
	}
	return runner, nil
}

// Resolve finds a stack by name or alias.
func (e *Engine) Resolve(name string) (stacks.Stack, error) { return e.Catalog.Resolve(name) }

// WorkspaceOptions tune one workspace.
type WorkspaceOptions struct {
	Stdout, Stderr io.Writer // terraform's output; nil discards it
}

// Workspace prepares a stack for the engine's target: guard, generated
// backend settings and a data dir of its own.
func (e *Engine) Workspace(s stacks.Stack, wo WorkspaceOptions) (*tf.Workspace, error) {
	env := e.Target.TerraformEnv(os.Environ())
	if err := e.Target.Guard(s.Dir, env); err != nil {
		return nil, err
	}
	dataDir, err := e.Project.Path("data", e.Target.Name(), s.Name)
	if err != nil {
		return nil, err
	}
	var backendFile string
	if cfg := e.Target.BackendConfig(); cfg != nil {
		if backendFile, err = e.Project.Path("backend", e.Target.Name(), s.Name+".hcl"); err != nil {
			return nil, err
		}
		if err := os.WriteFile(backendFile, cfg, 0o600); err != nil {
			return nil, fmt.Errorf("writing backend settings for %s: %w", s.Name, err)
		}
	}
	// Which process works on the stack: `infra lock status` tells a live
	// holder from a killed one by it.
	if runs, err := e.Project.Path("runs", e.Target.Name()); err == nil {
		_ = lock.Record(runs, s.Name)
	}
	return e.Runner.Workspace(tf.Options{
		Dir:           s.Dir,
		DataDir:       dataDir,
		Env:           env,
		BackendConfig: backendFile,
		VarFiles:      s.VarFilePaths(),
		Stdout:        wo.Stdout,
		Stderr:        wo.Stderr,
		Stack:         s.Name,
	})
}

// Init initialises a workspace. Local runs always reconfigure: the
// emulator's endpoint changes from one start to the next.
func (e *Engine) Init(ctx context.Context, w *tf.Workspace) error {
	return w.Init(ctx, e.Target.Local)
}

// Backend returns the backend every stack shares, refusing a catalog whose
// stacks disagree on bucket, table, key or region.
func (e *Engine) Backend() (backend.Config, error) {
	var first backend.Config
	for i, s := range e.Catalog.All() {
		c, err := backend.Read(s.Dir)
		if err != nil {
			return backend.Config{}, err
		}
		if i == 0 {
			first = c
			continue
		}
		if c.Bucket != first.Bucket || c.DynamoDBTable != first.DynamoDBTable || c.KMSKeyID != first.KMSKeyID || c.Region != first.Region {
			return backend.Config{}, fmt.Errorf("stack %s's backend.tf (bucket %s, table %s, key %s, region %s) differs from the others (bucket %s, table %s, key %s, region %s): make them agree",
				s.Name, c.Bucket, c.DynamoDBTable, c.KMSKeyID, c.Region, first.Bucket, first.DynamoDBTable, first.KMSKeyID, first.Region)
		}
	}
	return first, nil
}

// ModuleWorkspace prepares a reusable module (not a stack) for its
// `terraform test` files: no backend, no target, a data dir of its own.
func (e *Engine) ModuleWorkspace(name string, wo WorkspaceOptions) (*tf.Workspace, error) {
	dataDir, err := e.Project.Path("data", "modules", name)
	if err != nil {
		return nil, err
	}
	return e.Runner.Workspace(tf.Options{
		Dir:     filepath.Join(e.Project.TerraformDir(), "modules", name),
		DataDir: dataDir,
		Stdout:  wo.Stdout,
		Stderr:  wo.Stderr,
	})
}

// TestedModules lists the modules that have terraform test files.
func (e *Engine) TestedModules() ([]string, error) { return ModulesWithTests(e.Project.TerraformDir()) }

// ModulesWithTests lists the modules under tfDir/modules that have
// tests/*.tftest.hcl.
func ModulesWithTests(tfDir string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(tfDir, "modules", "*", "tests", "*.tftest.hcl"))
	if err != nil {
		return nil, fmt.Errorf("listing module tests: %w", err)
	}
	var names []string
	for _, m := range matches {
		name := filepath.Base(filepath.Dir(filepath.Dir(m)))
		if !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	return names, nil
}

// ModuleTestInputs fingerprints what a module's terraform test reads:
// every file of the module (its tests included) and of the local modules it
// calls, transitively, and the terraform binary and CLI configuration
// (mirror, plugin cache) that run it.
func (e *Engine) ModuleTestInputs(name string) (string, error) {
	h := sha256.New()
	dir := filepath.Join(e.Project.TerraformDir(), "modules", name)
	called, err := modgraph.Closure(dir)
	if err != nil {
		return "", fmt.Errorf("reading the modules %s calls: %w", name, err)
	}
	for _, d := range append([]string{dir}, called...) {
		if err := project.WalkFiles(d, func(path string) error { return hashFile(h, path) }); err != nil {
			return "", fmt.Errorf("fingerprinting %s: %w", d, err)
		}
	}
	if err := e.hashToolchain(h); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hashToolchain adds what runs terraform to a fingerprint: the CLI
// configuration (mirror, plugin cache) and the terraform binary.
func (e *Engine) hashToolchain(h io.Writer) error {
	cfg, err := e.Project.Path("terraformrc")
	if err != nil {
		return err
	}
	if err := hashFile(h, cfg); err != nil {
		return err
	}
	if st, err := os.Stat(e.Runner.Bin()); err == nil {
		fmt.Fprintf(h, "%s\x00%d\x00%d\x00", e.Runner.Bin(), st.Size(), st.ModTime().UnixNano())
	}
	return nil
}

func hashFile(h io.Writer, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
	_, err = h.Write(b)
	return err
}

// testMarker records the inputs and run count of a module's last passing
// terraform test, inside its data dir.
func (e *Engine) testMarker(name string) (string, error) {
	return e.Project.Path("data", "modules", name, "infra-test.sum")
}

// TestPassed reports whether the module's terraform test last passed with
// exactly these inputs, and how many runs passed then.
func (e *Engine) TestPassed(name, inputs string) (runs int, ok bool) {
	marker, err := e.testMarker(name)
	if err != nil {
		return 0, false
	}
	b, err := os.ReadFile(marker)
	if err != nil {
		return 0, false
	}
	sum, n, found := strings.Cut(strings.TrimSpace(string(b)), " ")
	if !found || sum != inputs {
		return 0, false
	}
	runs, err = strconv.Atoi(n)
	return runs, err == nil
}

// RecordTestPass remembers a passing terraform test of the module.
func (e *Engine) RecordTestPass(name, inputs string, runs int) error {
	marker, err := e.testMarker(name)
	if err != nil {
		return err
	}
	if err := os.WriteFile(marker, []byte(fmt.Sprintf("%s %d\n", inputs, runs)), 0o644); err != nil {
		return fmt.Errorf("recording the test pass of %s: %w", name, err)
	}
	return nil
}

// EnsureInit initialises a stack's workspace unless the last successful
// init of that data dir saw exactly the same inputs: backend settings (the
// emulator's endpoint is in them), provider lock file and every .tf file of
// the root and the modules it calls (modgraph.Closure). Commands that run
// many stacks (drift, plan in CI) then pay for init only when something
// changed.
func (e *Engine) EnsureInit(ctx context.Context, s stacks.Stack, w *tf.Workspace) error {
	marker, err := e.initMarker(s)
	if err != nil {
		return err
	}
	return e.ensureInit(s, marker, true, func() error { return e.Init(ctx, w) })
}

// ValidateWorkspace prepares a stack for validation only: no backend, no
// target, a data dir of its own (data/validate/<stack>), so validating
// neither needs nor undoes the backend init that plan and drift use.
func (e *Engine) ValidateWorkspace(s stacks.Stack, wo WorkspaceOptions) (*tf.Workspace, error) {
	dataDir, err := e.Project.Path("data", "validate", s.Name)
	if err != nil {
		return nil, err
	}
	return e.Runner.Workspace(tf.Options{Dir: s.Dir, DataDir: dataDir, Stdout: wo.Stdout, Stderr: wo.Stderr})
}

// EnsureInitNoBackend runs terraform init -backend=false in a
// ValidateWorkspace unless its last one saw the same root, lock file and
// module library (as EnsureInit, without backend settings).
func (e *Engine) EnsureInitNoBackend(ctx context.Context, s stacks.Stack, w *tf.Workspace) error {
	marker, err := e.Project.Path("data", "validate", s.Name, "infra-init.sum")
	if err != nil {
		return err
	}
	return e.ensureInit(s, marker, false, func() error { return w.InitNoBackend(ctx) })
}

// ValidateInputs fingerprints what terraform validate of a stack reads: the
// .tf files of its root and of the module library, its lock file, the
// terraform binary and the CLI configuration (mirror) that install the
// provider. A stack whose inputs match its last clean validation need not
// be validated again (as go test caches a passing package).
func (e *Engine) ValidateInputs(s stacks.Stack) (string, error) {
	sum, err := e.initInputs(s, false)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	h.Write([]byte(sum))
	if err := e.hashToolchain(h); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// validMarker records the inputs of a stack's last clean validation.
func (e *Engine) validMarker(s stacks.Stack) (string, error) {
	return e.Project.Path("data", "validate", s.Name, "infra-valid.sum")
}

// ValidatedClean reports whether the stack's last validation with exactly
// these inputs was valid without diagnostics.
func (e *Engine) ValidatedClean(s stacks.Stack, inputs string) bool {
	marker, err := e.validMarker(s)
	if err != nil {
		return false
	}
	b, err := os.ReadFile(marker)
	return err == nil && string(b) == inputs
}

// RecordValidatedClean remembers a clean validation of the stack; forget
// (a failed or noisy one) drops the record.
func (e *Engine) RecordValidatedClean(s stacks.Stack, inputs string, clean bool) error {
	marker, err := e.validMarker(s)
	if err != nil {
		return err
	}
	if !clean {
		if err := os.Remove(marker); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("forgetting the validation of %s: %w", s.Name, err)
		}
		return nil
	}
	if err := os.WriteFile(marker, []byte(inputs), 0o644); err != nil {
		return fmt.Errorf("recording the validation of %s: %w", s.Name, err)
	}
	return nil
}

// ensureInit runs init unless marker records the same inputs, and records
// them after a successful one.
func (e *Engine) ensureInit(s stacks.Stack, marker string, withBackend bool, init func() error) error {
	sum, err := e.initInputs(s, withBackend)
	if err != nil {
		return err
	}
	if prev, err := os.ReadFile(marker); err == nil && string(prev) == sum {
		return nil
	}
	if err := init(); err != nil {
		return err
	}
	if err := os.WriteFile(marker, []byte(sum), 0o644); err != nil {
		return fmt.Errorf("recording the init of %s: %w", s.Name, err)
	}
	return nil
}

// initMarker is where the inputs of a stack's last successful init are
// recorded: inside its data dir, so a fresh data dir is always initialised.
func (e *Engine) initMarker(s stacks.Stack) (string, error) {
	return e.Project.Path("data", e.Target.Name(), s.Name, "infra-init.sum")
}

func (e *Engine) initInputs(s stacks.Stack, withBackend bool) (string, error) {
	h := sha256.New()
	add := func(path string) error {
		if err := hashFile(h, path); !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	}
	if withBackend && e.Target.BackendConfig() != nil {
		backend, err := e.Project.Path("backend", e.Target.Name(), s.Name+".hcl")
		if err != nil {
			return "", err
		}
		if err := add(backend); err != nil {
			return "", err
		}
	}
	if err := add(filepath.Join(s.Dir, ".terraform.lock.hcl")); err != nil {
		return "", err
	}
	// The modules the root calls, transitively; when the configuration does
	// not parse (terraform will say why), the whole library.
	dirs := []string{s.Dir, filepath.Join(e.Project.TerraformDir(), "modules")}
	if called, err := modgraph.Closure(s.Dir); err == nil {
		dirs = append(dirs[:1], called...)
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && (d.Name() == ".terraform" || (d.Name() == "tests" && path != dir)) {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(path, ".tf") {
				return add(path)
			}
			return nil
		})
		if err != nil {
			return "", fmt.Errorf("fingerprinting %s: %w", dir, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// StackSources are the files and folders a stack's configuration reads:
// its root (with its var files) and the module library it calls. A saved
// plan is dirty when any of them has uncommitted changes.
func (e *Engine) StackSources(s stacks.Stack) []string {
	return []string{s.Dir, filepath.Join(e.Project.TerraformDir(), "modules")}
}
