// Command infra operates the Task Manager and HMS infrastructure.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/taskmanager-platform/infra/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr})
	stop()
	os.Exit(code)
}
