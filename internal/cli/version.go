package cli

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/toolchain"
)

// versionInfo is what `infra version --json` prints.
type versionInfo struct {
	Version    string              `json:"version"` // module version from the build info
	Go         string              `json:"go"`
	Commit     string              `json:"commit,omitempty"`
	CommitTime string              `json:"commit_time,omitempty"`
	Modified   bool                `json:"modified"` // built from a tree with uncommitted changes
	Terraform  *terraformInfo      `json:"terraform"`
	Mirror     *mirrorInfo         `json:"provider_mirror"`
	Locked     map[string][]string `json:"locked_providers"` // source -> versions the roots' lock files pin
	Problems   []string            `json:"problems,omitempty"`
}

type terraformInfo struct {
	Path    string `json:"path"`
	Version string `json:"version"`
	Minimum string `json:"minimum"`
}

type mirrorInfo struct {
	Dir      string   `json:"dir"`
	Provider string   `json:"provider"`
	Versions []string `json:"versions"`
}

func (a *app) versionCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print infra's version and commit, and the Terraform and provider versions it finds",
		Long: `Print infra's module version and the commit it was built from (Go build
info), the terraform binary and its version, the hashicorp/aws versions in
the provider mirror and those the roots' lock files pin. What is not found is
listed under problems; the command still exits 0 ('infra doctor' fails on it).`,
		Example: `  infra version
  infra --version
  infra version --json | jq -r .terraform.version`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.printVersion(cmd.Context(), asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}

func (a *app) printVersion(ctx context.Context, asJSON bool) error {
	v := a.version(ctx)
	if asJSON {
		if err := a.writeJSON(v); err != nil {
			return err
		}
		return nil
	}
	w := a.io.Out
	commit := v.Commit
	if commit == "" {
		commit = "unknown"
	}
	if v.Modified {
		commit += " (modified)"
	}
	fmt.Fprintf(w, "infra %s (commit %s, %s)\n", v.Version, commit, v.Go)
	if t := v.Terraform; t != nil {
		fmt.Fprintf(w, "terraform %s at %s (minimum %s)\n", t.Version, t.Path, t.Minimum)
	}
	if m := v.Mirror; m != nil {
		fmt.Fprintf(w, "provider mirror %s: %s %s\n", m.Dir, m.Provider, strings.Join(m.Versions, ", "))
	}
	sources := make([]string, 0, len(v.Locked))
	for s := range v.Locked {
		sources = append(sources, s)
	}
	sort.Strings(sources)
	for _, s := range sources {
		fmt.Fprintf(w, "locked %s %s\n", s, strings.Join(v.Locked[s], ", "))
	}
	for _, p := range v.Problems {
		fmt.Fprintf(w, "not found: %s\n", p)
	}
	return nil
}

func (a *app) version(ctx context.Context) versionInfo {
	v := versionInfo{Version: "unknown", Locked: map[string][]string{}}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v.Version = bi.Main.Version
		v.Go = bi.GoVersion
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				v.Commit = s.Value
			case "vcs.time":
				v.CommitTime = s.Value
			case "vcs.modified":
				v.Modified = s.Value == "true"
			}
		}
	}
	if bin, err := toolchain.FindTerraform(); err != nil {
		v.Problems = append(v.Problems, err.Error())
	} else if tv, err := tf.NewRunner(bin, os.DevNull).Version(ctx, os.TempDir()); err != nil {
		v.Problems = append(v.Problems, err.Error())
	} else {
		v.Terraform = &terraformInfo{Path: bin, Version: tv.String(), Minimum: toolchain.MinTerraform.String()}
	}
	if m, err := toolchain.FindMirror(toolchain.SearchRoots()); err != nil {
		v.Problems = append(v.Problems, err.Error())
	} else {
		v.Mirror = &mirrorInfo{Dir: m.Dir, Provider: toolchain.ProviderSource, Versions: m.Versions}
	}
	if roots, err := a.stackRoots(); err != nil {
		v.Problems = append(v.Problems, err.Error())
	} else if locked, err := toolchain.LockedVersions(roots); err != nil {
		v.Problems = append(v.Problems, err.Error())
	} else {
		v.Locked = locked
	}
	return v
}

// stackRoots are the root directories of the manifest's stacks.
func (a *app) stackRoots() ([]string, error) {
	p, err := a.project()
	if err != nil {
		return nil, err
	}
	cat, err := stacks.Load(p.TerraformDir())
	if err != nil {
		return nil, err
	}
	var roots []string
	for _, s := range cat.All() {
		roots = append(roots, s.Dir)
	}
	return roots, nil
}
