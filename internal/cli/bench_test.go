//go:build bench && unix

// Benchmarks of infra against the plain terraform loops it replaces, run in
// one process on one emulator, alternating which side goes first, and
// printing each round's ratio and the medians (README "Benchmarks"):
//
//	flock -o /work/locks/heavy go test -tags bench ./internal/cli -run '^$' -bench . -benchtime 1x -timeout 60m
//
// INFRA_BENCH_ROUNDS sets the rounds per comparison (default 3). The CPU
// figures are user+system time of this process and the terraform and
// provider processes it waited for; the emulator's own CPU is not in them
// (it serves both sides the same requests).
package cli_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/hclgen"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
	"github.com/taskmanager-platform/infra/internal/toolchain"
)

// benchStacks is how many copies of the dev root the drift benchmark has.
const benchStacks = 4

func benchRounds() int {
	if n, err := strconv.Atoi(os.Getenv("INFRA_BENCH_ROUNDS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// benchRepo copies the fixture repository's Terraform tree into dir (the
// emulator linked) and adds benchStacks-1 copies of the dev root with their
// own state keys and project names.
func benchRepo(b *testing.B) (string, []string) {
	b.Helper()
	dir := b.TempDir()
	// The fixture's dev is the networking root: copies of it can share one
	// emulator under their own project names.
	src := fixtureRepo(b)
	if err := os.CopyFS(filepath.Join(dir, "infrastructure"), os.DirFS(filepath.Join(src, "infrastructure"))); err != nil {
		b.Fatal(err)
	}
	for _, d := range []string{"emulator", "policy"} {
		target, err := os.Readlink(filepath.Join(src, d))
		if err != nil {
			b.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, d)); err != nil {
			b.Fatal(err)
		}
	}
	tfDir := filepath.Join(dir, "infrastructure", "terraform")
	names := []string{"tm-dev"}
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
		names = append(names, "tm-"+name)
	}
	return dir, names
}

// cost is the wall and CPU time of one measured run.
type cost struct{ wall, cpu time.Duration }

func cpuTime() time.Duration {
	var total time.Duration
	for _, who := range []int{syscall.RUSAGE_SELF, syscall.RUSAGE_CHILDREN} {
		var ru syscall.Rusage
		if err := syscall.Getrusage(who, &ru); err == nil {
			total += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	return total
}

func measure(f func()) cost {
	c0, t0 := cpuTime(), time.Now()
	f()
	return cost{wall: time.Since(t0), cpu: cpuTime() - c0}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// compare runs infra and the plain loop rounds times, alternating which
// goes first, and prints each round and the median ratios infra/plain.
func compare(b *testing.B, what string, infraRun, plainRun func()) {
	b.Helper()
	var wall, cpu []float64
	for r := range benchRounds() {
		var ci, cp cost
		if r%2 == 0 {
			ci, cp = measure(infraRun), measure(plainRun)
		} else {
			cp, ci = measure(plainRun), measure(infraRun)
		}
		wall = append(wall, ci.wall.Seconds()/cp.wall.Seconds())
		cpu = append(cpu, ci.cpu.Seconds()/cp.cpu.Seconds())
		fmt.Printf("%s round %d: infra %.1fs wall %.1fs CPU; plain loop %.1fs wall %.1fs CPU; ratio wall %.2f CPU %.2f\n",
			what, r+1, ci.wall.Seconds(), ci.cpu.Seconds(), cp.wall.Seconds(), cp.cpu.Seconds(), wall[r], cpu[r])
	}
	fmt.Printf("%s: median ratio infra/plain over %d rounds: wall %.2f, CPU %.2f\n", what, len(wall), median(wall), median(cpu))
	b.ReportMetric(median(wall), "wall-ratio")
	b.ReportMetric(median(cpu), "cpu-ratio")
}

// plainTerraform runs terraform the way a person would, with infra's CLI
// configuration (the same mirror and plugin cache) and the given env.
func plainTerraform(b *testing.B, dir string, env []string, args ...string) int {
	b.Helper()
	bin, err := toolchain.FindTerraform()
	if err != nil {
		b.Fatal(err)
	}
	c := exec.Command(bin, append([]string{"-chdir=" + dir}, args...)...)
	c.Env = append(os.Environ(), append(env, "CHECKPOINT_DISABLE=1")...)
	out, err := c.CombinedOutput()
	if code := c.ProcessState.ExitCode(); err != nil && code != 2 {
		b.Fatalf("terraform %v in %s: %v\n%s", args, dir, err, out)
	}
	return c.ProcessState.ExitCode()
}

// BenchmarkValidate: infra validate --all of the repository's stacks
// against a sequential `terraform init -backend=false && terraform
// validate` loop over the same roots sharing one (filled) plugin cache;
// once with --force (every stack validated) and once on the unchanged tree.
func BenchmarkValidate(b *testing.B) {
	repo := b.TempDir()
	if err := copyTree(repo); err != nil {
		b.Fatal(err)
	}
	state := b.TempDir()
	cat, err := stacks.Load(filepath.Join(repo, "infrastructure", "terraform"))
	if err != nil {
		b.Fatal(err)
	}
	mirror, err := toolchain.FindMirror(toolchain.SearchRoots())
	if err != nil {
		b.Fatal(err)
	}
	loop := b.TempDir()
	cfg := filepath.Join(loop, "terraformrc")
	if err := toolchain.WriteCLIConfig(cfg, mirror.Dir, filepath.Join(loop, "cache")); err != nil {
		b.Fatal(err)
	}
	infraRun := func(args ...string) func() {
		return func() {
			if r := clitest.Infra(b, state, "", append([]string{"-C", repo, "validate", "--all"}, args...)...); r.Code != cli.ExitOK {
				b.Fatalf("infra validate --all: %s", r)
			}
		}
	}
	plainRun := func() {
		for _, s := range cat.All() {
			env := []string{"TF_CLI_CONFIG_FILE=" + cfg, "TF_DATA_DIR=" + filepath.Join(loop, "data", s.Name)}
			plainTerraform(b, s.Dir, env, "init", "-backend=false", "-input=false")
			plainTerraform(b, s.Dir, env, "validate")
		}
	}
	// Both sides' caches and data dirs exist before the first round, as on
	// a developer's machine after the first run.
	infraRun()()
	plainRun()
	b.ResetTimer()
	// --force: every stack validated, as after a change to every stack.
	compare(b, fmt.Sprintf("validate --all --force (%d stacks)", len(cat.All())), infraRun("--force"), plainRun)
	// The tree unchanged since the last clean validation (a pre-commit
	// hook, a second run): infra reports it without terraform.
	compare(b, fmt.Sprintf("validate --all, tree unchanged (%d stacks)", len(cat.All())), infraRun(), plainRun)
}

// BenchmarkDrift: infra drift over benchStacks applied stacks against a
// sequential `terraform plan -refresh-only -detailed-exitcode` loop over
// the same initialised data dirs.
func BenchmarkDrift(b *testing.B) {
	clitest.Integration(b)
	repo, names := benchRepo(b)
	state := b.TempDir()
	run := func(args ...string) clitest.Result {
		return clitest.Infra(b, state, "", append([]string{"-C", repo}, args...)...)
	}
	must := func(args ...string) {
		if r := run(args...); r.Code != cli.ExitOK {
			b.Fatalf("infra %v: %s", args, r)
		}
	}
	must("local", "up")
	b.Cleanup(func() { run("local", "down") })
	must("--local", "bootstrap")
	for _, n := range names {
		if r := run("--local", "plan", n); r.Code != cli.ExitChanges {
			b.Fatalf("plan %s: %s", n, r)
		}
		must("--local", "apply", n)
	}
	e, err := engine.Open(context.Background(), engine.Options{Dir: repo, StateDir: state, Local: true})
	if err != nil {
		b.Fatal(err)
	}
	var env []string
	for k, v := range e.Target.TerraformEnv(os.Environ()) {
		env = append(env, k+"="+v)
	}
	infraRun := func() {
		// The same stacks as the loop (the fixture also lists the global
		// stacks, which --all would add).
		if r := run(append([]string{"--local", "drift"}, names...)...); r.Code != cli.ExitOK {
			b.Fatalf("drift: %s", r)
		}
	}
	plainRun := func() {
		for _, n := range names {
			s, _ := e.Resolve(n)
			plainTerraform(b, s.Dir, append(env, "TF_CLI_CONFIG_FILE="+filepath.Join(state, "terraformrc"), "TF_DATA_DIR="+filepath.Join(state, "data", e.Target.Name(), s.Name)),
				"plan", "-refresh-only", "-detailed-exitcode", "-input=false", "-lock-timeout=0s")
		}
	}
	infraRun() // initialises the data dirs the loop reuses
	b.ResetTimer()
	compare(b, fmt.Sprintf("drift (%d stacks)", len(names)), infraRun, plainRun)
	b.StopTimer()
	for _, n := range names {
		run("--local", "destroy", n, "--yes")
	}
}

// BenchmarkUp: `infra up` of the fixture's tm-dev (after global-ecr and
// global-route53) from a fresh state folder — emulator start, bootstrap,
// inits, applies, SDK checks, delegation — against the critical path of
// plain `terraform init && terraform apply` runs of the same stacks on a
// fresh emulator: max(global-ecr, global-route53) + tm-dev, each timed
// alone. Both numbers come from the same run. The AWS provider waits a
// random 10–30 s before polling a new Route 53 zone's change, so the
// route53 applies (on the critical path) vary by that much on either side.
func BenchmarkUp(b *testing.B) {
	clitest.Integration(b)
	repo := fixtureRepo(b)
	var infraWall, plainPath []float64
	infraRun := func() {
		state := b.TempDir()
		defer clitest.Infra(b, state, "", "-C", repo, "local", "down")
		c := measure(func() {
			r := clitest.Infra(b, state, "", "-C", repo, "up")
			if r.Code != cli.ExitOK {
				b.Fatalf("infra up: %s", r)
			}
			// Its timing line: per stack init, apply and verify.
			lines := strings.Split(strings.TrimSpace(r.Out), "\n")
			fmt.Printf("up: infra %s\n", lines[len(lines)-1])
		})
		infraWall = append(infraWall, c.wall.Seconds())
	}
	plainRun := func() {
		state := b.TempDir()
		defer clitest.Infra(b, state, "", "-C", repo, "local", "down")
		clitest.MustInfra(b, state, "-C", repo, "local", "up")
		clitest.MustInfra(b, state, "-C", repo, "--local", "bootstrap")
		e, err := engine.Open(context.Background(), engine.Options{Dir: repo, StateDir: state, Local: true})
		if err != nil {
			b.Fatal(err)
		}
		var env []string
		for k, v := range e.Target.TerraformEnv(os.Environ()) {
			env = append(env, k+"="+v)
		}
		took := map[string]float64{}
		for _, n := range []string{"global-ecr", "global-route53", "tm-dev"} {
			s, _ := e.Resolve(n)
			// infra writes the backend settings for the emulator; the loop
			// uses them as a person would a -backend-config file.
			if _, err := e.Workspace(s, engine.WorkspaceOptions{}); err != nil {
				b.Fatal(err)
			}
			backendFile := filepath.Join(state, "backend", e.Target.Name(), s.Name+".hcl")
			senv := append(env, "TF_CLI_CONFIG_FILE="+filepath.Join(state, "terraformrc"), "TF_DATA_DIR="+filepath.Join(b.TempDir(), "data"))
			c := measure(func() {
				plainTerraform(b, s.Dir, senv, "init", "-input=false", "-backend-config="+backendFile)
				plainTerraform(b, s.Dir, senv, "apply", "-auto-approve", "-input=false")
			})
			took[n] = c.wall.Seconds()
		}
		plainPath = append(plainPath, max(took["global-ecr"], took["global-route53"])+took["tm-dev"])
		fmt.Printf("up: plain init+apply global-ecr %.1fs, global-route53 %.1fs, tm-dev %.1fs\n", took["global-ecr"], took["global-route53"], took["tm-dev"])
	}
	var ratios []float64
	for r := range benchRounds() {
		if r%2 == 0 {
			infraRun()
			plainRun()
		} else {
			plainRun()
			infraRun()
		}
		ratios = append(ratios, infraWall[r]/plainPath[r])
		fmt.Printf("up round %d: infra up %.1fs; critical path of plain applies %.1fs; ratio %.2f\n", r+1, infraWall[r], plainPath[r], ratios[r])
	}
	fmt.Printf("up: median ratio infra up / plain critical path over %d rounds: %.2f (infra %.1fs, plain %.1fs)\n", len(ratios), median(ratios), median(infraWall), median(plainPath))
	b.ReportMetric(median(ratios), "critical-path-ratio")
}
