package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/taskmanager-platform/infra/internal/guard"
	"github.com/taskmanager-platform/infra/internal/tf"
)

// Exit codes: one meaning each. The README and `infra --help` print
// ExitCodeTable; TestExitCodes runs every command's failure modes.
const (
	ExitOK      = 0 // success; plan: no changes
	ExitError   = 1 // the command failed, including usage errors (as terraform does)
	ExitChanges = 2 // plan only: the plan has changes
	ExitRefused = 3 // refused by a guard, or findings: drift, verify failures, fmt, policy
)

// ExitFindings is ExitRefused for commands that report findings (drift,
// verify, fmt, policy): the command worked and found something to act on.
const ExitFindings = ExitRefused

// ExitCodeTable documents the codes (Markdown; README and --help).
const ExitCodeTable = `| code | meaning |
|---|---|
| 0 | success; ` + "`plan`" + `: no changes |
| 1 | error, including usage errors (unknown stack, flag or command, bad arguments) |
| 2 | ` + "`plan`" + ` only: the plan has changes |
| 3 | refused by a guard (production destroy, stale or unapproved plan, stateful replacement in production, confirmation not given, non-loopback endpoint in local mode, state locked by another run, another run's lock id) or findings (drift, verify failures, fmt, policy); nothing was changed |
`

// ExitInterrupted is the code of a run stopped by Ctrl-C or SIGTERM: 1, an
// error, with a message saying so. The table has no code of its own for it
// (130, the shell's, would be a fifth meaning); the message tells it apart.
const ExitInterrupted = ExitError

// UsageError marks bad input that the user fixes by changing the command
// (exit 1, as terraform).
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usage(format string, a ...any) error { return &UsageError{Err: fmt.Errorf(format, a...)} }

// refuse is a guard refusal (exit 3); see package guard.
func refuse(format string, a ...any) error { return guard.Refuse(format, a...) }

// exitCode carries a specific exit code; a nil err prints nothing (plan's
// "changes present", drift's "drifted": the report says it).
type exitCode struct {
	code int
	err  error
}

func (e *exitCode) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}
func (e *exitCode) Unwrap() error { return e.err }

// findings ends a command that worked and found something (exit 3); err
// may be nil when the printed report says it all.
func findings(err error) error { return &exitCode{code: ExitFindings, err: err} }

// changes ends a plan that has changes (exit 2).
func changes() error { return &exitCode{code: ExitChanges} }

// codeOf maps an error to its exit code.
func codeOf(err error) int {
	var ec *exitCode
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ec):
		return ec.code
	case errors.Is(err, guard.ErrRefused):
		return ExitRefused
	}
	if _, ok := tf.IsLocked(err); ok || errors.Is(err, tf.ErrStalePlan) {
		return ExitRefused // another run holds or changed the state: refused, nothing changed
	}
	return ExitError
}

// report prints err (one line, naming the next step) and returns its code.
func (a *app) report(err error) int {
	code := codeOf(err)
	if err == nil {
		return code
	}
	var ec *exitCode
	if errors.As(err, &ec) && ec.err == nil {
		return code
	}
	msg := err.Error()
	if le, ok := tf.IsLocked(err); ok {
		stack := le.Stack
		if stack == "" {
			stack = "<stack>"
		}
		msg = fmt.Sprintf("%s; nothing was changed: wait for that run to finish, or if it died follow docs/runbooks/stuck-state-lock.md (`infra lock status %s`, `infra unlock %s %s`, then `infra drift --unmanaged %s` for what it left)", le.Error(), stack, stack, le.ID, stack)
	}
	fmt.Fprintf(a.io.Err, "infra: %s\n", msg)
	return code
}

// exitHelp is the exit-code section of `infra --help`.
func exitHelp() string {
	var b strings.Builder
	b.WriteString("Exit codes:\n")
	for _, line := range strings.Split(strings.TrimSpace(ExitCodeTable), "\n")[2:] {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		col := 0
		for i, word := range strings.Fields(strings.ReplaceAll(cells[1], "`", "")) {
			switch {
			case i == 0:
				col, _ = fmt.Fprintf(&b, "  %s  %s", cells[0], word)
			case col+1+len(word) > 78:
				col, _ = fmt.Fprintf(&b, "\n     %s", word)
				col--
			default:
				n, _ := fmt.Fprintf(&b, " %s", word)
				col += n
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}
