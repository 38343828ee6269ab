// Package schedule runs a dependency graph of tasks as early as it can:
// every task starts the moment the tasks it depends on have finished their
// main step, independent tasks run at the same time, and each task's
// follow-up step (a check nobody waits for) overlaps whatever starts next.
// `infra up` uses it for stacks: apply (and delegate) is the main step,
// the SDK verification the follow-up.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Task is one node of the graph.
type Task struct {
	Name string
	Deps []string // names of tasks whose Run must succeed first
	// Run is what dependants wait for.
	Run func(ctx context.Context) error
	// After (optional) runs once Run succeeded, alongside dependants; its
	// error fails the whole run but starts no one and stops no one.
	After func(ctx context.Context) error
}

// ErrNotStarted marks tasks left out because a task failed first (or
// because they wait on each other).
var ErrNotStarted = errors.New("not started")

// Result is how one task ended.
type Result struct {
	Name string
	Err  error // nil: Run and After succeeded
}

// Run executes the tasks and returns one result per task in the given
// order, and the joined errors. A failed Run (or After) stops new tasks from
// starting — tasks already running finish, as an interrupted terraform apply
// would leave a stack half done — and every task not started reports
// ErrNotStarted. Unknown dependencies are refused before anything runs;
// tasks in a dependency cycle never start and fail the run.
func Run(ctx context.Context, tasks []Task) ([]Result, error) {
	index := map[string]int{}
	for i, t := range tasks {
		if _, dup := index[t.Name]; dup {
			return nil, fmt.Errorf("task %q listed twice", t.Name)
		}
		index[t.Name] = i
	}
	for _, t := range tasks {
		for _, d := range t.Deps {
			if _, ok := index[d]; !ok {
				return nil, fmt.Errorf("task %q depends on unknown task %q", t.Name, d)
			}
		}
	}

	type event struct {
		i     int
		after bool // the After step ended (else Run)
		err   error
	}
	events := make(chan event)
	res := make([]Result, len(tasks))
	ran := make([]bool, len(tasks))     // Run succeeded
	started := make([]bool, len(tasks)) // Run started
	running := 0                        // Run and After steps in flight
	failed := false
	var wg sync.WaitGroup
	start := func(i int) {
		started[i] = true
		running++
		wg.Add(1)
		go func() {
			defer wg.Done()
			events <- event{i: i, err: tasks[i].Run(ctx)}
		}()
	}
	ready := func() {
		if failed {
			return
		}
		for i, t := range tasks {
			if !started[i] && !slices.ContainsFunc(t.Deps, func(d string) bool { return !ran[index[d]] }) {
				start(i)
			}
		}
	}
	ready()
	for running > 0 {
		ev := <-events
		running--
		t := tasks[ev.i]
		switch {
		case ev.err != nil:
			res[ev.i] = Result{Name: t.Name, Err: ev.err}
			failed = true
		case !ev.after:
			ran[ev.i] = true
			res[ev.i] = Result{Name: t.Name}
			if t.After != nil {
				running++
				wg.Add(1)
				go func() {
					defer wg.Done()
					events <- event{i: ev.i, after: true, err: t.After(ctx)}
				}()
			}
			ready()
		}
	}
	wg.Wait()
	var errs []error
	var never []string
	for i, t := range tasks {
		if !started[i] {
			res[i] = Result{Name: t.Name, Err: ErrNotStarted}
			if !failed {
				never = append(never, t.Name)
			}
			continue
		}
		if res[i].Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", t.Name, res[i].Err))
		}
	}
	if len(never) > 0 {
		// Nothing failed, yet these never became ready: they wait on each other.
		errs = append(errs, fmt.Errorf("dependency cycle among %s: %w", strings.Join(never, ", "), ErrNotStarted))
	}
	return res, errors.Join(errs...)
}
