package affected_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/affected"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/testutil/testfs"
	"github.com/taskmanager-platform/infra/internal/testutil/testgit"
)

func TestDecide(t *testing.T) {
	const manifest = "tf/stacks.hcl"
	all := []affected.Stack{
		{Name: "tm-dev", Root: "tf/environments/dev", Modules: []string{"tf/modules/networking", "tf/modules/secrets", "tf/modules/taskmanager"}},
		{Name: "hms-dev", Root: "tf/hms/dev", Modules: []string{"tf/modules/cdn", "tf/modules/hms", "tf/modules/networking"}},
		{Name: "hms-prod", Root: "tf/hms/production", Modules: []string{"tf/modules/cdn", "tf/modules/hms", "tf/modules/networking"}, VarFiles: []string{"tf/hms/production/prod.tfvars"}},
		{Name: "global-ecr", Root: "tf/global/ecr", Modules: []string{"tf/modules/ecr"}},
	}
	type want map[string][]string
	tests := []struct {
		name    string
		changed []string
		entries []string
		want    want
	}{
		{"nothing changed", nil, nil, want{}},
		{"unrelated files", []string{"README.md", "internal/cli/plan.go", ".github/workflows/go.yml"}, nil, want{}},
		{"root file", []string{"tf/environments/dev/main.tf"}, nil, want{"tm-dev": {"tf/environments/dev/main.tf (root)"}}},
		{"a module of one system", []string{"tf/modules/cdn/main.tf"}, nil, want{
			"hms-dev":  {"tf/modules/cdn/main.tf (module cdn)"},
			"hms-prod": {"tf/modules/cdn/main.tf (module cdn)"},
		}},
		{"a shared module", []string{"tf/modules/networking/variables.tf"}, nil, want{
			"tm-dev":   {"tf/modules/networking/variables.tf (module networking)"},
			"hms-dev":  {"tf/modules/networking/variables.tf (module networking)"},
			"hms-prod": {"tf/modules/networking/variables.tf (module networking)"},
		}},
		{"var file", []string{"tf/hms/production/prod.tfvars"}, nil, want{"hms-prod": {"tf/hms/production/prod.tfvars (var file)"}}},
		{"module docs and tests are not read by plans", []string{"tf/modules/cdn/README.md", "tf/modules/cdn/tests/cdn.tftest.hcl", "tf/environments/dev/README.md"}, nil, want{}},
		{"a prefix is not a directory", []string{"tf/modules/cdn-extra/main.tf", "tf/hms/dev2/main.tf"}, nil, want{}},
		{"a module's nested files count", []string{"tf/modules/ecr/templates/policy.json"}, nil, want{"global-ecr": {"tf/modules/ecr/templates/policy.json (module ecr)"}}},
		{"workflow", []string{affected.WorkflowFile}, nil, want{
			"tm-dev": {".github/workflows/terraform.yml (CI workflow)"}, "hms-dev": {".github/workflows/terraform.yml (CI workflow)"},
			"hms-prod": {".github/workflows/terraform.yml (CI workflow)"}, "global-ecr": {".github/workflows/terraform.yml (CI workflow)"},
		}},
		{"setup action", []string{".github/actions/setup-infra/action.yml"}, nil, want{
			"tm-dev": {".github/actions/setup-infra/action.yml (CI workflow)"}, "hms-dev": {".github/actions/setup-infra/action.yml (CI workflow)"},
			"hms-prod": {".github/actions/setup-infra/action.yml (CI workflow)"}, "global-ecr": {".github/actions/setup-infra/action.yml (CI workflow)"},
		}},
		{"one lock file", []string{"tf/global/ecr/.terraform.lock.hcl"}, nil, want{
			"tm-dev": {"tf/global/ecr/.terraform.lock.hcl (provider lock file)"}, "hms-dev": {"tf/global/ecr/.terraform.lock.hcl (provider lock file)"},
			"hms-prod": {"tf/global/ecr/.terraform.lock.hcl (provider lock file)"}, "global-ecr": {"tf/global/ecr/.terraform.lock.hcl (provider lock file)"},
		}},
		{"manifest, one entry changed", []string{manifest}, []string{"hms-prod"}, want{
			"tm-dev": {"tf/stacks.hcl (manifest)"}, "hms-dev": {"tf/stacks.hcl (manifest)"},
			"hms-prod": {"tf/stacks.hcl (manifest entry)"}, "global-ecr": {"tf/stacks.hcl (manifest)"},
		}},
		{"several reasons, in change order, each once", []string{"tf/hms/dev/main.tf", "tf/modules/hms/main.tf", "tf/modules/hms/outputs.tf"}, nil, want{
			"hms-dev":  {"tf/hms/dev/main.tf (root)", "tf/modules/hms/main.tf (module hms)", "tf/modules/hms/outputs.tf (module hms)"},
			"hms-prod": {"tf/modules/hms/main.tf (module hms)", "tf/modules/hms/outputs.tf (module hms)"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := affected.Decide(affected.Input{Manifest: manifest, Stacks: all, Changed: tc.changed, ChangedEntries: tc.entries})
			// Manifest order, whatever the map order.
			var wantList []affected.Result
			for _, s := range all {
				if r, ok := tc.want[s.Name]; ok {
					wantList = append(wantList, affected.Result{Stack: s.Name, Reasons: r})
				}
			}
			if wantList == nil {
				wantList = []affected.Result{}
			}
			if !reflect.DeepEqual(got, wantList) {
				t.Errorf("Decide =\n%v\nwant\n%v", got, wantList)
			}
		})
	}
}

// TestCollectOnCommits builds commits on a copy of the real Terraform tree
// and asserts the exact stack set each change affects.
func TestCollectOnCommits(t *testing.T) {
	ctx := context.Background()
	repo := t.TempDir()
	tfDir := filepath.Join(repo, "infrastructure", "terraform")
	if err := os.CopyFS(tfDir, os.DirFS(filepath.Join("..", "..", "infrastructure", "terraform"))); err != nil {
		t.Fatal(err)
	}
	testfs.Write(t, filepath.Join(repo, ".gitignore"), ".terraform/\n")
	testfs.Write(t, filepath.Join(repo, affected.WorkflowFile), "name: terraform\n")
	testgit.Run(t, repo, "init", "-q", "-b", "main")
	testgit.Run(t, repo, "add", ".")
	testgit.Run(t, repo, "commit", "-q", "-m", "base")
	testgit.Run(t, repo, "checkout", "-q", "-b", "change")
	cat, err := stacks.Load(tfDir)
	if err != nil {
		t.Fatal(err)
	}

	stackSet := func(t *testing.T) string {
		t.Helper()
		in, err := affected.Collect(ctx, tfDir, cat, "main")
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range affected.Decide(in) {
			names = append(names, r.Stack)
		}
		return strings.Join(names, " ")
	}
	commit := func(t *testing.T, msg string) {
		testgit.Run(t, repo, "add", "-A")
		testgit.Run(t, repo, "commit", "-q", "-m", msg)
	}
	reset := func(t *testing.T) {
		testgit.Run(t, repo, "reset", "-q", "--hard", "main")
		testgit.Run(t, repo, "clean", "-qfd")
	}
	allStacks := strings.Join(cat.Names(), " ")

	tests := []struct {
		name   string
		change func(t *testing.T)
		want   string
	}{
		{"no commits", func(*testing.T) {}, ""},
		// The CDN module is called by the HMS composition only.
		{"module of the HMS design only", func(t *testing.T) {
			testfs.Append(t, filepath.Join(tfDir, "modules", "cdn", "main.tf"), "\n# edited\n")
			commit(t, "cdn")
		}, "hms-dev hms-prod"},
		{"module of the Task Manager design only", func(t *testing.T) {
			testfs.Append(t, filepath.Join(tfDir, "modules", "secrets", "main.tf"), "\n# edited\n")
			commit(t, "secrets")
		}, "tm-dev tm-staging tm-prod"},
		{"module of two global stacks", func(t *testing.T) {
			testfs.Append(t, filepath.Join(tfDir, "modules", "ecr", "main.tf"), "\n# edited\n")
			commit(t, "ecr")
		}, "global-ecr hms-global"},
		{"two commits: a root, then a var file", func(t *testing.T) {
			testfs.Append(t, filepath.Join(tfDir, "global", "iam", "main.tf"), "\n# edited\n")
			commit(t, "iam")
			testfs.Append(t, filepath.Join(tfDir, "hms", "production", "prod.tfvars"), "\n# edited\n")
			commit(t, "prod vars")
		}, "global-iam hms-prod"},
		{"uncommitted and untracked files count", func(t *testing.T) {
			testfs.Append(t, filepath.Join(tfDir, "global", "route53", "main.tf"), "\n# edited\n")
			testfs.Write(t, filepath.Join(tfDir, "environments", "staging", "extra.tf"), "# new\n")
		}, "tm-staging global-route53"},
		{"module documentation only", func(t *testing.T) {
			testfs.Append(t, filepath.Join(tfDir, "modules", "networking", "README.md"), "\nmore\n")
			commit(t, "docs")
		}, ""},
		{"manifest", func(t *testing.T) {
			testfs.Append(t, filepath.Join(tfDir, "stacks.hcl"), "\n# comment\n")
			commit(t, "manifest")
		}, allStacks},
		{"a lock file", func(t *testing.T) {
			testfs.Append(t, filepath.Join(tfDir, "hms", "dev", ".terraform.lock.hcl"), "\n# edited\n")
			commit(t, "lock")
		}, allStacks},
		{"the workflow", func(t *testing.T) {
			testfs.Append(t, filepath.Join(repo, affected.WorkflowFile), "# edited\n")
			commit(t, "workflow")
		}, allStacks},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reset(t)
			tc.change(t)
			if got := stackSet(t); got != tc.want {
				t.Errorf("affected stacks = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestCollectNamesTheChangedEntry: a manifest edit of one stack's entry is
// reported as that stack's entry, every other stack as the manifest.
func TestCollectNamesTheChangedEntry(t *testing.T) {
	ctx := context.Background()
	repo := t.TempDir()
	tfDir := filepath.Join(repo, "infrastructure", "terraform")
	if err := os.CopyFS(tfDir, os.DirFS(filepath.Join("..", "..", "infrastructure", "terraform"))); err != nil {
		t.Fatal(err)
	}
	testgit.Run(t, repo, "init", "-q", "-b", "main")
	testgit.Run(t, repo, "add", ".")
	testgit.Run(t, repo, "commit", "-q", "-m", "base")
	manifest := filepath.Join(tfDir, "stacks.hcl")
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), `description = "HMS production environment (prod.tfvars); guarded"`, `description = "HMS production"`, 1)
	if edited == string(b) {
		t.Fatal("hms-prod's description not found in stacks.hcl")
	}
	testfs.Write(t, manifest, edited)
	cat, err := stacks.Load(tfDir)
	if err != nil {
		t.Fatal(err)
	}
	in, err := affected.Collect(ctx, tfDir, cat, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in.ChangedEntries, []string{"hms-prod"}) {
		t.Errorf("ChangedEntries = %v, want [hms-prod]", in.ChangedEntries)
	}
}

func TestCollectUnknownBase(t *testing.T) {
	repo := t.TempDir()
	testfs.Write(t, filepath.Join(repo, "x"), "x")
	testgit.Run(t, repo, "init", "-q", "-b", "main")
	testgit.Run(t, repo, "add", ".")
	testgit.Run(t, repo, "commit", "-q", "-m", "base")
	_, err := affected.Collect(context.Background(), repo, nil, "origin/nope")
	if err == nil || !strings.Contains(err.Error(), "git fetch") {
		t.Fatalf("err = %v, want one naming git fetch", err)
	}
}
