package approval_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/approval"
	"github.com/taskmanager-platform/infra/internal/guard"
	"github.com/taskmanager-platform/infra/internal/plan"
)

const hash = "3f9a1c2b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd"

func meta(changes ...plan.Change) plan.Meta {
	return plan.Meta{Stack: "tm-prod", Hash: hash, Summary: plan.Summary{Changes: changes}}
}

var (
	dbReplace = plan.Change{Address: "module.database.aws_db_instance.this", Type: "aws_db_instance", Action: plan.Replace, Stateful: true}
	sgUpdate  = plan.Change{Address: "module.networking.aws_security_group.alb", Type: "aws_security_group", Action: plan.Update}
)

func TestCheck(t *testing.T) {
	errAsked := errors.New("asked a human")
	tests := []struct {
		name    string
		req     approval.Request
		want    error // nil: allowed without asking
		wantMsg string
	}{
		{"not production", approval.Request{Plan: meta(dbReplace)}, nil, ""},
		{"stateful replace refused", approval.Request{Plan: meta(dbReplace, sgUpdate), Production: true, Approve: hash[:12]}, approval.ErrStatefulChange, "replace module.database.aws_db_instance.this"},
		{"stateful replace allowed, approved", approval.Request{Plan: meta(dbReplace), Production: true, Approve: hash[:12], AllowReplace: []string{dbReplace.Address}}, nil, ""},
		{"approved by prefix", approval.Request{Plan: meta(sgUpdate), Production: true, Approve: strings.ToUpper(hash[:8])}, nil, ""},
		{"prefix too short", approval.Request{Plan: meta(sgUpdate), Production: true, Approve: hash[:7]}, approval.ErrNotApproved, "at least 8"},
		{"another plan", approval.Request{Plan: meta(sgUpdate), Production: true, Approve: "deadbeefdead"}, approval.ErrNotApproved, "hash 3f9a1c2b7d4e"},
		{"no approval: a human is asked", approval.Request{Plan: meta(sgUpdate), Production: true}, errAsked, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := approval.Check(tc.req, func() error { return errAsked })
			if tc.want == nil {
				if err != nil {
					t.Fatalf("want allowed, got %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Fatalf("want %v with %q, got %v", tc.want, tc.wantMsg, err)
			}
			if tc.want != errAsked && !errors.Is(err, guard.ErrRefused) {
				t.Errorf("%v is not a guard refusal", err)
			}
		})
	}
}

func TestConfirm(t *testing.T) {
	tests := []struct {
		name  string
		input *strings.Reader
		ok    bool
		msg   string
	}{
		{"typed", strings.NewReader("tm-dev\n"), true, ""},
		{"typed without newline", strings.NewReader(" tm-dev "), true, ""},
		{"another name", strings.NewReader("dev\n"), false, `"dev" does not match "tm-dev"`},
		{"no input", strings.NewReader(""), false, "or pass --yes"},
		{"nil input", nil, false, "or pass --yes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var prompt strings.Builder
			var err error
			if tc.input == nil {
				err = approval.Confirm(nil, &prompt, "Type it: ", "tm-dev", "pass --yes")
			} else {
				err = approval.Confirm(tc.input, &prompt, "Type it: ", "tm-dev", "pass --yes")
			}
			if prompt.String() != "Type it: " {
				t.Errorf("prompt %q", prompt.String())
			}
			if tc.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, approval.ErrNotConfirmed) || !errors.Is(err, guard.ErrRefused) || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("want a refusal with %q, got %v", tc.msg, err)
			}
		})
	}
}
