package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/taskmanager-platform/infra/internal/approval"
	"github.com/taskmanager-platform/infra/internal/backend"
	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/plan"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/state"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/vcs"
)

// session is an opened engine and one resolved stack: the preamble every
// single-stack command shares (repository, manifest, emulator when
// --local, toolchain, stack name).
type session struct {
	e *engine.Engine
	s stacks.Stack
}

func (a *app) session(ctx context.Context, name string) (*session, error) {
	e, err := a.open(ctx, a.local)
	if err != nil {
		return nil, err
	}
	s, err := stack(e, name)
	if err != nil {
		return nil, err
	}
	return &session{e: e, s: s}, nil
}

// initialisedSession is session + an initialised workspace whose terraform
// output goes to out.
func (a *app) initialisedSession(ctx context.Context, name string, out io.Writer) (*session, *tf.Workspace, error) {
	ss, err := a.session(ctx, name)
	if err != nil {
		return nil, nil, err
	}
	w, err := ss.initialised(ctx, out)
	if err != nil {
		return nil, nil, err
	}
	return ss, w, nil
}

// initialised opens and initialises a workspace whose terraform output
// goes to out.
func (ss *session) initialised(ctx context.Context, out io.Writer) (*tf.Workspace, error) {
	w, err := ss.workspace(out)
	if err != nil {
		return nil, err
	}
	if err := ss.e.EnsureInit(ctx, ss.s, w); err != nil {
		return nil, err
	}
	return w, nil
}

// workspace opens a workspace whose terraform output goes to out.
func (ss *session) workspace(out io.Writer) (*tf.Workspace, error) {
	return ss.e.Workspace(ss.s, engine.WorkspaceOptions{Stdout: out})
}

// remote is a session's backend and SDK configuration.
func (ss *session) remote(ctx context.Context) (backend.Config, aws.Config, func(*s3.Options), error) {
	b, err := backend.Read(ss.s.Dir)
	if err != nil {
		return backend.Config{}, aws.Config{}, nil, err
	}
	cfg, err := ss.e.Target.AWSConfig(ctx)
	if err != nil {
		return backend.Config{}, aws.Config{}, nil, err
	}
	local := ss.e.Target.Local
	return b, cfg, func(o *s3.Options) { o.UsePathStyle = local }, nil
}

// confirm asks for the stack's name to be typed before a change, unless
// --yes was given outside production (production always asks).
func (ss *session) confirm(stdio IO, yes bool, action string) error {
	if yes && !ss.s.Production() {
		return nil
	}
	otherwise := "pass --yes"
	if ss.s.Production() {
		otherwise = "run it from a terminal (production always asks)"
	}
	return approval.Confirm(stdio.In, stdio.Err, fmt.Sprintf("%s %s? Type its name to continue: ", action, ss.s.Name), ss.s.Name, otherwise)
}

// planFile is where `infra plan <stack>` saves its plan by default.
func (ss *session) planFile() (string, error) {
	return ss.e.Project.Path("plans", ss.e.Target.Name(), ss.s.Name+".tfplan")
}

// current is what a saved plan of the stack is bound to now: target,
// commit (dirty when the stack's sources differ from it) and the state's
// serial and lineage.
func (ss *session) current(ctx context.Context, w *tf.Workspace) (plan.Current, error) {
	rev, err := vcs.Head(ctx, ss.e.Project.Root, ss.e.StackSources(ss.s)...)
	if err != nil {
		return plan.Current{}, err
	}
	raw, err := w.StatePull(ctx)
	if err != nil {
		return plan.Current{}, err
	}
	serial, lineage, err := state.Info(raw)
	if err != nil {
		return plan.Current{}, err
	}
	return plan.Current{Stack: ss.s.Name, Target: ss.e.Target.Name(), Revision: rev, Serial: serial, Lineage: lineage}, nil
}
