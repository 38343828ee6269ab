package policy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/tester"
)

// TestResult is one Rego unit test.
type TestResult struct {
	Package  string        `json:"package"`
	Name     string        `json:"name"`
	Pass     bool          `json:"pass"`
	Problem  string        `json:"problem,omitempty"`
	Duration time.Duration `json:"duration"`
}

// Test runs the library's Rego unit tests (test_* rules of *_test.rego)
// with OPA's tester.
func Test(ctx context.Context, dir string) ([]TestResult, error) {
	if _, err := readModules(dir, false); err != nil {
		return nil, err
	}
	modules, store, err := tester.Load([]string{dir}, nil)
	if err != nil {
		return nil, fmt.Errorf("loading the policy tests in %s: %w", dir, err)
	}
	ch, err := tester.NewRunner().SetStore(store).SetTimeout(time.Minute).Run(ctx, modules)
	if err != nil {
		return nil, fmt.Errorf("running the policy tests: %w", err)
	}
	var out []TestResult
	for r := range ch {
		tr := TestResult{Package: strings.TrimPrefix(r.Package, "data."), Name: r.Name, Pass: r.Pass(), Duration: r.Duration}
		switch {
		case r.Error != nil:
			tr.Problem = r.Error.Error()
		case r.Fail:
			tr.Problem = "failed"
			if r.Location != nil {
				tr.Problem = fmt.Sprintf("failed (%s:%d)", r.Location.File, r.Location.Row)
			}
		case r.Skip:
			tr.Problem = "skipped"
		}
		out = append(out, tr)
	}
	return out, nil
}
