package tf

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/taskmanager-platform/infra/internal/toolchain"
)

// TestOutputsInTerraformsShape: Outputs, encoded as `infra output --json`
// encodes them, equals what `terraform output -json` prints for the same
// state: sensitive, type and value per output. A root with outputs only
// needs no provider, so this runs offline in a second.
func TestOutputsInTerraformsShape(t *testing.T) {
	bin, err := toolchain.FindTerraform()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := `output "name" {
  value = "tm-dev"
}
output "count" {
  value = 3
}
output "subnets" {
  value = ["10.0.1.0/24", "10.0.2.0/24"]
}
output "endpoint" {
  value = { host = "db.internal", port = 5432, tls = true }
}
output "password" {
  value     = "s3cret"
  sensitive = true
}
output "nothing" {
  value = null
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	dataDir := filepath.Join(t.TempDir(), "data")
	w, err := NewRunner(bin, os.DevNull).Workspace(Options{Dir: dir, DataDir: dataDir, Env: map[string]string{"PATH": os.Getenv("PATH"), "HOME": os.Getenv("HOME")}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := w.Init(ctx, false); err != nil {
		t.Fatal(err)
	}
	if err := w.Apply(ctx, ""); err != nil {
		t.Fatal(err)
	}
	outs, err := w.Outputs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := json.Marshal(outs)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "output", "-json")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TF_DATA_DIR="+dataDir, "TF_CLI_CONFIG_FILE="+os.DevNull)
	theirs, err := cmd.Output()
	if err != nil {
		t.Fatalf("terraform output -json: %v", err)
	}
	var a, b any
	if err := json.Unmarshal(ours, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(theirs, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("infra output --json:\n%s\nterraform output -json:\n%s", ours, theirs)
	}
}
