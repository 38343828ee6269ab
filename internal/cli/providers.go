package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/tf"
)

func (a *app) providersCmd() *cobra.Command {
	p := &cobra.Command{
		Use:     "providers",
		Short:   "Provider dependency lock files",
		Example: "  infra providers lock",
	}
	var platforms []string
	lock := &cobra.Command{
		Use:   "lock [stack…]",
		Short: "Record every platform's provider hashes in the roots' lock files (terraform providers lock)",
		Long: `Run 'terraform providers lock' with -platform for each platform the team uses
(` + strings.Join(tf.LockPlatforms, ", ") + `) in every stack's root, or the named
ones, so 'terraform init' works on each of them. It asks the providers' origin
registry (registry.terraform.io): the offline mirror holds only this machine's
platform. Where no registry is reachable it fails and changes nothing; the
workflow .github/workflows/providers-lock.yml runs it when provider versions
change and commits the result on the pull request.`,
		Example: `  infra providers lock
  infra providers lock tm-dev --platform linux_amd64 --platform darwin_arm64`,
		ValidArgsFunction: a.completeStacks(-1),
		RunE: func(cmd *cobra.Command, argv []string) error {
			ctx := cmd.Context()
			e, list, err := a.openStacks(ctx, false, len(argv) == 0, argv)
			if err != nil {
				return err
			}
			errs := make([]error, len(list))
			cacheFirst(len(list), func(i int) {
				w, err := e.Workspace(list[i], engine.WorkspaceOptions{Stdout: a.io.Err, Stderr: a.io.Err})
				if err == nil {
					err = w.ProvidersLock(ctx, platforms)
				}
				errs[i] = err
			})
			failed := 0
			for i, s := range list {
				if errs[i] != nil {
					failed++
					fmt.Fprintf(a.io.Out, "%s: FAILED %s\n", s.Name, firstLine(errs[i]))
					continue
				}
				fmt.Fprintf(a.io.Out, "%s: %s locked for %s\n", s.Name, s.Path, strings.Join(platforms, ", "))
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d roots could not be locked: `terraform providers lock` needs the provider registry (run it where registry.terraform.io is reachable, e.g. the providers-lock workflow)", failed, len(list))
			}
			return nil
		},
	}
	lock.Flags().StringArrayVar(&platforms, "platform", tf.LockPlatforms, "platform to record hashes for (repeatable)")
	p.AddCommand(lock)
	return p
}
