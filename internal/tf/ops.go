package tf

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-exec/tfexec"
)

// FormatCheck reports the files under dir (recursively) that terraform fmt
// would change; write rewrites them.
func (r *Runner) FormatCheck(ctx context.Context, dir string, write bool) ([]string, error) {
	release, err := r.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	t, err := tfexec.NewTerraform(dir, r.bin)
	if err != nil {
		return nil, fmt.Errorf("preparing terraform in %s: %w", dir, err)
	}
	if write {
		if err := t.FormatWrite(ctx, tfexec.Dir(dir), tfexec.Recursive(true)); err != nil {
			return nil, fmt.Errorf("terraform fmt -recursive %s: %w", dir, err)
		}
		return nil, nil
	}
	_, files, err := t.FormatCheck(ctx, tfexec.Dir(dir), tfexec.Recursive(true))
	if err != nil {
		return nil, fmt.Errorf("terraform fmt -check -recursive %s: %w", dir, err)
	}
	return files, nil
}

// StateRm removes an address from state (the resource is left alone).
func (w *Workspace) StateRm(ctx context.Context, addr string) error {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	if err := w.t.StateRm(ctx, addr, tfexec.LockTimeout("0s")); err != nil {
		return fmt.Errorf("terraform state rm %s in %s: %w", addr, w.opts.Dir, w.classify(err))
	}
	return nil
}

// StateMv moves an address in state.
func (w *Workspace) StateMv(ctx context.Context, from, to string) error {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	if err := w.t.StateMv(ctx, from, to, tfexec.LockTimeout("0s")); err != nil {
		return fmt.Errorf("terraform state mv %s %s in %s: %w", from, to, w.opts.Dir, w.classify(err))
	}
	return nil
}

// Import adopts an existing object into state at addr.
func (w *Workspace) Import(ctx context.Context, addr, id string) error {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	opts := []tfexec.ImportOption{tfexec.LockTimeout("0s")}
	for _, f := range w.opts.VarFiles {
		opts = append(opts, tfexec.VarFile(f))
	}
	if err := w.t.Import(ctx, addr, id, opts...); err != nil {
		return fmt.Errorf("terraform import %s %s in %s: %w", addr, id, w.opts.Dir, w.classify(err))
	}
	return nil
}

// ForceUnlock removes the state lock with the given id.
func (w *Workspace) ForceUnlock(ctx context.Context, id string) error {
	if err := w.t.ForceUnlock(ctx, id); err != nil {
		return fmt.Errorf("terraform force-unlock %s in %s: %w", id, w.opts.Dir, err)
	}
	return nil
}

// StatePush replaces the remote state with the document at path.
func (w *Workspace) StatePush(ctx context.Context, path string) error {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	if err := w.t.StatePush(ctx, path, tfexec.LockTimeout("0s")); err != nil {
		return fmt.Errorf("terraform state push in %s: %w", w.opts.Dir, w.classify(err))
	}
	return nil
}

// TestResult is the outcome of `terraform test` in one module.
type TestResult struct {
	Passed, Failed, Errored, Skipped int
	// Problems are the failed runs and error diagnostics, one line each.
	Problems []string
}

// Test runs the module's .tftest.hcl files (terraform test -json) and sums
// up the machine-readable stream.
func (w *Workspace) Test(ctx context.Context) (*TestResult, error) {
	release, err := w.r.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	var buf bytes.Buffer
	runErr := w.t.Test(ctx, &buf)
	res := &TestResult{}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var m struct {
			Type        string `json:"type"`
			TestSummary *struct {
				Passed  int `json:"passed"`
				Failed  int `json:"failed"`
				Errored int `json:"errored"`
				Skipped int `json:"skipped"`
			} `json:"test_summary"`
			TestRun *struct {
				Path     string `json:"path"`
				Run      string `json:"run"`
				Progress string `json:"progress"`
				Status   string `json:"status"`
			} `json:"test_run"`
			Diagnostic *struct {
				Severity string `json:"severity"`
				Summary  string `json:"summary"`
				Detail   string `json:"detail"`
			} `json:"diagnostic"`
		}
		if json.Unmarshal(sc.Bytes(), &m) != nil {
			continue
		}
		switch {
		case m.TestSummary != nil:
			res.Passed, res.Failed, res.Errored, res.Skipped = m.TestSummary.Passed, m.TestSummary.Failed, m.TestSummary.Errored, m.TestSummary.Skipped
		case m.TestRun != nil && m.TestRun.Progress == "complete" && (m.TestRun.Status == "fail" || m.TestRun.Status == "error"):
			res.Problems = append(res.Problems, fmt.Sprintf("%s run %q: %s", m.TestRun.Path, m.TestRun.Run, m.TestRun.Status))
		case m.Diagnostic != nil && m.Diagnostic.Severity == "error":
			res.Problems = append(res.Problems, strings.TrimSpace(m.Diagnostic.Summary+": "+m.Diagnostic.Detail))
		}
	}
	if runErr != nil && res.Failed+res.Errored == 0 && len(res.Problems) == 0 {
		return nil, fmt.Errorf("terraform test in %s: %w", w.opts.Dir, runErr)
	}
	return res, nil
}
