// Package guard marks the refusals infra makes on purpose: production
// destroy, a stale or unapproved plan, a non-loopback endpoint in local
// mode, a confirmation not given. A refusal changes nothing; the CLI maps
// it to exit code 3, apart from failures (exit 1).
package guard

import (
	"errors"
	"fmt"
)

// ErrRefused matches every refusal with errors.Is.
var ErrRefused = errors.New("refused")

// Refusal is an error that is a refusal; its message is Err's.
type Refusal struct{ Err error }

func (r *Refusal) Error() string { return r.Err.Error() }

// Unwrap keeps the sentinels Err wraps reachable (errors.Is/As).
func (r *Refusal) Unwrap() error { return r.Err }

// Is makes errors.Is(err, ErrRefused) true for a refusal.
func (r *Refusal) Is(target error) bool { return target == ErrRefused }

// Refuse returns a refusal formatted like fmt.Errorf (with %w support).
func Refuse(format string, a ...any) error {
	return &Refusal{Err: fmt.Errorf(format, a...)}
}

// Wrap marks err as a refusal; nil stays nil.
func Wrap(err error) error {
	if err == nil {
		return nil
	}
	return &Refusal{Err: err}
}
