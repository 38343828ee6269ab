package hclgen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/taskmanager-platform/infra/internal/hclgen"
)

func TestImportBlock(t *testing.T) {
	tests := []struct {
		addr, id string
		want     string
		err      string
	}{
		{"module.networking.aws_internet_gateway.this", "igw-0abc", "import {\n  to = module.networking.aws_internet_gateway.this\n  id = \"igw-0abc\"\n}\n", ""},
		{`module.ecs.aws_ecs_service.this["api"]`, `arn:x/"quoted"/${x}`, "import {\n  to = module.ecs.aws_ecs_service.this[\"api\"]\n  id = \"arn:x/\\\"quoted\\\"/$${x}\"\n}\n", ""},
		{"module.a[0].aws_s3_bucket.b", "b", "import {\n  to = module.a[0].aws_s3_bucket.b\n  id = \"b\"\n}\n", ""},
		{"not an address!", "x", "", "is not a resource address"},
		{"aws_vpc.this\n}\nresource \"x\" {", "x", "", "is not a resource address"},
	}
	for _, tc := range tests {
		got, err := hclgen.ImportBlock(tc.addr, tc.id)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: want error %q, got %v / %s", tc.addr, tc.err, err, got)
			}
			continue
		}
		if err != nil || string(got) != tc.want {
			t.Errorf("%q:\n got %q %v\nwant %q", tc.addr, got, err, tc.want)
			continue
		}
		// The id reads back exactly.
		f, diags := hclparse.NewParser().ParseHCL(got, "x.tf")
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		c, _, _ := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "import"}}})
		attrs, _ := c.Blocks[0].Body.JustAttributes()
		v, diags := attrs["id"].Expr.Value(nil)
		if diags.HasErrors() || v.AsString() != tc.id {
			t.Errorf("id reads back as %#v %v", v, diags)
		}
	}
}

func TestFileAndEdit(t *testing.T) {
	out := hclgen.File("Generated.\nNever committed.", func(b *hclwrite.Body) {
		b.SetAttributeValue("use_path_style", cty.True)
		b.SetAttributeValue("endpoints", cty.ObjectVal(map[string]cty.Value{"s3": cty.StringVal("https://127.0.0.1:1")}))
	})
	want := "# Generated.\n# Never committed.\nuse_path_style = true\nendpoints = {\n  s3 = \"https://127.0.0.1:1\"\n}\n"
	if string(out) != want {
		t.Errorf("File:\n%s\nwant:\n%s", out, want)
	}

	path := filepath.Join(t.TempDir(), "stacks.hcl")
	src := "# keep me\nstack \"a\" {\n  path = \"x\"\n  depends_on = [\"b\"]\n}\n\nstack \"b\" {\n  path = \"y\"\n}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	err := hclgen.Edit(path, func(f *hclwrite.File) error {
		hclgen.Block(f.Body(), "stack", "a").Body().RemoveAttribute("depends_on")
		f.Body().RemoveBlock(hclgen.Block(f.Body(), "stack", "b"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "# keep me\nstack \"a\" {\n  path = \"x\"\n}\n\n"; string(got) != want {
		t.Errorf("Edit:\n%q\nwant\n%q", got, want)
	}
}
