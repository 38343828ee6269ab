// Package approval decides whether a change may go ahead: the production
// policy on stateful resources, a reviewer's approval of a saved plan by its
// hash, or a human typing the stack's name. Every "no" is a guard refusal
// (exit 3) that changed nothing.
package approval

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/taskmanager-platform/infra/internal/guard"
	"github.com/taskmanager-platform/infra/internal/plan"
)

var (
	// ErrStatefulChange: a production plan destroys or replaces a stateful
	// resource that was not named with --allow-replace.
	ErrStatefulChange = errors.New("the plan destroys or replaces stateful resources")
	// ErrNotApproved: --approve does not name the plan being applied.
	ErrNotApproved = errors.New("the plan is not the approved one")
	// ErrNotConfirmed: the typed confirmation is missing or different.
	ErrNotConfirmed = errors.New("confirmation not given")
)

// MinApproveLen is the shortest hash prefix --approve accepts.
const MinApproveLen = 8

// Request is one saved plan about to be applied.
type Request struct {
	Plan         plan.Meta
	Production   bool
	Approve      string   // --approve: a prefix of the reviewed plan's hash
	AllowReplace []string // --allow-replace: stateful addresses that may go
}

// Check applies the production policy, then the approval: --approve must
// be a prefix (at least MinApproveLen characters) of the plan's hash;
// without it, confirm is called (it shows the plan and asks a human).
// Non-production plans need neither.
func Check(r Request, confirm func() error) error {
	if !r.Production {
		return nil
	}
	if bad := plan.ProductionViolations(r.Plan.Summary, r.AllowReplace); len(bad) > 0 {
		names := make([]string, len(bad))
		for i, c := range bad {
			names[i] = fmt.Sprintf("%s %s", c.Action, c.Address)
		}
		return guard.Refuse("refusing to apply to production %s: %w (%s: data loss); if intended, name each with --allow-replace ADDR; nothing was changed",
			r.Plan.Stack, ErrStatefulChange, strings.Join(names, ", "))
	}
	if r.Approve != "" {
		if len(r.Approve) < MinApproveLen {
			return guard.Refuse("--approve %s: %w: give at least %d characters of the plan hash (%s…); nothing was changed",
				r.Approve, ErrNotApproved, MinApproveLen, plan.ShortHash(r.Plan.Hash))
		}
		if !strings.HasPrefix(r.Plan.Hash, strings.ToLower(r.Approve)) {
			return guard.Refuse("--approve %s: %w (hash %s, at least %d characters): approve the plan you reviewed; nothing was changed",
				r.Approve, ErrNotApproved, plan.ShortHash(r.Plan.Hash), MinApproveLen)
		}
		return nil
	}
	return confirm()
}

// Confirm writes prompt to w and reads one line from in; anything but want
// is a refusal. otherwise names the non-interactive way (for example "pass
// --yes") in the message.
func Confirm(in io.Reader, w io.Writer, prompt, want, otherwise string) error {
	fmt.Fprint(w, prompt)
	if in == nil {
		return guard.Refuse("%w (no input): type %q at the prompt, or %s", ErrNotConfirmed, want, otherwise)
	}
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && line == "" {
		return guard.Refuse("%w (no input): type %q at the prompt, or %s", ErrNotConfirmed, want, otherwise)
	}
	if got := strings.TrimSpace(line); got != want {
		return guard.Refuse("%w: %q does not match %q; nothing was changed", ErrNotConfirmed, got, want)
	}
	return nil
}
