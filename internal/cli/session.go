package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/taskmanager-platform/infra/internal/backend"
	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/tf"
)

// session is an opened engine and one resolved stack.
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

// confirm asks for want to be typed on stdin.
func confirm(stdio IO, prompt, want string) error {
	fmt.Fprint(stdio.Err, prompt)
	if stdio.In == nil {
		return usage("no input to confirm with: type %q at the prompt, or pass --yes", want)
	}
	line, err := bufio.NewReader(stdio.In).ReadString('\n')
	if err != nil && line == "" {
		return usage("confirmation not given (no input): type %q at the prompt, or pass --yes", want)
	}
	if strings.TrimSpace(line) != want {
		return usage("confirmation %q does not match %q: nothing was changed", strings.TrimSpace(line), want)
	}
	return nil
}
