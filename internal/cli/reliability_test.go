//go:build reliability

package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/taskmanager-platform/infra/internal/cli"
	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
)

// TestReliability is the reliability suite (README "Reliability suite"),
// on the zone stack of the fixture repository and one emulator:
//
//   - contention: for each N in RELIABILITY_N (default "2,4"), T trials
//     (RELIABILITY_T, default 5) where N operators hold a saved plan of the
//     same change (a new CAA iodef address; one plan, copied) and apply
//     their saved plans at once. Per trial: exactly one applies (exit 0), the others
//     are refused (exit 3: lock held, or stale plan), the state serial is +1,
//     the lineage unchanged, no lock is left, one hosted zone exists.
//   - kill: K trials (RELIABILITY_K, default 3) from an empty stack: apply,
//     SIGKILL infra and terraform at a random point after the lock is taken
//     (uniform over the duration of a full apply from empty),
//     then the runbook's recovery (lock status names a dead holder, unlock,
//     drift --unmanaged, adopt what it found, apply the rest): the plan
//     converges, one hosted zone, the state's versions never fork.
//
// It prints one line per trial and a summary with seconds per trial.
func TestReliability(t *testing.T) {
	clitest.Integration(t)
	ns := envInts(t, "RELIABILITY_N", "2,4")
	trials := envInts(t, "RELIABILITY_T", "5")[0]
	kills := envInts(t, "RELIABILITY_K", "3")[0]
	state := t.TempDir()
	inst := clitest.LocalEmulator(t, state)
	cfg := clitest.SDK(t, inst)
	mustInfra(t, state, "--local", "bootstrap")
	ctx := context.Background()

	mustInfraCode(t, state, cli.ExitChanges, "--local", "plan", zoneStack)
	// The first apply creates the stack from empty, as every kill trial
	// does: its duration is the window a kill is drawn from, so kills land
	// before, during and after the zone's creation (orphans only come from
	// kills during it).
	applyStart := time.Now()
	mustInfra(t, state, "--local", "apply", zoneStack)
	applyTook := time.Since(applyStart)
	seq := 0
	trialVars := filepath.Join(fixtureRepo(t), "infrastructure", "terraform", "global", "route53", "zz-trial.auto.tfvars")
	t.Cleanup(func() { os.Remove(trialVars) })
	for _, n := range ns {
		if n == 0 || trials == 0 {
			continue
		}
		t.Run(fmt.Sprintf("contention N=%d", n), func(t *testing.T) {
			start := time.Now()
			broken := 0
			for trial := 1; trial <= trials; trial++ {
				seq++
				t0 := time.Now()
				serial, lineage := stateInfo(t, cfg, zoneKey)
				// A change to plan: infra passes no TF_VAR_*/TF_CLI_ARGS* on,
				// so the value goes into an auto-loaded tfvars file.
				if err := os.WriteFile(trialVars, []byte(fmt.Sprintf("caa_iodef = \"mailto:trial%d@example.com\"\n", seq)), 0o644); err != nil {
					t.Fatal(err)
				}
				// N operators planning the same commit at the same state
				// serial save the same plan: one is made, the others are
				// byte copies with its metadata (a plan is checked by its
				// content hash, commit and serial, not its path), so a trial
				// costs one plan instead of N.
				plans := make([]string, n)
				for i := range plans {
					plans[i] = filepath.Join(t.TempDir(), fmt.Sprintf("op%d.tfplan", i))
					if i == 0 {
						mustInfraCode(t, state, cli.ExitChanges, "--local", "plan", zoneStack, "--out", plans[0])
						continue
					}
					for _, suffix := range []string{"", ".meta.json", ".json"} {
						b, err := os.ReadFile(plans[0] + suffix)
						if err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(plans[i]+suffix, b, 0o600); err != nil {
							t.Fatal(err)
						}
					}
				}
				planned := time.Since(t0)
				codes := make([]int, n)
				outs := make([]clitest.SyncBuffer, n)
				var wg sync.WaitGroup
				for i := range plans {
					wg.Add(1)
					go func() {
						defer wg.Done()
						codes[i] = cli.Run(ctx, []string{"--state-dir", state, "-C", fixtureRepo(t), "--local", "apply", zoneStack, "--plan", plans[i]},
							cli.IO{In: strings.NewReader(""), Out: &outs[i], Err: &outs[i]})
					}()
				}
				wg.Wait()
				won, refused := 0, 0
				for i, c := range codes {
					switch c {
					case cli.ExitOK:
						won++
					case cli.ExitRefused:
						refused++
					default:
						t.Errorf("trial %d: operator %d exit %d:\n%s", trial, i, c, outs[i].String())
					}
				}
				s2, l2 := stateInfo(t, cfg, zoneKey)
				var bad []string
				if won != 1 || refused != n-1 {
					bad = append(bad, fmt.Sprintf("%d won, %d refused", won, refused))
				}
				if s2 != serial+1 {
					bad = append(bad, fmt.Sprintf("serial %d -> %d", serial, s2))
				}
				if l2 != lineage {
					bad = append(bad, "lineage changed")
				}
				if st := mustInfra(t, state, "--local", "lock", "status", zoneStack); !strings.Contains(st.Out, "unlocked") {
					bad = append(bad, "lock left")
				}
				if z := zones(t, cfg); len(z) != 1 {
					bad = append(bad, fmt.Sprintf("%d zones", len(z)))
				}
				if len(bad) > 0 {
					broken++
					t.Errorf("trial %d: invariant broken: %s", trial, strings.Join(bad, "; "))
				}
				t.Logf("N=%d trial %d: %d won, %d refused, serial %d -> %d, %.1f s (plan %.1f s)", n, trial, won, refused, serial, s2, time.Since(t0).Seconds(), planned.Seconds())
			}
			assertStateNotForked(t, cfg, zoneKey)
			t.Logf("SUMMARY contention N=%d: %d trials, %d with an invariant broken, %.1f s per trial", n, trials, broken, time.Since(start).Seconds()/float64(trials))
		})
	}
	os.Remove(trialVars)

	t.Run(fmt.Sprintf("kill K=%d", kills), func(t *testing.T) {
		if kills == 0 {
			t.Skip("RELIABILITY_K=0")
		}
		start := time.Now()
		outcomes := map[string]int{}
		for trial := 1; trial <= kills; trial++ {
			t0 := time.Now()
			mustInfra(t, state, "--local", "destroy", zoneStack, "--yes")
			mustInfraCode(t, state, cli.ExitChanges, "--local", "plan", zoneStack)
			cmd, out := startInfra(t, state, "--local", "apply", zoneStack)
			waitFor(t, cmd, out, func() bool { return locked(t, state) })
			delay := time.Duration(rand.Int64N(int64(applyTook))).Round(time.Millisecond)
			time.Sleep(delay)
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			_ = cmd.Wait()

			outcome := "killed after the apply finished"
			st := mustInfra(t, state, "--local", "lock", "status", zoneStack)
			if m := regexp.MustCompile(`lock id (\S+) \(`).FindStringSubmatch(st.Out); m != nil {
				outcome = "killed holding the lock"
				if !strings.Contains(st.Out, "DEAD: infra process") {
					t.Errorf("trial %d: lock status does not call the holder dead:\n%s", trial, st.Out)
				}
				mustInfra(t, state, "--local", "unlock", zoneStack, m[1], "--yes")
			}
			d := infra(t, state, "", "--local", "drift", "--unmanaged", zoneStack)
			switch d.Code {
			case cli.ExitFindings:
				outcome += ", orphans adopted"
				adopt(t, state, d.Out)
			case cli.ExitOK:
			default:
				t.Fatalf("trial %d: drift --unmanaged: %s", trial, d)
			}
			if p := infra(t, state, "", "--local", "plan", zoneStack); p.Code == cli.ExitChanges {
				mustInfra(t, state, "--local", "apply", zoneStack)
			} else if p.Code != cli.ExitOK {
				t.Fatalf("trial %d: plan after recovery: %s", trial, p)
			}
			if p := infra(t, state, "", "--local", "plan", zoneStack); p.Code != cli.ExitOK {
				t.Errorf("trial %d: not converged after recovery: %s", trial, p)
			}
			if z := zones(t, cfg); len(z) != 1 {
				t.Errorf("trial %d: %d zones after recovery (a twin)", trial, len(z))
			}
			assertStateNotForked(t, cfg, zoneKey)
			outcomes[outcome]++
			t.Logf("kill trial %d: after %v: %s, %.1f s", trial, delay, outcome, time.Since(t0).Seconds())
		}
		b, _ := json.Marshal(outcomes)
		t.Logf("SUMMARY kill K=%d: outcomes %s, %.1f s per trial", kills, b, time.Since(start).Seconds()/float64(kills))
	})
}

func envInts(t *testing.T, name, def string) []int {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		v = def
	}
	var out []int
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 0 {
			t.Fatalf("%s=%s: want integers ≥ 0 separated by commas (0 skips that part)", name, v)
		}
		out = append(out, n)
	}
	return out
}

func mustInfraCode(t *testing.T, state string, code int, args ...string) {
	t.Helper()
	if r := infra(t, state, "", args...); r.Code != code {
		t.Fatalf("infra %s: want exit %d, got %s", strings.Join(args, " "), code, r)
	}
}

// locked reports whether the zone stack's state lock is held.
func locked(t *testing.T, state string) bool {
	return strings.Contains(infra(t, state, "", "--local", "lock", "status", zoneStack).Out, "LOCKED")
}
