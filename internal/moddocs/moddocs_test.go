package moddocs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/moddocs"
	"github.com/taskmanager-platform/infra/internal/project"
)

// TestModuleREADMEsUpToDate fails when a module's README tables differ from
// its code: run `infra docs`.
func TestModuleREADMEsUpToDate(t *testing.T) {
	p, err := project.Find(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	results, err := moddocs.Update(filepath.Join(p.TerraformDir(), "modules"), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) < 10 {
		t.Fatalf("only %d modules found", len(results))
	}
	for _, r := range results {
		if r.Changed {
			t.Errorf("%s is stale: run `go run ./cmd/infra docs`", r.README)
		}
	}
}

func TestRenderAndSplice(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"versions.tf":  "terraform {\n  required_version = \">= 1.10\"\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \">= 5.90\"\n    }\n  }\n}\n",
		"variables.tf": "variable \"name\" {\n  description = \"Name | with a pipe\\nand a newline.\"\n  type        = string\n}\n\nvariable \"sizes\" {\n  description = \"Sizes.\"\n  type = object({\n    min = number\n    max = number\n  })\n  default = { min = 1, max = 2 }\n}\n",
		"outputs.tf":   "output \"id\" {\n  description = \"The id.\"\n  value       = \"x\"\n}\n\noutput \"secret\" {\n  description = \"A secret.\"\n  value       = \"y\"\n  sensitive   = true\n}\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	block, err := moddocs.Render(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| terraform | >= 1.10 |",
		"| hashicorp/aws | >= 5.90 |",
		"| name | Name \\| with a pipe and a newline. | `string` | n/a | yes |",
		"| sizes | Sizes. | `object({ min = number max = number })` | `{\"max\":2,\"min\":1}` | no |",
		"| secret | A secret. (sensitive) |",
	} {
		if !strings.Contains(block, want) {
			t.Errorf("block lacks %q:\n%s", want, block)
		}
	}
	readme := "# m\n\nProse.\n\n" + moddocs.Begin + "\nold\n" + moddocs.End + "\n\n## Tests\n"
	got := moddocs.Splice(readme, block)
	if !strings.HasPrefix(got, "# m\n\nProse.\n\n"+block) || !strings.HasSuffix(got, "\n## Tests\n") || strings.Contains(got, "old") {
		t.Errorf("splice between markers:\n%s", got)
	}
	if again := moddocs.Splice(got, block); again != got {
		t.Error("splicing the same block twice changes the README")
	}
	if got := moddocs.Splice("# m\n", block); got != "# m\n\n"+block {
		t.Errorf("splice without markers appends:\n%s", got)
	}
}
