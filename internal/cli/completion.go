package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/stacks"
)

// completeStacks completes stack names and aliases (with their
// descriptions) for the first n positional arguments; n < 0 completes every
// position (drift, validate). Commands adopt it with
//
//	ValidArgsFunction: a.completeStacks(1)
func (a *app) completeStacks(n int) cobra.CompletionFunc {
	return func(_ *cobra.Command, argv []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if n >= 0 && len(argv) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		_, cat, err := a.catalog()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return stackCompletions(cat, argv, toComplete), cobra.ShellCompDirectiveNoFileComp
	}
}

// completeModules completes the names of modules that have terraform
// test files (infra test).
func (a *app) completeModules(_ *cobra.Command, argv []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	p, err := a.project()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	mods, err := engine.ModulesWithTests(p.TerraformDir())
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var out []cobra.Completion
	for _, m := range mods {
		if strings.HasPrefix(m, toComplete) && !slices.Contains(argv, m) {
			out = append(out, m)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// stackCompletions lists names and aliases starting with prefix that are not
// already on the command line.
func stackCompletions(cat *stacks.Catalog, taken []string, prefix string) []cobra.Completion {
	used := map[string]bool{}
	for _, t := range taken {
		if s, err := cat.Resolve(t); err == nil {
			used[s.Name] = true
		}
	}
	var out []cobra.Completion
	for _, s := range cat.All() {
		if used[s.Name] {
			continue
		}
		desc := s.Description
		if desc == "" {
			desc = fmt.Sprintf("%s %s", s.System, s.Environment)
		}
		if strings.HasPrefix(s.Name, prefix) {
			out = append(out, cobra.CompletionWithDesc(s.Name, desc))
		}
		for _, al := range s.Aliases {
			if strings.HasPrefix(al, prefix) {
				out = append(out, cobra.CompletionWithDesc(al, "alias of "+s.Name))
			}
		}
	}
	return out
}
