package clitest

import (
	"context"
	"io"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/taskmanager-platform/infra/internal/drift"
	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/verify"
)

// DriftMatchesShow makes a refresh-only plan of the stack (local target)
// and checks that the drift infra reads from the plan file itself
// (tf.ReadDrift) is the drift terraform show -json reports, and that the
// stack did drift: infra drift no longer runs show, so this keeps the two
// readings in step on real stacks.
func DriftMatchesShow(tb testing.TB, repo, state, name string) {
	tb.Helper()
	ctx := context.Background()
	w := workspace(tb, repo, state, name)
	file := filepath.Join(tb.TempDir(), "drift.tfplan")
	if _, err := w.Plan(ctx, tf.PlanOptions{Out: file, RefreshOnly: true}); err != nil {
		tb.Fatal(err)
	}
	shown, err := w.ShowPlan(ctx, file)
	if err != nil {
		tb.Fatal(err)
	}
	read, err := tf.ReadDrift(file)
	if err != nil {
		tb.Fatal(err)
	}
	want, got := drift.FromPlan(name, shown), drift.FromPlan(name, read)
	if want.Status != drift.Drifted || !reflect.DeepEqual(got, want) {
		tb.Errorf("drift from the plan file:\n%+v\nfrom terraform show -json (want drifted):\n%+v", got, want)
	}
}

// StateMatchesShow checks that the resources verify reads from `terraform
// state pull` (tf.StateResources) are those terraform show -json lists,
// with the same attribute values.
func StateMatchesShow(tb testing.TB, repo, state, name string) {
	tb.Helper()
	ctx := context.Background()
	w := workspace(tb, repo, state, name)
	shown, err := w.State(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	pulled, err := w.StateResources(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	want, got := verify.Resources(shown), verify.Resources(pulled)
	if len(want) == 0 || len(got) != len(want) {
		tb.Fatalf("state pull lists %d managed resources, show -json %d (want the same, more than none)", len(got), len(want))
	}
	for i := range want {
		if got[i].Address != want[i].Address || got[i].Type != want[i].Type || !reflect.DeepEqual(got[i].AttributeValues, want[i].AttributeValues) {
			tb.Errorf("resource %d differs:\nstate pull %s %v\nshow -json %s %v", i, got[i].Address, got[i].AttributeValues, want[i].Address, want[i].AttributeValues)
		}
	}
}

// workspace is the stack's initialised local workspace.
func workspace(tb testing.TB, repo, state, name string) *tf.Workspace {
	tb.Helper()
	ctx := context.Background()
	e, err := engine.Open(ctx, engine.Options{Dir: repo, StateDir: state, Local: true})
	if err != nil {
		tb.Fatal(err)
	}
	s, err := e.Resolve(name)
	if err != nil {
		tb.Fatal(err)
	}
	w, err := e.Workspace(s, engine.WorkspaceOptions{Stdout: io.Discard})
	if err != nil {
		tb.Fatal(err)
	}
	if err := e.EnsureInit(ctx, s, w); err != nil {
		tb.Fatal(err)
	}
	return w
}
