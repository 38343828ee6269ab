package guard_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/taskmanager-platform/infra/internal/guard"
)

var errInner = errors.New("inner")

func TestRefusal(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		refused   bool
		wrapsMine bool
		msg       string
	}{
		{"plain error", errors.New("boom"), false, false, "boom"},
		{"refuse", guard.Refuse("no %s", "way"), true, false, "no way"},
		{"refuse wrapping", guard.Refuse("stop: %w", errInner), true, true, "stop: inner"},
		{"wrapped refusal", fmt.Errorf("apply: %w", guard.Refuse("stale")), true, false, "apply: stale"},
		{"wrap", guard.Wrap(errInner), true, true, "inner"},
		{"joined", errors.Join(errors.New("a"), guard.Refuse("b")), true, false, "a\nb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := errors.Is(tc.err, guard.ErrRefused); got != tc.refused {
				t.Errorf("errors.Is(ErrRefused) = %v, want %v", got, tc.refused)
			}
			if got := errors.Is(tc.err, errInner); got != tc.wrapsMine {
				t.Errorf("errors.Is(inner) = %v, want %v", got, tc.wrapsMine)
			}
			if tc.err.Error() != tc.msg {
				t.Errorf("message %q, want %q", tc.err.Error(), tc.msg)
			}
		})
	}
	if guard.Wrap(nil) != nil {
		t.Error("Wrap(nil) is not nil")
	}
}
