package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rhysd/actionlint"
)

// TestWorkflowsPassActionlint lints every workflow and composite action
// with actionlint's library (shellcheck/pyflakes integrations off: they are
// external binaries).
func TestWorkflowsPassActionlint(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := filepath.Glob(filepath.Join(root, ".github", "workflows", "*.yml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no workflows: %v", err)
	}
	var out strings.Builder
	l, err := actionlint.NewLinter(&out, &actionlint.LinterOptions{Shellcheck: "", Pyflakes: ""})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.LintFiles(files, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s", e.Error())
	}
	wf, err := os.ReadFile(filepath.Join(root, ".github", "workflows", "terraform.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"infra fmt", "infra validate", "infra plan", "--markdown", "infra apply staging --plan", "infra drift --all", "role-to-assume", "github-actions-terraform", "infra stacks --json", "infra affected --base", "fromJSON(needs.stacks.outputs.affected)"} {
		if !strings.Contains(string(wf), want) {
			t.Errorf("terraform.yml lacks %q", want)
		}
	}
}

// TestWorkflowsRunTheChecks: every pull request runs go vet, the inner loop
// and the modules' terraform tests; a change of provider requirements
// records every platform's hashes and commits them on the pull request.
func TestWorkflowsRunTheChecks(t *testing.T) {
	root := filepath.Join("..", "..", ".github", "workflows")
	for file, wants := range map[string][]string{
		"go.yml":             {"pull_request:", "go vet ./...", "go test -short ./...", "infra test", "pip install -r emulator/requirements.txt", "github.com/terraform-linters/tflint@"},
		"providers-lock.yml": {"versions.tf", ".terraform.lock.hcl", "infra providers lock", "contents: write", "git push"},
	} {
		b, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range wants {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %q", file, want)
			}
		}
	}
}

// terraformWorkflow parses .github/workflows/terraform.yml with actionlint's
// parser (the jobs, their needs, environments and steps as GitHub reads them).
func terraformWorkflow(t *testing.T) *actionlint.Workflow {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", ".github", "workflows", "terraform.yml"))
	if err != nil {
		t.Fatal(err)
	}
	wf, errs := actionlint.Parse(b)
	if len(errs) > 0 {
		t.Fatalf("parsing terraform.yml: %v", errs[0])
	}
	return wf
}

// role is the role name a job assumes (configure-aws-credentials'
// role-to-assume, with the workflow's env values substituted), or "".
func role(wf *actionlint.Workflow, j *actionlint.Job) string {
	for _, s := range j.Steps {
		a, ok := s.Exec.(*actionlint.ExecAction)
		if !ok || !strings.HasPrefix(a.Uses.Value, "aws-actions/configure-aws-credentials@") {
			continue
		}
		in := a.Inputs["role-to-assume"]
		if in == nil {
			return "(none)"
		}
		v := in.Value.Value
		if wf.Env != nil {
			for _, e := range wf.Env.Vars {
				v = strings.ReplaceAll(v, "${{ env."+e.Name.Value+" }}", e.Value.Value)
			}
		}
		return v[strings.LastIndex(v, "/")+1:]
	}
	return ""
}

func needs(j *actionlint.Job) []string {
	var out []string
	for _, n := range j.Needs {
		out = append(out, n.Value)
	}
	return out
}

// needsAll: every job in want is reachable through needs from job id.
func needsAll(wf *actionlint.Workflow, id string, want ...string) []string {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(id string) {
		j := wf.Jobs[id]
		if j == nil {
			return
		}
		for _, n := range needs(j) {
			if !seen[n] {
				seen[n] = true
				walk(n)
			}
		}
	}
	walk(id)
	var missing []string
	for _, w := range want {
		if !seen[w] {
			missing = append(missing, w)
		}
	}
	return missing
}

func runs(j *actionlint.Job) []string {
	var out []string
	for _, s := range j.Steps {
		if r, ok := s.Exec.(*actionlint.ExecRun); ok && r.Run != nil {
			out = append(out, r.Run.Value)
		}
	}
	return out
}

func action(j *actionlint.Job, prefix string) *actionlint.ExecAction {
	for _, s := range j.Steps {
		if a, ok := s.Exec.(*actionlint.ExecAction); ok && strings.HasPrefix(a.Uses.Value, prefix) {
			return a
		}
	}
	return nil
}

func input(a *actionlint.ExecAction, name string) string {
	if a == nil || a.Inputs[name] == nil || a.Inputs[name].Value == nil {
		return ""
	}
	return a.Inputs[name].Value.Value
}

// TestWorkflowLeastPrivilege: plans (pull requests, the deploy plans and the
// drift check) assume the read-only plan role; only the apply jobs assume
// the apply role, each behind its GitHub environment, after fmt and
// validate, applying exactly the plan artifact its plan job uploaded.
func TestWorkflowLeastPrivilege(t *testing.T) {
	wf := terraformWorkflow(t)
	const planRole, applyRole = "github-actions-terraform-plan", "github-actions-terraform"
	wantRoles := map[string]string{
		"plan": planRole, "drift": planRole, "plan-staging": planRole, "plan-production": planRole,
		"apply-staging": applyRole, "apply-production": applyRole,
	}
	for id, j := range wf.Jobs {
		got := role(wf, j)
		if want, ok := wantRoles[id]; ok && got != want {
			t.Errorf("job %s assumes %q, want %q", id, got, want)
		}
		if _, ok := wantRoles[id]; !ok && got != "" {
			t.Errorf("job %s assumes %q: only the plan, drift and apply jobs talk to AWS", id, got)
		}
		if got == applyRole && (j.Environment == nil || j.Environment.Name == nil) {
			t.Errorf("job %s assumes the apply role without a GitHub environment (required reviewers)", id)
		}
		if got == applyRole && (j.If == nil || strings.Contains(j.If.Value, "pull_request") || !strings.Contains(j.If.Value, "refs/heads/main")) {
			t.Errorf("job %s assumes the apply role outside pushes to main (if: %v)", id, j.If)
		}
	}
	for _, env := range []struct{ name, stack string }{{"staging", "staging"}, {"production", "production"}} {
		t.Run(env.name, func(t *testing.T) {
			planJob, applyJob := wf.Jobs["plan-"+env.name], wf.Jobs["apply-"+env.name]
			if planJob == nil || applyJob == nil {
				t.Fatalf("jobs plan-%s and apply-%s must exist", env.name, env.name)
			}
			if got := needs(applyJob); len(got) != 1 || got[0] != "plan-"+env.name {
				t.Errorf("apply-%s needs %v, want exactly [plan-%s] (it applies that job's plan)", env.name, got, env.name)
			}
			if missing := needsAll(wf, "apply-"+env.name, "fmt", "validate"); len(missing) > 0 {
				t.Errorf("apply-%s does not wait for %v", env.name, missing)
			}
			if applyJob.Environment.Name.Value != env.name {
				t.Errorf("apply-%s runs in environment %q", env.name, applyJob.Environment.Name.Value)
			}
			file := "plan-" + env.name + ".tfplan"
			up, down := action(planJob, "actions/upload-artifact@"), action(applyJob, "actions/download-artifact@")
			if up == nil || down == nil {
				t.Fatalf("plan-%s must upload and apply-%s download the plan artifact", env.name, env.name)
			}
			if input(up, "name") != input(down, "name") || !strings.Contains(input(up, "name"), "${{ github.sha }}") {
				t.Errorf("artifact uploaded as %q, downloaded as %q: want one name bound to the commit", input(up, "name"), input(down, "name"))
			}
			for _, f := range []string{file, file + ".meta.json", file + ".json"} {
				if !strings.Contains(input(up, "path"), f) {
					t.Errorf("plan-%s does not upload %s", env.name, f)
				}
			}
			planned, applied, replanned := false, false, false
			for _, r := range runs(planJob) {
				planned = planned || strings.Contains(r, "infra plan "+env.stack+" ") && strings.Contains(r, "--out "+file)
			}
			for _, r := range runs(applyJob) {
				applied = applied || strings.Contains(r, "infra apply "+env.stack+" --plan "+file)
				replanned = replanned || strings.Contains(r, "infra plan")
			}
			if !planned || !applied || replanned {
				t.Errorf("plan-%s saves %s: %v; apply-%s applies it: %v; apply-%s plans again: %v", env.name, file, planned, env.name, applied, env.name, replanned)
			}
		})
	}
	if r := strings.Join(runs(wf.Jobs["apply-production"]), "\n"); !strings.Contains(r, "--approve \"${{ needs.plan-production.outputs.hash }}\"") {
		t.Errorf("apply-production does not approve the reviewed plan's hash:\n%s", r)
	}
	pr := strings.Join(runs(wf.Jobs["plan"]), "\n")
	for _, want := range []string{"infra policy \"${{ matrix.stack }}\" --plan \"plan-${{ matrix.stack }}.tfplan\"", "--fail-on high", "cat policy.md >> plan.md", "exit 1"} {
		if !strings.Contains(pr, want) {
			t.Errorf("the pull-request plan job lacks %q (policy findings in the comment, failing on unwaived HIGH)", want)
		}
	}
}
