package cli_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	r53types "github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
	"github.com/taskmanager-platform/infra/internal/unmanaged"
)

const (
	zoneStack = "global-route53"
	zoneName  = "taskmanager.example.com"
	zoneKey   = "global/route53/terraform.tfstate"
)

// Crash recovery: what a run leaves when it does not finish, on the zone
// stack (a hosted zone, then its CAA record), one emulator per test so the
// three run side by side.

// recoveryStack starts an emulator and bootstraps the backend for one
// crash-recovery test, which runs in parallel with the others.
func recoveryStack(t *testing.T) (state string, cfg aws.Config) {
	clitest.Integration(t)
	t.Parallel()
	state = t.TempDir()
	cfg = clitest.SDK(t, clitest.LocalEmulator(t, state))
	mustInfra(t, state, "--local", "bootstrap")
	return state, cfg
}

// TestCrashRecoveryUnmanaged: a zone and its record made through the SDK,
// the zone with the stack's tag, are reported by `drift --unmanaged` with
// their import blocks, and adopting them (a plan that only imports) makes
// the stack plan clean.
func TestCrashRecoveryUnmanaged(t *testing.T) {
	state, cfg := recoveryStack(t)
	ctx := context.Background()
	r53 := route53.NewFromConfig(cfg)
	// The zone as the stack makes it (comment and default tags), so
	// that adopting it changes nothing and the plan only imports.
	z, err := r53.CreateHostedZone(ctx, &route53.CreateHostedZoneInput{Name: aws.String(zoneName), CallerReference: aws.String("by-hand"),
		HostedZoneConfig: &r53types.HostedZoneConfig{Comment: aws.String("taskmanager public zone (managed by Terraform, global/route53)")}})
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimPrefix(aws.ToString(z.HostedZone.Id), "/hostedzone/")
	var tags []r53types.Tag
	for k, v := range map[string]string{unmanaged.TagKey: zoneStack, "Stack": zoneStack, "Environment": "global", "Project": "taskmanager", "ManagedBy": "terraform"} {
		tags = append(tags, r53types.Tag{Key: aws.String(k), Value: aws.String(v)})
	}
	if _, err := r53.ChangeTagsForResource(ctx, &route53.ChangeTagsForResourceInput{ResourceType: r53types.TagResourceTypeHostedzone, ResourceId: aws.String(id),
		AddTags: tags}); err != nil {
		t.Fatal(err)
	}
	// Its CAA record as the stack would make it: adopting the zone and
	// the record is a plan that only imports, which apply must still run.
	if _, err := r53.ChangeResourceRecordSets(ctx, &route53.ChangeResourceRecordSetsInput{HostedZoneId: aws.String(id), ChangeBatch: &r53types.ChangeBatch{
		Changes: []r53types.Change{{Action: r53types.ChangeActionCreate, ResourceRecordSet: &r53types.ResourceRecordSet{
			Name: aws.String(zoneName), Type: r53types.RRTypeCaa, TTL: aws.Int64(3600),
			ResourceRecords: []r53types.ResourceRecord{{Value: aws.String(`0 issue "amazon.com"`)}}}}}}}); err != nil {
		t.Fatal(err)
	}
	r := infra(t, state, "", "--local", "drift", "--unmanaged", zoneStack)
	if r.Code != cli.ExitFindings || !strings.Contains(r.Out, "to = aws_route53_zone.main") || !strings.Contains(r.Out, `id = "`+id+`"`) ||
		!strings.Contains(r.Out, "aws route53 delete-hosted-zone --id "+id) || !strings.Contains(r.Out, "to = aws_route53_record.caa") {
		t.Fatalf("drift --unmanaged: want exit 3 with the zone's and the record's import blocks and the delete command, got %s", r)
	}
	adopt(t, state, r.Out)
	if n := zones(t, cfg); len(n) != 1 || n[0] != id {
		t.Errorf("after adoption: zones %v, want only the adopted %s", n, id)
	}
}

// TestCrashRecoveryKilled: an apply killed with SIGKILL mid-way leaves a
// lock `lock status` calls dead, the next command is refused naming the
// lock and the runbook, and after unlock the orphan zone is found, adopted
// and the plan converges with one zone.
func TestCrashRecoveryKilled(t *testing.T) {
	state, cfg := recoveryStack(t)
	cmd, _ := applyUntilZone(t, state, cfg)
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // infra and terraform: as an OOM kill or a lost runner
	_ = cmd.Wait()
	orphan := zones(t, cfg)

	st := mustInfra(t, state, "--local", "lock", "status", zoneStack)
	m := regexp.MustCompile(`lock id (\S+) \(`).FindStringSubmatch(st.Out)
	if m == nil || !strings.Contains(st.Out, "DEAD: infra process") {
		t.Fatalf("lock status after the kill: want a lock whose holder is dead, got %s", st.Out)
	}
	id := m[1]
	r := infra(t, state, "", "--local", "plan", zoneStack)
	if r.Code != cli.ExitRefused || !strings.Contains(r.Err, id) || !strings.Contains(r.Err, "docs/runbooks/stuck-state-lock.md") || !strings.Contains(r.Err, "infra unlock "+zoneStack+" "+id) {
		t.Fatalf("plan while the dead run's lock is held: want a refusal naming lock and runbook, got %s", r)
	}
	mustInfra(t, state, "--local", "unlock", zoneStack, id, "--yes")
	d := infra(t, state, "", "--local", "drift", "--unmanaged", zoneStack)
	if d.Code != cli.ExitFindings || !strings.Contains(d.Out, "to = aws_route53_zone.main") || !strings.Contains(d.Out, orphan[0]) {
		t.Fatalf("drift --unmanaged after the kill: want the orphan zone %v, got %s", orphan, d)
	}
	adopt(t, state, d.Out)
	if n := zones(t, cfg); len(n) != 1 || n[0] != orphan[0] {
		t.Errorf("after recovery: zones %v, want only the orphan %s adopted (no twin)", n, orphan[0])
	}
	assertStateNotForked(t, cfg, zoneKey)
}

// TestCrashRecoveryInterrupted: SIGTERM stops an apply gracefully (state
// written, lock released, exit 1 saying interrupted).
func TestCrashRecoveryInterrupted(t *testing.T) {
	state, cfg := recoveryStack(t)
	cmd, out := applyUntilZone(t, state, cfg)
	_ = cmd.Process.Signal(syscall.SIGTERM) // infra alone: it must stop terraform itself
	err := cmd.Wait()
	code := cmd.ProcessState.ExitCode()
	if err == nil || code != cli.ExitInterrupted || !strings.Contains(out.String(), "interrupted: terraform was stopped gracefully") {
		t.Fatalf("interrupted apply: want exit %d saying interrupted, got %d:\n%s", cli.ExitInterrupted, code, out.String())
	}
	if st := mustInfra(t, state, "--local", "lock", "status", zoneStack); !strings.Contains(st.Out, zoneStack+": unlocked") {
		t.Fatalf("lock left after an interrupt: %s", st.Out)
	}
	if l := mustInfra(t, state, "--local", "state", "list", zoneStack); !strings.Contains(l.Out, "aws_route53_zone.main") {
		t.Fatalf("the zone created before the interrupt is not in state: %s", l.Out)
	}
	if d := infra(t, state, "", "--local", "drift", "--unmanaged", zoneStack); d.Code != cli.ExitOK {
		t.Fatalf("drift --unmanaged after an interrupt: want nothing unmanaged, got %s", d)
	}
	if p := infra(t, state, "", "--local", "plan", zoneStack); p.Code == cli.ExitChanges {
		mustInfra(t, state, "--local", "apply", zoneStack)
	} else if p.Code != cli.ExitOK {
		t.Fatalf("plan after the interrupt: %s", p)
	}
	if p := infra(t, state, "", "--local", "plan", zoneStack); p.Code != cli.ExitOK {
		t.Fatalf("not converged after finishing the interrupted apply: %s", p)
	}
	if n := zones(t, cfg); len(n) != 1 {
		t.Errorf("zones %v, want one", n)
	}
}

// applyUntilZone plans the zone stack and starts its apply in a process of
// its own, returning once the hosted zone exists (before the state says so).
func applyUntilZone(t *testing.T, state string, cfg aws.Config) (*exec.Cmd, *clitest.SyncBuffer) {
	t.Helper()
	if p := infra(t, state, "", "--local", "plan", zoneStack); p.Code != cli.ExitChanges {
		t.Fatalf("plan: %s", p)
	}
	before := len(zones(t, cfg))
	cmd, out := startInfra(t, state, "--local", "apply", zoneStack)
	waitFor(t, cmd, out, func() bool { return len(zones(t, cfg)) > before })
	return cmd, out
}

// adopt writes the import blocks a `drift --unmanaged` report printed into
// the zone stack's root, applies them and checks the stack plans clean and
// nothing is unmanaged any more; the file goes afterwards (an import block
// of a resource in state does nothing).
func adopt(t *testing.T, state, report string) {
	t.Helper()
	blocks := regexp.MustCompile(`(?m)^\s*import \{\n(?:.*\n)*?\s*\}$`).FindAllString(report, -1)
	if len(blocks) == 0 {
		t.Fatalf("no import block in the report:\n%s", report)
	}
	file := filepath.Join(fixtureRepo(t), "infrastructure", "terraform", "global", "route53", "imports.tf")
	if err := os.WriteFile(file, []byte(strings.Join(blocks, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(file)
	if p := infra(t, state, "", "--local", "plan", zoneStack); p.Code != cli.ExitChanges || !regexp.MustCompile(`Plan for `+zoneStack+` at .*: \d+ to import, `).MatchString(p.Out) {
		t.Fatalf("plan with the import block: %s", p)
	}
	mustInfra(t, state, "--local", "apply", zoneStack)
	if p := infra(t, state, "", "--local", "plan", zoneStack); p.Code != cli.ExitOK {
		t.Fatalf("after adoption the stack does not plan clean: %s", p)
	}
	if d := infra(t, state, "", "--local", "drift", "--unmanaged", zoneStack); d.Code != cli.ExitOK {
		t.Fatalf("after adoption drift --unmanaged still finds something: %s", d)
	}
}

// zones lists the ids of the hosted zones named zoneName.
func zones(t *testing.T, cfg aws.Config) []string {
	t.Helper()
	out, err := route53.NewFromConfig(cfg).ListHostedZonesByName(context.Background(), &route53.ListHostedZonesByNameInput{DNSName: aws.String(zoneName)})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, z := range out.HostedZones {
		if strings.TrimSuffix(aws.ToString(z.Name), ".") == zoneName {
			ids = append(ids, strings.TrimPrefix(aws.ToString(z.Id), "/hostedzone/"))
		}
	}
	return ids
}

var built struct {
	once sync.Once
	bin  string
	err  error
}

// infraBinary builds cmd/infra once: killing and signalling need a process
// of its own.
func infraBinary(t testing.TB) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "infra-bin-")
		if err != nil {
			built.err = err
			return
		}
		built.bin = filepath.Join(dir, "infra")
		out, err := exec.Command("go", "build", "-o", built.bin, "../../cmd/infra").CombinedOutput()
		if err != nil {
			built.err = &buildError{out: string(out), err: err}
		}
	})
	if built.err != nil {
		t.Fatalf("building infra: %v", built.err)
	}
	return built.bin
}

// infraCommand is the built infra with its own state folder in t's fixture
// repository, not started.
func infraCommand(t testing.TB, state string, args ...string) *exec.Cmd {
	t.Helper()
	return exec.Command(infraBinary(t), append([]string{"--state-dir", state, "-C", fixtureRepo(t)}, args...)...)
}

// infraProcess runs the built infra in a process of its own with env added
// to this process's environment, in t's fixture repository.
func infraProcess(t testing.TB, state string, env []string, args ...string) clitest.Result {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := infraCommand(t, state, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running infra: %v", err)
	}
	return clitest.Result{Code: cmd.ProcessState.ExitCode(), Out: out.String(), Err: errb.String()}
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// startInfra starts the built CLI in a process group of its own on the
// fixture repository; stdout and stderr go to the returned buffer.
func startInfra(t testing.TB, state string, args ...string) (*exec.Cmd, *clitest.SyncBuffer) {
	t.Helper()
	var out clitest.SyncBuffer
	cmd := infraCommand(t, state, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			_ = cmd.Wait()
		}
	})
	return cmd, &out
}

// waitFor polls cond until it holds; the run ending first fails the test
// (it would prove nothing).
func waitFor(t testing.TB, cmd *exec.Cmd, out *clitest.SyncBuffer, cond func() bool) {
	t.Helper()
	exited := make(chan struct{})
	go func() {
		for {
			if p, err := os.FindProcess(cmd.Process.Pid); err != nil || p.Signal(syscall.Signal(0)) != nil {
				close(exited)
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	deadline := time.Now().Add(5 * time.Minute)
	for !cond() {
		select {
		case <-exited:
			t.Fatalf("the run ended before the point it was to be stopped at:\n%s", out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting:\n%s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
