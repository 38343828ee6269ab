package cli_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/hclgen"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
	"github.com/taskmanager-platform/infra/internal/toolchain"
)

// benchStacks is how many copies of the dev root the benchmark repository has.
const benchStacks = 4

// benchRepo copies the fixture repository's Terraform tree into dir (the
// emulator linked) and adds benchStacks-1 copies of the dev root with their
// own state keys and project names.
func benchRepo(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	// The fixture's dev is the networking root: copies of it can share one
	// emulator under their own project names.
	src := fixtureRepo(b)
	if err := os.CopyFS(filepath.Join(dir, "infrastructure"), os.DirFS(filepath.Join(src, "infrastructure"))); err != nil {
		b.Fatal(err)
	}
	target, err := os.Readlink(filepath.Join(src, "emulator"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "emulator")); err != nil {
		b.Fatal(err)
	}
	tfDir := filepath.Join(dir, "infrastructure", "terraform")
	for i := 1; i < benchStacks; i++ {
		name := fmt.Sprintf("bench%d", i)
		dst := filepath.Join(tfDir, "environments", name)
		if err := os.CopyFS(dst, os.DirFS(filepath.Join(tfDir, "environments", "dev"))); err != nil {
			b.Fatal(err)
		}
		if err := hclgen.Edit(filepath.Join(dst, "backend.tf"), func(f *hclwrite.File) error {
			tf := hclgen.Block(f.Body(), "terraform")
			tf.Body().FirstMatchingBlock("backend", []string{"s3"}).Body().SetAttributeValue("key", cty.StringVal(name+"/terraform.tfstate"))
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		if err := hclgen.Edit(filepath.Join(dst, "main.tf"), func(f *hclwrite.File) error {
			hclgen.Block(f.Body(), "locals").Body().SetAttributeValue("project", cty.StringVal("tm"+name))
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		addStack(b, dir, "tm-"+name, "environments/"+name, "dev")
	}
	return dir
}

func timed(f func()) time.Duration {
	t0 := time.Now()
	f()
	return time.Since(t0)
}

// BenchmarkDayTwo prints, in one run, infra validate --all against
// sequential per-stack terraform init && validate (no shared plugin cache),
// and infra drift --all against sequential terraform plan -refresh-only,
// over benchStacks applied copies of the dev stack on one emulator.
//
//	go test ./internal/cli -run '^$' -bench DayTwo -benchtime 1x
func BenchmarkDayTwo(b *testing.B) {
	clitest.Integration(b)
	repo := benchRepo(b)
	state := b.TempDir()
	ctx := context.Background()
	run := func(args ...string) clitest.Result {
		return clitest.Infra(b, state, "", append([]string{"-C", repo}, args...)...)
	}
	must := func(args ...string) {
		if r := run(args...); r.Code != cli.ExitOK {
			b.Fatalf("infra %v: %s", args, r)
		}
	}
	bin, err := toolchain.FindTerraform()
	if err != nil {
		b.Fatal(err)
	}
	mirror, err := toolchain.FindMirror(toolchain.SearchRoots())
	if err != nil {
		b.Fatal(err)
	}
	var names []string
	for i := range benchStacks {
		if i == 0 {
			names = append(names, "tm-dev")
		} else {
			names = append(names, fmt.Sprintf("tm-bench%d", i))
		}
	}

	// validate
	infraValidate := timed(func() { must(append([]string{"validate"}, names...)...) })
	plainValidate := timed(func() {
		for _, n := range names {
			d := "dev"
			if n != "tm-dev" {
				d = strings.TrimPrefix(n, "tm-")
			}
			tmp := b.TempDir()
			cfg := filepath.Join(tmp, "terraformrc")
			os.WriteFile(cfg, toolchain.CLIConfig(mirror.Dir, filepath.Join(tmp, "cache")), 0o644)
			os.MkdirAll(filepath.Join(tmp, "cache"), 0o755)
			env := append(os.Environ(), "TF_CLI_CONFIG_FILE="+cfg, "TF_DATA_DIR="+filepath.Join(tmp, "data"), "CHECKPOINT_DISABLE=1")
			for _, args := range [][]string{{"init", "-backend=false", "-input=false"}, {"validate"}} {
				c := exec.Command(bin, append([]string{"-chdir=" + filepath.Join(repo, "infrastructure", "terraform", "environments", d)}, args...)...)
				c.Env = env
				if out, err := c.CombinedOutput(); err != nil {
					b.Fatalf("terraform %v in %s: %v\n%s", args, d, err, out)
				}
			}
		}
	})

	// drift
	must("local", "up")
	b.Cleanup(func() { run("local", "down") })
	must("--local", "bootstrap")
	for _, n := range names {
		if r := run("--local", "plan", n); r.Code != cli.ExitChanges {
			b.Fatalf("plan %s: %s", n, r)
		}
		must("--local", "apply", n)
	}
	infraDrift := timed(func() {
		// The same stacks as the loop below (the fixture also lists the
		// global stacks, which --all would add).
		if r := run(append([]string{"--local", "drift"}, names...)...); r.Code != cli.ExitOK {
			b.Fatalf("drift: %s", r)
		}
	})
	e, err := engine.Open(ctx, engine.Options{Dir: repo, StateDir: state, Local: true})
	if err != nil {
		b.Fatal(err)
	}
	tfEnv := e.Target.TerraformEnv(os.Environ())
	plainDrift := timed(func() {
		for _, n := range names {
			s, _ := e.Resolve(n)
			env := []string{"TF_CLI_CONFIG_FILE=" + filepath.Join(state, "terraformrc"), "TF_DATA_DIR=" + filepath.Join(state, "data", e.Target.Name(), s.Name), "CHECKPOINT_DISABLE=1"}
			for k, v := range tfEnv {
				env = append(env, k+"="+v)
			}
			c := exec.Command(bin, "-chdir="+s.Dir, "plan", "-refresh-only", "-detailed-exitcode", "-input=false", "-lock-timeout=0s")
			c.Env = env
			if out, err := c.CombinedOutput(); err != nil && c.ProcessState.ExitCode() != 2 {
				b.Fatalf("terraform plan -refresh-only in %s: %v\n%s", s.Name, err, out)
			}
		}
	})
	b.Logf("%d stacks: infra validate %.1fs vs sequential terraform init && validate %.1fs (ratio %.2fx)", benchStacks, infraValidate.Seconds(), plainValidate.Seconds(), plainValidate.Seconds()/infraValidate.Seconds())
	b.Logf("%d stacks: infra drift %.1fs vs sequential terraform plan -refresh-only %.1fs (ratio %.2fx)", benchStacks, infraDrift.Seconds(), plainDrift.Seconds(), plainDrift.Seconds()/infraDrift.Seconds())
	b.ReportMetric(plainValidate.Seconds()/infraValidate.Seconds(), "validate-speedup")
	b.ReportMetric(plainDrift.Seconds()/infraDrift.Seconds(), "drift-speedup")
	for _, n := range names {
		run("--local", "destroy", n, "--yes")
	}
}
