package tf

import (
	"errors"
	"fmt"
	"os"
	"testing"
)

func TestClassifyLock(t *testing.T) {
	raw, err := os.ReadFile("testdata/locked.stderr")
	if err != nil {
		t.Fatal(err)
	}
	err = fmt.Errorf("terraform apply in /x: %w", classify(errors.New(string(raw))))
	le, ok := IsLocked(err)
	if !ok {
		t.Fatalf("lock failure not recognised: %v", err)
	}
	want := LockedError{ID: "0b5a2e6c-5b0c-7e0a-44c2-9d1f1f6d2c11", Path: "taskmanager-terraform-state/dev/terraform.tfstate", Operation: "OperationTypeApply", Who: "alice@build-7", Created: "2026-11-22 08:01:37.123456 +0000 UTC"}
	if le.ID != want.ID || le.Path != want.Path || le.Operation != want.Operation || le.Who != want.Who || le.Created != want.Created {
		t.Errorf("got %+v", le)
	}
	if _, ok := IsLocked(classify(errors.New("exit status 1\nError: Invalid reference"))); ok {
		t.Error("an ordinary failure was taken for a lock conflict")
	}
}

// Terraform's own stale-plan refusal (a run that took the lock right after
// another apply released it) is ErrStalePlan, which the CLI maps to exit 3.
func TestClassifyStalePlan(t *testing.T) {
	err := classify(errors.New("exit status 1\n\nError: Saved plan is stale\n\nThe given plan file can no longer be applied because the state was changed"))
	if !errors.Is(err, ErrStalePlan) {
		t.Fatalf("want ErrStalePlan, got %v", err)
	}
	if errors.Is(classify(errors.New("exit status 1\nError: Invalid reference")), ErrStalePlan) {
		t.Error("another error classified as a stale plan")
	}
}

func TestDefaultParallelism(t *testing.T) {
	t.Setenv(EnvParallelism, "3")
	if got := DefaultParallelism(); got != 3 {
		t.Errorf("override: got %d", got)
	}
	t.Setenv(EnvParallelism, "")
	if got := DefaultParallelism(); got < 1 {
		t.Errorf("got %d", got)
	}
}
