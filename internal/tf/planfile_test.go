package tf_test

import (
	"archive/zip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/taskmanager-platform/infra/internal/testutil/testfs"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/toolchain"
)

func writeZip(t *testing.T, entries map[string]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.tfplan")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, content := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// driftLines renders ReadDrift's resource drift one line per resource.
func driftLines(p *tfjson.Plan) []string {
	var out []string
	for _, rc := range p.ResourceDrift {
		out = append(out, fmt.Sprintf("%s %s module=%q %v→%v", rc.Address, rc.Change.Actions, rc.ModuleAddress, rc.Change.Before, rc.Change.After))
	}
	return out
}

// configKeys flattens a configuration to "<module path>|<type>.<name>: keys".
func configKeys(c *tfjson.Config) []string {
	var out []string
	var walk func(prefix string, m *tfjson.ConfigModule)
	walk = func(prefix string, m *tfjson.ConfigModule) {
		for _, r := range m.Resources {
			var keys []string
			for k := range r.Expressions {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			out = append(out, prefix+"|"+r.Type+"."+r.Name+": "+strings.Join(keys, ","))
		}
		for name, call := range m.ModuleCalls {
			walk(prefix+"/"+name, call.Module)
		}
	}
	walk("", c.RootModule)
	sort.Strings(out)
	return out
}

func TestReadDrift(t *testing.T) {
	const modules = `[{"Key":"","Dir":"."},{"Key":"net","Source":"./net","Dir":"net"},{"Key":"net.sub","Source":"./sub","Dir":"net/sub"}]`
	const prev = `{"version":4,"resources":[
 {"mode":"managed","type":"aws_vpc","name":"this","instances":[{"attributes":{"id":"vpc-1","tags":{"A":"1"}}}]},
 {"module":"module.net","mode":"managed","type":"aws_subnet","name":"s","each":"map","instances":[
   {"index_key":"a","attributes":{"id":"subnet-a","cidr":"10.0.0.0/24"}},
   {"index_key":"b","attributes":{"id":"subnet-b","cidr":"10.0.1.0/24"}}]},
 {"module":"module.net.module.sub","mode":"managed","type":"aws_eip","name":"e","each":"list","instances":[{"index_key":0,"attributes":{"id":"eip-0"}}]},
 {"mode":"data","type":"aws_region","name":"r","instances":[{"attributes":{"name":"us-east-1"}}]},
 {"mode":"managed","type":"aws_instance","name":"old","instances":[{"deposed":"abcd","attributes":{"id":"i-old"}}]}
]}`
	const now = `{"version":4,"resources":[
 {"mode":"managed","type":"aws_vpc","name":"this","instances":[{"attributes":{"id":"vpc-1","tags":{"A":"2"}}}]},
 {"module":"module.net","mode":"managed","type":"aws_subnet","name":"s","each":"map","instances":[
   {"index_key":"a","attributes":{"id":"subnet-a","cidr":"10.0.0.0/24"}}]},
 {"module":"module.net.module.sub","mode":"managed","type":"aws_eip","name":"e","each":"list","instances":[{"index_key":0,"attributes":{"id":"eip-0"}}]},
 {"mode":"data","type":"aws_region","name":"r","instances":[{"attributes":{"name":"eu-west-1"}}]}
]}`
	p := writeZip(t, map[string]string{
		"tfplan": "", "tfstate-prev": prev, "tfstate": now, "tfconfig/modules.json": modules,
		"tfconfig/m-/main.tf": `resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
  count      = 1
  depends_on = []
  lifecycle {
    prevent_destroy = true
  }
  dynamic "ipv6" {
    for_each = []
    content {}
  }
  tags = {}
}
data "aws_region" "r" {}
`,
		"tfconfig/m-/main_override.tf":  "resource \"aws_vpc\" \"this\" {\n  enable_dns_support = true\n}\n",
		"tfconfig/m-/README.md":         "not configuration",
		"tfconfig/m-net/main.tf":        "resource \"aws_subnet\" \"s\" {\n  for_each = {}\n  cidr_block = each.value\n  timeouts {\n  }\n}\n",
		"tfconfig/m-net.sub/main.tf":    "resource \"aws_eip\" \"e\" {\n  provider = aws.x\n  domain = \"vpc\"\n}\n",
		"tfconfig/m-net/sub/ignored.tf": "resource \"aws_eip\" \"wrong\" {}\n",
	})
	got, err := tf.ReadDrift(p)
	if err != nil {
		t.Fatal(err)
	}
	wantDrift := []string{
		`aws_vpc.this [update] module="" map[id:vpc-1 tags:map[A:1]]→map[id:vpc-1 tags:map[A:2]]`,
		`module.net.aws_subnet.s["b"] [delete] module="module.net" map[cidr:10.0.1.0/24 id:subnet-b]→<nil>`,
	}
	if d := driftLines(got); !reflect.DeepEqual(d, wantDrift) {
		t.Errorf("drift =\n%s\nwant\n%s", strings.Join(d, "\n"), strings.Join(wantDrift, "\n"))
	}
	wantConfig := []string{
		"/net/sub|aws_eip.e: domain",
		"/net|aws_subnet.s: cidr_block,timeouts",
		"|aws_vpc.this: cidr_block,enable_dns_support,tags",
	}
	if c := configKeys(got.Config); !reflect.DeepEqual(c, wantConfig) {
		t.Errorf("config =\n%s\nwant\n%s", strings.Join(c, "\n"), strings.Join(wantConfig, "\n"))
	}
}

func TestReadDriftRefusesWhatIsNotAPlan(t *testing.T) {
	for name, entries := range map[string]map[string]string{
		"no previous state": {"tfstate": "{}", "tfconfig/modules.json": `[{"Key":""}]`},
		"no config":         {"tfstate": "{}", "tfstate-prev": "{}"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := tf.ReadDrift(writeZip(t, entries)); err == nil {
				t.Fatal("want an error")
			}
		})
	}
	junk := filepath.Join(t.TempDir(), "junk")
	testfs.Write(t, junk, "not a zip")
	if _, err := tf.ReadDrift(junk); err == nil {
		t.Fatal("junk: want an error")
	}
}

// TestReadDriftMatchesShow: on a real refresh-only plan of a configuration
// with nested modules, for_each, count and meta-arguments (built-in
// terraform_data resources: no provider, no emulator), ReadDrift sees the
// same resource drift (none) and the same declared arguments per resource
// as terraform show -json.
func TestReadDriftMatchesShow(t *testing.T) {
	dir := t.TempDir()
	testfs.Write(t, filepath.Join(dir, "main.tf"), `resource "terraform_data" "a" {
  count = 2
  input = count.index
  lifecycle {
    ignore_changes = [input]
  }
}
module "m" {
  source   = "./m"
  for_each = toset(["x", "y"])
  name     = each.key
}
`)
	testfs.Write(t, filepath.Join(dir, "m", "main.tf"), `variable "name" {
  type = string
}
resource "terraform_data" "b" {
  input            = var.name
  triggers_replace = [var.name]
  depends_on       = [module.n]
}
module "n" {
  source = "./n"
}
`)
	testfs.Write(t, filepath.Join(dir, "m", "n", "main.tf"), "resource \"terraform_data\" \"c\" {\n}\n")
	ctx := context.Background()
	w := applied(t, dir)
	plan := filepath.Join(t.TempDir(), "drift.tfplan")
	if _, err := w.Plan(ctx, tf.PlanOptions{Out: plan, RefreshOnly: true}); err != nil {
		t.Fatal(err)
	}
	shown, err := w.ShowPlan(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	read, err := tf.ReadDrift(plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(shown.ResourceDrift) != 0 || len(read.ResourceDrift) != 0 {
		t.Errorf("resource drift: show %d, ReadDrift %d; want none", len(shown.ResourceDrift), len(read.ResourceDrift))
	}
	want, got := configKeys(shown.Config), configKeys(read.Config)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("declared arguments:\nReadDrift %s\nshow -json %s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !slices.Contains(got, "/m/n|terraform_data.c: ") {
		t.Errorf("the nested module's resource is missing: %v", got)
	}
}

// TestStateResourcesMatchShow: the resources read from `terraform state
// pull` have the addresses, modes, types and indexes terraform show -json
// gives them (terraform_data's dynamic input/output attributes are stored
// wrapped in the state, so only id is compared here; the integration tests
// compare every attribute of real AWS stacks).
func TestStateResourcesMatchShow(t *testing.T) {
	dir := t.TempDir()
	testfs.Write(t, filepath.Join(dir, "main.tf"), `resource "terraform_data" "a" {
  count = 2
}
module "m" {
  source   = "./m"
  for_each = toset(["x", "y"])
}
data "terraform_remote_state" "none" {
  backend = "local"
  config = {
    path = "${path.module}/other.tfstate"
  }
}
`)
	testfs.Write(t, filepath.Join(dir, "other.tfstate"), `{"version":4,"terraform_version":"1.11.4","serial":1,"lineage":"l","outputs":{},"resources":[]}`)
	testfs.Write(t, filepath.Join(dir, "m", "main.tf"), "resource \"terraform_data\" \"b\" {\n}\n")
	ctx := context.Background()
	w := applied(t, dir)
	shown, err := w.State(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pulled, err := w.StateResources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	flat := func(st *tfjson.State) []string {
		var out []string
		var walk func(m *tfjson.StateModule)
		walk = func(m *tfjson.StateModule) {
			for _, r := range m.Resources {
				out = append(out, fmt.Sprintf("%s %s %s.%s %v id=%v", r.Address, r.Mode, r.Type, r.Name, r.Index, r.AttributeValues["id"]))
			}
			for _, c := range m.ChildModules {
				walk(c)
			}
		}
		walk(st.Values.RootModule)
		sort.Strings(out)
		return out
	}
	want, got := flat(shown), flat(pulled)
	if len(want) != 5 || !reflect.DeepEqual(got, want) {
		t.Errorf("state pull:\n%s\nshow -json (want 5 resources):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// applied initialises (no backend: local state) and applies the
// configuration in dir, built-in resources only.
func applied(t *testing.T, dir string) *tf.Workspace {
	t.Helper()
	bin, err := toolchain.FindTerraform()
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(t.TempDir(), "terraformrc")
	testfs.Write(t, cfg, "")
	w, err := tf.NewRunner(bin, cfg).Workspace(tf.Options{Dir: dir, DataDir: filepath.Join(t.TempDir(), "data")})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := w.InitNoBackend(ctx); err != nil {
		t.Fatal(err)
	}
	if err := w.Apply(ctx, ""); err != nil {
		t.Fatal(err)
	}
	return w
}
