package cli

import (
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/rotate"
	"github.com/taskmanager-platform/infra/internal/tf"
)

func (a *app) dbCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "db",
		Short:   "Database operations of a stack (rotate the master password)",
		Example: "  infra db rotate staging",
	}
	cmd.AddCommand(a.dbRotateCmd())
	return cmd
}

func (a *app) dbRotateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rotate <stack>",
		Short: "Rotate a stack's database master password: the instance and its secret together",
		Long: `Give the stack's database a new master password and make it the current
version of its master secret, in the steps Secrets Manager rotation takes:
a pending version is stored, set on the instance, waited for, then made
current. An interrupted rotation is resumed from its pending version.

Nothing in the code changes and Terraform does not undo it (the password is
write-only). The API and worker log in with IAM database authentication and
are not affected; the migrate task reads the secret's keys when it starts,
so the next one gets the new password.`,
		Example:           "  infra db rotate staging\n  infra --local db rotate tm-dev",
		Args:              args(cobra.ExactArgs(1)),
		ValidArgsFunction: a.completeStacks(1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			ss, err := a.session(ctx, argv[0])
			if err != nil {
				return err
			}
			w, err := ss.initialised(ctx, a.io.Err)
			if err != nil {
				return err
			}
			outs, err := w.Outputs(ctx)
			if err != nil {
				return err
			}
			t, err := rotationTarget(outs)
			if err != nil {
				return fmt.Errorf("%s: %w", ss.s.Name, err)
			}
			cfg, err := ss.e.Target.AWSConfig(ctx)
			if err != nil {
				return err
			}
			res, err := rotate.Rotate(ctx, secretsmanager.NewFromConfig(cfg), rds.NewFromConfig(cfg), t, rotate.Options{})
			if err != nil {
				return err
			}
			if res.Resumed {
				fmt.Fprintf(a.io.Out, "resumed an interrupted rotation\n")
			}
			fmt.Fprintf(a.io.Out, "%s: master password of %s rotated; secret %s is at version %s (previous %s)\n",
				ss.s.Name, t.InstanceID, t.SecretID, res.CurrentVersion, res.PreviousVersion)
			return nil
		},
	}
}

// rotationTarget reads the master secret and instance from a stack's outputs.
func rotationTarget(outs map[string]tf.Output) (rotate.Target, error) {
	get := func(name string) (string, error) {
		o, ok := outs[name]
		if !ok {
			return "", fmt.Errorf("has no output %s: it has no database, or it was not applied yet (run `infra apply` first)", name)
		}
		var s string
		if err := json.Unmarshal(o.Value, &s); err != nil || s == "" {
			return "", fmt.Errorf("output %s is not a name", name)
		}
		return s, nil
	}
	secret, err := get("db_master_secret_arn")
	if err != nil {
		return rotate.Target{}, err
	}
	instance, err := get("db_instance_id")
	if err != nil {
		return rotate.Target{}, err
	}
	return rotate.Target{SecretID: secret, InstanceID: instance}, nil
}
