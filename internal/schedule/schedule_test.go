package schedule_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taskmanager-platform/infra/internal/schedule"
)

// graph runs tasks whose steps block until the test releases them, and
// records the order in which steps start and end ("+a" Run of a starts,
// "-a" ends, "+a/after", "-a/after").
type graph struct {
	mu      sync.Mutex
	log     []string
	release map[string]chan error
	started chan string
}

func newGraph(steps ...string) *graph {
	g := &graph{release: map[string]chan error{}, started: make(chan string, 64)}
	for _, s := range steps {
		g.release[s] = make(chan error, 1)
	}
	return g
}

func (g *graph) step(name string) func(context.Context) error {
	return func(context.Context) error {
		g.note("+" + name)
		g.started <- name
		err := <-g.release[name]
		g.note("-" + name)
		return err
	}
}

func (g *graph) note(s string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.log = append(g.log, s)
}

// expectStarted waits until exactly these steps have started (in any order).
func (g *graph) expectStarted(t *testing.T, names ...string) {
	t.Helper()
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	for range names {
		select {
		case s := <-g.started:
			if !want[s] {
				t.Fatalf("step %s started; expected only %v", s, names)
			}
			delete(want, s)
		case <-time.After(5 * time.Second):
			t.Fatalf("steps %v did not start", want)
		}
	}
	g.expectQuiet(t)
}

// expectQuiet fails if a step starts within a short while: nothing else is
// ready.
func (g *graph) expectQuiet(t *testing.T) {
	t.Helper()
	select {
	case s := <-g.started:
		t.Fatalf("step %s started too early", s)
	case <-time.After(50 * time.Millisecond):
	}
}

func (g *graph) finish(name string, err error) { g.release[name] <- err }

func run(tasks []schedule.Task) (chan []schedule.Result, chan error) {
	res, errc := make(chan []schedule.Result, 1), make(chan error, 1)
	go func() {
		r, err := schedule.Run(context.Background(), tasks)
		res <- r
		errc <- err
	}()
	return res, errc
}

// The bring-up shape: two global stacks without dependencies, an
// environment needing both, and another needing one.
func TestDependantsStartAsSoonAsTheirDependenciesApplied(t *testing.T) {
	g := newGraph("ecr", "ecr/after", "route53", "route53/after", "dev", "dev/after", "repo")
	tasks := []schedule.Task{
		{Name: "ecr", Run: g.step("ecr"), After: g.step("ecr/after")},
		{Name: "route53", Run: g.step("route53"), After: g.step("route53/after")},
		{Name: "dev", Deps: []string{"ecr", "route53"}, Run: g.step("dev"), After: g.step("dev/after")},
		{Name: "repo", Deps: []string{"ecr"}, Run: g.step("repo")},
	}
	resc, errc := run(tasks)
	g.expectStarted(t, "ecr", "route53") // independent: together
	g.finish("ecr", nil)
	// ecr's check overlaps repo's run; dev still waits for route53.
	g.expectStarted(t, "ecr/after", "repo")
	g.finish("repo", nil)
	g.expectQuiet(t)
	g.finish("route53", nil)
	// dev starts while both checks still run.
	g.expectStarted(t, "route53/after", "dev")
	g.finish("dev", nil)
	g.expectStarted(t, "dev/after")
	for _, s := range []string{"dev/after", "route53/after", "ecr/after"} {
		g.finish(s, nil)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	for _, r := range <-resc {
		if r.Err != nil {
			t.Errorf("%s: %v", r.Name, r.Err)
		}
	}
	log := strings.Join(g.log, " ")
	if i, j := strings.Index(log, "+dev"), strings.Index(log, "-ecr/after"); i < 0 || j < i {
		t.Errorf("dev must start while ecr's check still runs: %s", log)
	}
}

func TestAFailureStartsNothingNew(t *testing.T) {
	g := newGraph("a", "b", "c", "d")
	tasks := []schedule.Task{
		{Name: "a", Run: g.step("a")},
		{Name: "b", Run: g.step("b")},
		{Name: "c", Deps: []string{"a"}, Run: g.step("c")},
		{Name: "d", Deps: []string{"b"}, Run: g.step("d")},
	}
	resc, errc := run(tasks)
	g.expectStarted(t, "a", "b")
	boom := errors.New("apply failed")
	g.finish("a", boom)
	g.expectQuiet(t)
	// b was running: it finishes, but its dependant d is not started.
	g.finish("b", nil)
	g.expectQuiet(t)
	err := <-errc
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "a: apply failed") {
		t.Fatalf("err = %v, want a's failure", err)
	}
	got := map[string]error{}
	for _, r := range <-resc {
		got[r.Name] = r.Err
	}
	if got["a"] != boom || got["b"] != nil || !errors.Is(got["c"], schedule.ErrNotStarted) || !errors.Is(got["d"], schedule.ErrNotStarted) {
		t.Errorf("results = %v", got)
	}
}

func TestAFailedCheckFailsTheRun(t *testing.T) {
	g := newGraph("a", "a/after", "b")
	tasks := []schedule.Task{
		{Name: "a", Run: g.step("a"), After: g.step("a/after")},
		{Name: "b", Deps: []string{"a"}, Run: g.step("b")},
	}
	_, errc := run(tasks)
	g.expectStarted(t, "a")
	g.finish("a", nil)
	g.expectStarted(t, "a/after", "b")
	missing := errors.New("2 resources not found")
	g.finish("a/after", missing)
	g.finish("b", nil)
	if err := <-errc; !errors.Is(err, missing) {
		t.Fatalf("err = %v, want the check's failure", err)
	}
}

func TestBadGraphs(t *testing.T) {
	noop := func(context.Context) error { return nil }
	tests := []struct {
		name  string
		tasks []schedule.Task
		want  string
	}{
		{"unknown dependency", []schedule.Task{{Name: "a", Deps: []string{"zz"}, Run: noop}}, `"a" depends on unknown task "zz"`},
		{"duplicate", []schedule.Task{{Name: "a", Run: noop}, {Name: "a", Run: noop}}, "listed twice"},
		{"cycle", []schedule.Task{{Name: "x", Run: noop}, {Name: "a", Deps: []string{"b"}, Run: noop}, {Name: "b", Deps: []string{"a"}, Run: noop}}, "dependency cycle among a, b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := schedule.Run(context.Background(), tc.tasks)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// TestBringUpMeetsTheCriticalPath drives the scheduler with a fake clock:
// each step "takes" a duration of virtual time, the test ends steps in
// time order and collects the steps that start. The bring-up's makespan is
// its critical path, max(ecr, route53) + dev + dev's check, not the sum of
// the steps, and no stack waits for another's check.
func TestBringUpMeetsTheCriticalPath(t *testing.T) {
	took := map[string]int{ // seconds, as measured on 2 cores
		"ecr": 14, "ecr/after": 5, "route53": 37, "route53/after": 6, "dev": 120, "dev/after": 10,
	}
	steps := make([]string, 0, len(took))
	for s := range took {
		steps = append(steps, s)
	}
	g := newGraph(steps...)
	tasks := []schedule.Task{
		{Name: "ecr", Run: g.step("ecr"), After: g.step("ecr/after")},
		{Name: "route53", Run: g.step("route53"), After: g.step("route53/after")},
		{Name: "dev", Deps: []string{"ecr", "route53"}, Run: g.step("dev"), After: g.step("dev/after")},
	}
	_, errc := run(tasks)
	now := 0
	ends := map[string]int{}   // running step -> virtual end time
	starts := map[string]int{} // step -> virtual start time
	collect := func() {
		for {
			select {
			case s := <-g.started:
				starts[s] = now
				ends[s] = now + took[s]
			case <-time.After(50 * time.Millisecond):
				return
			}
		}
	}
	collect()
	for len(ends) > 0 {
		next := ""
		for s, e := range ends {
			if next == "" || e < ends[next] || (e == ends[next] && s < next) {
				next = s
			}
		}
		now = ends[next]
		delete(ends, next)
		g.finish(next, nil)
		collect()
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if starts["dev"] != 37 {
		t.Errorf("dev started at %ds, want 37s (when route53, the slower dependency, applied; not after the checks)", starts["dev"])
	}
	critical := max(took["ecr"], took["route53"]) + took["dev"] + took["dev/after"]
	sum := 0
	for _, d := range took {
		sum += d
	}
	if now != critical {
		t.Errorf("bring-up took %ds of virtual time, want the critical path %ds (sequential: %ds)", now, critical, sum)
	}
}
