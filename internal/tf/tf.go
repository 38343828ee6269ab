// Package tf runs Terraform. It is the only package that imports
// hashicorp/terraform-exec: every terraform process of the tool starts here,
// bounded by one semaphore so many stacks never exhaust cores or memory.
package tf

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-exec/tfexec"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/taskmanager-platform/infra/internal/flock"
)

// Runner starts terraform processes with the project's CLI configuration.
type Runner struct {
	bin       string
	cliConfig string
	initLock  string // file serialising inits across processes; empty for none
	// cached reports whether an init of a root only links from the plugin
	// cache (nil: never assumed); such inits run without the lock.
	cached func(dir string) bool
}

// slots bounds terraform processes across every runner of this process, so
// concurrent commands (drift over many stacks, parallel tests) share one
// budget of cores and memory.
var slots = make(chan struct{}, DefaultParallelism())

// EnvParallelism overrides how many terraform processes run at once.
const EnvParallelism = "INFRA_PARALLELISM"

// bytesPerProcess is what one terraform + AWS provider pair may take.
const bytesPerProcess = 768 << 20

// DefaultParallelism bounds concurrent terraform processes by cores and
// memory: twice the cores (applies mostly wait on the provider's polling)
// but never more than memory allows.
func DefaultParallelism() int {
	if v, err := strconv.Atoi(os.Getenv(EnvParallelism)); err == nil && v > 0 {
		return v
	}
	n := 2 * runtime.NumCPU()
	if mem, ok := totalMemory(); ok {
		n = min(n, max(int(mem/bytesPerProcess), 1))
	}
	return max(n, 1)
}

// CPUParallelism bounds commands whose terraform processes keep their
// provider busy (refresh-only plans): one per core, within the memory bound
// of DefaultParallelism; INFRA_PARALLELISM overrides both.
func CPUParallelism() int {
	if v, err := strconv.Atoi(os.Getenv(EnvParallelism)); err == nil && v > 0 {
		return v
	}
	return max(min(runtime.NumCPU(), DefaultParallelism()), 1)
}

// NewRunner returns a runner for the terraform at bin that reads cliConfig.
func NewRunner(bin, cliConfig string) *Runner {
	return &Runner{bin: bin, cliConfig: cliConfig}
}

// SerializeInits makes every init of this runner hold an exclusive lock on
// path across processes. Terraform's plugin cache is not safe to fill
// concurrently: two inits installing the same provider fail with "mkdir …:
// file exists" (seen with parallel test packages sharing one cache).
//
// cached (may be nil) tells whether the cache already holds everything a
// root's init installs: those inits only read the cache and link from it,
// so they run concurrently, after a moment under the lock that makes sure
// no fill is half done.
func (r *Runner) SerializeInits(path string, cached func(dir string) bool) *Runner {
	r.initLock = path
	r.cached = cached
	return r
}

// lockInit holds the cross-process init lock for an init of dir, if needed.
func (r *Runner) lockInit(ctx context.Context, dir string) (func(), error) {
	if r.initLock == "" {
		return func() {}, nil
	}
	release, err := flock.LockContext(ctx, r.initLock)
	if err != nil {
		return nil, fmt.Errorf("waiting for the plugin cache lock: %w", err)
	}
	// Fills happen under the lock only: checked under it, a cache that
	// holds the root's providers holds them completely.
	if r.cached != nil && r.cached(dir) {
		release()
		return func() {}, nil
	}
	return release, nil
}

// Bin is the terraform binary.
func (r *Runner) Bin() string { return r.bin }

// Version reports the terraform version and the providers it knows.
func (r *Runner) Version(ctx context.Context, dir string) (*version.Version, error) {
	t, err := tfexec.NewTerraform(dir, r.bin)
	if err != nil {
		return nil, fmt.Errorf("preparing terraform: %w", err)
	}
	v, _, err := t.Version(ctx, true)
	if err != nil {
		return nil, fmt.Errorf("asking %s for its version: %w", r.bin, err)
	}
	return v, nil
}

func (r *Runner) acquire(ctx context.Context) (func(), error) {
	select {
	case slots <- struct{}{}:
		return func() { <-slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Options describe one working directory.
type Options struct {
	Dir           string            // the stack's root module
	DataDir       string            // TF_DATA_DIR: one per stack and target
	Env           map[string]string // process environment (from target.TerraformEnv)
	BackendConfig string            // file passed as -backend-config; empty for none
	VarFiles      []string          // -var-file for plan, destroy, import and plan-less apply
	Stdout        io.Writer         // terraform's human output; nil discards it
	Stderr        io.Writer
	Stack         string // the stack's name, for messages (a lock conflict names it)
}

// Workspace runs terraform commands in one stack for one target.
type Workspace struct {
	r    *Runner
	t    *tfexec.Terraform
	opts Options
}

// Workspace prepares a working directory.
func (r *Runner) Workspace(opts Options) (*Workspace, error) {
	t, err := tfexec.NewTerraform(opts.Dir, r.bin)
	if err != nil {
		return nil, fmt.Errorf("preparing terraform in %s: %w", opts.Dir, err)
	}
	env := map[string]string{}
	for k, v := range opts.Env {
		env[k] = v
	}
	env["TF_CLI_CONFIG_FILE"] = r.cliConfig
	env["TF_DATA_DIR"] = opts.DataDir
	env["CHECKPOINT_DISABLE"] = "1"
	if err := t.SetEnv(tfexec.CleanEnv(env)); err != nil {
		return nil, fmt.Errorf("setting terraform environment: %w", err)
	}
	if opts.Stdout != nil {
		t.SetStdout(opts.Stdout)
	}
	if opts.Stderr != nil {
		t.SetStderr(opts.Stderr)
	}
	return &Workspace{r: r, t: t, opts: opts}, nil
}

// Init initialises providers, modules and the backend. reconfigure drops the
// remembered backend settings (the emulator's endpoint changes per start).
func (w *Workspace) Init(ctx context.Context, reconfigure bool) error {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	opts := []tfexec.InitOption{tfexec.Upgrade(false)}
	if w.opts.BackendConfig != "" {
		opts = append(opts, tfexec.BackendConfig(w.opts.BackendConfig))
	}
	if reconfigure {
		opts = append(opts, tfexec.Reconfigure(true))
	}
	unlock, err := w.r.lockInit(ctx, w.opts.Dir)
	if err != nil {
		return err
	}
	defer unlock()
	if err := w.t.Init(ctx, opts...); err != nil {
		return fmt.Errorf("terraform init in %s: %w", w.opts.Dir, w.classify(err))
	}
	return nil
}

// InitNoBackend initialises providers and modules only (validation).
func (w *Workspace) InitNoBackend(ctx context.Context) error {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	unlock, err := w.r.lockInit(ctx, w.opts.Dir)
	if err != nil {
		return err
	}
	defer unlock()
	if err := w.t.Init(ctx, tfexec.Backend(false), tfexec.Upgrade(false)); err != nil {
		return fmt.Errorf("terraform init -backend=false in %s: %w", w.opts.Dir, err)
	}
	return nil
}

// PlanOptions vary a plan.
type PlanOptions struct {
	Out         string // saved plan file; empty for none
	Destroy     bool
	RefreshOnly bool
	Replace     []string // -replace addresses
}

// Plan runs terraform plan; changes reports -detailed-exitcode's 2.
func (w *Workspace) Plan(ctx context.Context, po PlanOptions) (changes bool, err error) {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return false, err
	}
	defer release()
	opts := []tfexec.PlanOption{tfexec.LockTimeout("0s")}
	for _, f := range w.opts.VarFiles {
		opts = append(opts, tfexec.VarFile(f))
	}
	if po.Out != "" {
		opts = append(opts, tfexec.Out(po.Out))
	}
	if po.Destroy {
		opts = append(opts, tfexec.Destroy(true))
	}
	if po.RefreshOnly {
		opts = append(opts, tfexec.RefreshOnly(true))
	}
	for _, addr := range po.Replace {
		opts = append(opts, tfexec.Replace(addr))
	}
	changes, err = w.t.Plan(ctx, opts...)
	if err != nil {
		return false, fmt.Errorf("terraform plan in %s: %w", w.opts.Dir, w.classify(err))
	}
	return changes, nil
}

// Apply applies planFile, or plans and applies in one step when it is empty.
func (w *Workspace) Apply(ctx context.Context, planFile string) error {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	opts := []tfexec.ApplyOption{tfexec.LockTimeout("0s")}
	if planFile != "" {
		// A saved plan carries its variables; terraform refuses -var-file with it.
		opts = append(opts, tfexec.DirOrPlan(planFile))
	} else {
		for _, f := range w.opts.VarFiles {
			opts = append(opts, tfexec.VarFile(f))
		}
	}
	if err := w.t.Apply(ctx, opts...); err != nil {
		return fmt.Errorf("terraform apply in %s: %w", w.opts.Dir, w.classify(err))
	}
	return nil
}

// Destroy destroys every resource of the stack.
func (w *Workspace) Destroy(ctx context.Context) error {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	opts := []tfexec.DestroyOption{tfexec.LockTimeout("0s")}
	for _, f := range w.opts.VarFiles {
		opts = append(opts, tfexec.VarFile(f))
	}
	if err := w.t.Destroy(ctx, opts...); err != nil {
		return fmt.Errorf("terraform destroy in %s: %w", w.opts.Dir, w.classify(err))
	}
	return nil
}

// LockPlatforms are the platforms the team runs terraform on; every root's
// lock file carries the provider hashes of each.
var LockPlatforms = []string{"linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64"}

// ProvidersLock records in the root's dependency lock file the provider
// hashes of each platform (terraform providers lock -platform=…). It asks
// the providers' origin registry: the offline mirror holds one platform.
func (w *Workspace) ProvidersLock(ctx context.Context, platforms []string) error {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	opts := make([]tfexec.ProvidersLockOption, 0, len(platforms))
	for _, p := range platforms {
		opts = append(opts, tfexec.Platform(p))
	}
	if err := w.t.ProvidersLock(ctx, opts...); err != nil {
		return fmt.Errorf("terraform providers lock in %s: %w", w.opts.Dir, err)
	}
	return nil
}

// Validate runs terraform validate.
func (w *Workspace) Validate(ctx context.Context) (*tfjson.ValidateOutput, error) {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	out, err := w.t.Validate(ctx)
	if err != nil {
		return nil, fmt.Errorf("terraform validate in %s: %w", w.opts.Dir, err)
	}
	return out, nil
}

// Outputs returns the root module's outputs as JSON values.
func (w *Workspace) Outputs(ctx context.Context) (map[string]Output, error) {
	defer w.machineReadable()()
	raw, err := w.t.Output(ctx)
	if err != nil {
		return nil, fmt.Errorf("terraform output in %s: %w", w.opts.Dir, err)
	}
	out := make(map[string]Output, len(raw))
	for k, v := range raw {
		out[k] = Output{Sensitive: v.Sensitive, Type: v.Type, Value: v.Value}
	}
	return out, nil
}

// machineReadable keeps JSON that terraform-exec parses out of the human
// output writer (it copies a command's stdout there too) until the returned
// func restores it.
func (w *Workspace) machineReadable() func() {
	w.t.SetStdout(io.Discard)
	return func() {
		if w.opts.Stdout != nil {
			w.t.SetStdout(w.opts.Stdout)
		}
	}
}

// Output is one root output, in the shape of `terraform output -json`.
type Output struct {
	Sensitive bool            `json:"sensitive"`
	Type      json.RawMessage `json:"type"`
	Value     json.RawMessage `json:"value"`
}

// State returns the current state as terraform show -json renders it.
func (w *Workspace) State(ctx context.Context) (*tfjson.State, error) {
	defer w.machineReadable()()
	st, err := w.t.Show(ctx)
	if err != nil {
		return nil, fmt.Errorf("terraform show in %s: %w", w.opts.Dir, w.classify(err))
	}
	return st, nil
}

// ShowPlan renders a saved plan.
func (w *Workspace) ShowPlan(ctx context.Context, planFile string) (*tfjson.Plan, error) {
	defer w.machineReadable()()
	p, err := w.t.ShowPlanFile(ctx, planFile)
	if err != nil {
		return nil, fmt.Errorf("reading plan %s: %w", planFile, err)
	}
	return p, nil
}

// StatePull returns the raw state document from the backend.
func (w *Workspace) StatePull(ctx context.Context) ([]byte, error) {
	defer w.machineReadable()()
	s, err := w.t.StatePull(ctx)
	if err != nil {
		return nil, fmt.Errorf("terraform state pull in %s: %w", w.opts.Dir, w.classify(err))
	}
	return []byte(s), nil
}

// LockedError says another run holds the state lock.
type LockedError struct {
	Stack                             string // "" when the workspace was not told
	ID, Path, Operation, Who, Created string
	err                               error
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("state %s is locked by %s (%s, since %s, lock id %s)", e.Path, e.Who, HumanOperation(e.Operation), e.Created, e.ID)
}

// HumanOperation says what a lock's operation was: terraform records
// OperationTypeApply, OperationTypePlan …, and OperationTypeInvalid for the
// commands without a type of their own (state rm/mv/push, import,
// force-unlock).
func HumanOperation(op string) string {
	switch op {
	case "", "OperationTypeInvalid":
		return "a state command (state rm/mv/push or import)"
	}
	return strings.ToLower(strings.TrimPrefix(op, "OperationType"))
}

// classify is classify naming the workspace's stack in a lock conflict.
func (w *Workspace) classify(err error) error {
	err = classify(err)
	if le, ok := IsLocked(err); ok {
		le.Stack = w.opts.Stack
	}
	return err
}

func (e *LockedError) Unwrap() error { return e.err }

var lockField = regexp.MustCompile(`(?m)^\s*(ID|Path|Operation|Who|Created):\s*(.*?)\s*$`)

// ErrStalePlan is terraform's own refusal of a saved plan whose state
// changed after it was made: a run that took the lock just after another
// apply released it (infra's freshness check ran before that apply wrote).
var ErrStalePlan = errors.New("the saved plan is stale: the state changed since it was made; run `infra plan <stack>` again")

// classify turns terraform's lock failure into a *LockedError and its
// stale-plan refusal into ErrStalePlan.
func classify(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "Saved plan is stale") {
		return ErrStalePlan
	}
	if !strings.Contains(msg, "Error acquiring the state lock") {
		return err
	}
	le := &LockedError{err: err}
	if i := strings.Index(msg, "Lock Info:"); i >= 0 {
		msg = msg[i:]
	}
	for _, m := range lockField.FindAllStringSubmatch(msg, -1) {
		switch m[1] {
		case "ID":
			le.ID = m[2]
		case "Path":
			le.Path = m[2]
		case "Operation":
			le.Operation = m[2]
		case "Who":
			le.Who = m[2]
		case "Created":
			le.Created = m[2]
		}
	}
	return le
}

// IsLocked reports whether err is a state lock conflict.
func IsLocked(err error) (*LockedError, bool) {
	var le *LockedError
	ok := errors.As(err, &le)
	return le, ok
}
