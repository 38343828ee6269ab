package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/bootstrap"
	"github.com/taskmanager-platform/infra/internal/engine"
)

func (a *app) bootstrapCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "bootstrap",
		Short: "Create the state backend: versioned, KMS-encrypted S3 bucket and DynamoDB lock table",
		Long: `Create or check the remote-state backend named in the stacks' backend.tf:
an S3 bucket (versioning, SSE-KMS under a dedicated rotating key with an alias,
all public access blocked, ACLs disabled, TLS-only policy) and a DynamoDB lock
table (PAY_PER_REQUEST, hash key LockID, point-in-time recovery).
A second run changes nothing and says so.`,
		Example: `  infra --local bootstrap
  AWS_PROFILE=platform-admin infra bootstrap`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := a.open(cmd.Context(), a.local)
			if err != nil {
				return err
			}
			_, err = a.bootstrap(cmd.Context(), e)
			return err
		},
	}
}

func (a *app) bootstrap(ctx context.Context, e *engine.Engine) (bootstrap.Report, error) {
	b, err := e.Backend()
	if err != nil {
		return bootstrap.Report{}, err
	}
	cfg, err := e.Target.AWSConfig(ctx)
	if err != nil {
		return bootstrap.Report{}, err
	}
	if cfg.Region == "" {
		cfg.Region = b.Region
	}
	fmt.Fprintf(a.io.Out, "state backend (%s):\n", e.Target.Name())
	rep, err := bootstrap.Run(ctx, cfg, bootstrap.Spec{
		Bucket:   b.Bucket,
		Table:    b.DynamoDBTable,
		KeyAlias: b.KMSKeyID,
		Region:   b.Region,
	}, e.Target.Local, a.io.Out)
	if err != nil {
		return rep, fmt.Errorf("bootstrap stopped: %w", err)
	}
	if rep.Changed() {
		fmt.Fprintln(a.io.Out, "state backend ready")
	} else {
		fmt.Fprintln(a.io.Out, "state backend already in place: nothing changed")
	}
	return rep, nil
}
