package stacks

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/project"
)

// tree writes a Terraform tree with a backend.tf in each root and returns it.
func tree(t *testing.T, manifest string, roots ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, r := range roots {
		p := filepath.Join(dir, filepath.FromSlash(r), "backend.tf")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("terraform {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ManifestFile), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

const good = `
stack "tm-dev" {
  path        = "environments/dev"
  system      = "taskmanager"
  environment = "dev"
  aliases     = ["dev"]
  depends_on  = ["ecr"]
}
stack "tm-prod" {
  path        = "environments/production"
  system      = "taskmanager"
  environment = "production"
  aliases     = ["production", "prod"]
  depends_on  = ["ecr", "route53"]
}
stack "route53" {
  path        = "global/route53"
  system      = "global"
  environment = "global"
}
stack "ecr" {
  path        = "global/ecr"
  system      = "global"
  environment = "global"
}
`

var goodRoots = []string{"environments/dev", "environments/production", "global/route53", "global/ecr"}

func TestResolve(t *testing.T) {
	c, err := Load(tree(t, good, goodRoots...))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"tm-dev": "tm-dev", "dev": "tm-dev", "production": "tm-prod", "prod": "tm-prod", "ecr": "ecr"} {
		s, err := c.Resolve(name)
		if err != nil || s.Name != want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", name, s.Name, err, want)
		}
	}
	s, _ := c.Resolve("prod")
	if !s.Production() {
		t.Error("tm-prod is not production")
	}
	_, err = c.Resolve("tm-dve")
	if !errors.Is(err, ErrUnknown) || !strings.Contains(err.Error(), "unknown stack") {
		t.Fatalf("want unknown stack, got %v", err)
	}
	if !strings.Contains(err.Error(), `did you mean "tm-dev"`) || !strings.Contains(err.Error(), "tm-prod (production, prod)") {
		t.Errorf("error does not list names or suggest: %v", err)
	}
	if _, err := c.ResolveAll([]string{"dev", "nope", "zzz"}); !errors.Is(err, ErrUnknown) || strings.Count(err.Error(), "unknown stack") != 2 {
		t.Errorf("ResolveAll should report every unknown name: %v", err)
	}
}

func TestWithDependencies(t *testing.T) {
	c, err := Load(tree(t, good, goodRoots...))
	if err != nil {
		t.Fatal(err)
	}
	prod, _ := c.Resolve("prod")
	got, err := c.WithDependencies(prod)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range got {
		names = append(names, s.Name)
	}
	// Dependencies first, in depends_on order, then the stack itself.
	if strings.Join(names, ",") != "ecr,route53,tm-prod" {
		t.Errorf("order = %v", names)
	}
}

func TestLoadRejects(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		roots    []string
		want     string
	}{
		{"duplicate alias", good + `
stack "tm-dev2" {
  path = "environments/dev2"
  system = "taskmanager"
  environment = "dev"
  aliases = ["dev"]
}`, append(goodRoots, "environments/dev2"), `name "dev" is used by both`},
		{"unknown dependency", strings.Replace(good, `depends_on  = ["ecr"]`, `depends_on  = ["iam"]`, 1), goodRoots, `depends on unknown stack "iam"`},
		{"missing root", good, goodRoots[:3], "global/ecr has no backend.tf"},
		{"unlisted root", good, append(goodRoots, "environments/qa"), "environments/qa has a backend.tf but no stack"},
		{"bad environment", strings.Replace(good, `environment = "dev"`, `environment = "test"`, 1), goodRoots, `environment "test" is not one of`},
		{"cycle", strings.Replace(good, "stack \"ecr\" {\n", "stack \"ecr\" {\n  depends_on = [\"tm-dev\"]\n", 1), goodRoots, "cycle"},
		{"syntax", "stack \"x\" {", nil, "parsing"},
		{"name with a space", strings.Replace(good, `aliases     = ["production", "prod"]`, `aliases     = ["production", "prod it"]`, 1), goodRoots, `name "prod it" must be lower-case letters`},
		{"missing var file", strings.Replace(good, `aliases     = ["production", "prod"]`, `aliases     = ["production", "prod"]
  var_files   = ["prod.tfvars"]`, 1), goodRoots, "var file environments/production/prod.tfvars does not exist"},
		{"var file outside the root", strings.Replace(good, `aliases     = ["production", "prod"]`, `aliases     = ["production", "prod"]
  var_files   = ["../dev/backend.tf"]`, 1), goodRoots, `var file "../dev/backend.tf" must be a path inside environments/production`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(tree(t, tc.manifest, tc.roots...))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want error containing %q, got %v", tc.want, err)
			}
		})
	}
}

func TestVarFiles(t *testing.T) {
	manifest := strings.Replace(good, `aliases     = ["production", "prod"]`, `aliases     = ["production", "prod"]
  var_files   = ["prod.tfvars", "extra/more.tfvars"]`, 1)
	dir := tree(t, manifest, goodRoots...)
	for _, f := range []string{"prod.tfvars", "extra/more.tfvars"} {
		p := filepath.Join(dir, "environments", "production", filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("environment = \"production\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		stack string
		want  []string
	}{
		{"prod", []string{
			filepath.Join(dir, "environments", "production", "prod.tfvars"),
			filepath.Join(dir, "environments", "production", "extra", "more.tfvars"),
		}},
		{"dev", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.stack, func(t *testing.T) {
			s, err := c.Resolve(tc.stack)
			if err != nil {
				t.Fatal(err)
			}
			got := s.VarFilePaths()
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("VarFilePaths() = %q, want %q", got, tc.want)
			}
		})
	}
}

// The repository's own manifest is consistent with the tree.
func TestRepositoryManifest(t *testing.T) {
	p, err := project.Find(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(p.TerraformDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Resolve("dev"); err != nil {
		t.Errorf("the design's name dev must keep working: %v", err)
	}
}
