// Package toolchain finds what Terraform needs on this machine — the
// terraform binary and an offline mirror of the hashicorp/aws provider — and
// writes the project's own CLI configuration (provider mirror + a shared
// plugin cache), so no one edits ~/.terraformrc by hand.
package toolchain

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/taskmanager-platform/infra/internal/hclgen"
)

// Environment variables that override discovery.
const (
	EnvTerraform = "INFRA_TERRAFORM"       // path to the terraform binary
	EnvMirror    = "INFRA_PROVIDER_MIRROR" // provider mirror directory
)

// MinTerraform is the oldest Terraform the roots accept (required_version = "~> 1.11").
var MinTerraform = version.Must(version.NewVersion("1.11.0"))

// ProviderSource is the provider every stack uses.
const ProviderSource = "registry.terraform.io/hashicorp/aws"

var (
	// ErrNoTerraform means no terraform binary was found.
	ErrNoTerraform = errors.New("terraform not found")
	// ErrNoMirror means no offline mirror of the AWS provider was found.
	ErrNoMirror = errors.New("no provider mirror with hashicorp/aws")
)

// FindTerraform returns INFRA_TERRAFORM or the terraform on PATH.
func FindTerraform() (string, error) {
	if p := os.Getenv(EnvTerraform); p != "" {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			return "", fmt.Errorf("%s=%s is not a file: %w; point it at a terraform binary", EnvTerraform, p, ErrNoTerraform)
		}
		return p, nil
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		return "", fmt.Errorf("%w on PATH: install Terraform >= %s or set %s", ErrNoTerraform, MinTerraform, EnvTerraform)
	}
	return p, nil
}

// CheckVersion rejects a Terraform older than MinTerraform.
func CheckVersion(path string, v *version.Version) error {
	if v.LessThan(MinTerraform) {
		return fmt.Errorf("terraform %s at %s is too old: every root requires ~> 1.11 (>= %s); install a newer Terraform or set %s", v, path, MinTerraform, EnvTerraform)
	}
	return nil
}

// Mirror is a provider mirror directory and the AWS provider versions in it.
type Mirror struct {
	Dir      string
	Versions []string // newest first
	Packed   bool     // zip archives rather than unpacked directories
}

// SearchRoots are where FindMirror looks, in order: Terraform's implied local
// mirror directories, then the conventional places for machine-wide tools.
func SearchRoots() []string {
	var roots []string
	if home, err := os.UserHomeDir(); err == nil {
		roots = append(roots,
			filepath.Join(home, ".terraform.d", "plugins"),
			filepath.Join(home, ".local", "share", "terraform", "plugins"),
		)
	}
	dataDirs := os.Getenv("XDG_DATA_DIRS")
	if dataDirs == "" {
		dataDirs = "/usr/local/share:/usr/share"
	}
	for _, d := range filepath.SplitList(dataDirs) {
		roots = append(roots, filepath.Join(d, "terraform", "plugins"))
	}
	return append(roots, "/opt", "/usr/local/lib", "/srv")
}

// maxDepth bounds the search below each root.
const maxDepth = 3

// FindMirror returns INFRA_PROVIDER_MIRROR, or the first directory below the
// search roots that holds the AWS provider for this platform.
func FindMirror(roots []string) (*Mirror, error) {
	if dir := os.Getenv(EnvMirror); dir != "" {
		m, err := inspectMirror(dir)
		if err != nil {
			return nil, fmt.Errorf("%s=%s: %w", EnvMirror, dir, err)
		}
		return m, nil
	}
	for _, root := range roots {
		if m := searchMirror(root, 0); m != nil {
			return m, nil
		}
	}
	return nil, fmt.Errorf("%w for %s in %s: set %s to a directory laid out by `terraform providers mirror`",
		ErrNoMirror, platform(), strings.Join(roots, ", "), EnvMirror)
}

func searchMirror(dir string, depth int) *Mirror {
	if m, err := inspectMirror(dir); err == nil {
		return m
	}
	if depth >= maxDepth {
		return nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
			if m := searchMirror(filepath.Join(dir, e.Name()), depth+1); m != nil {
				return m
			}
		}
	}
	return nil
}

// inspectMirror accepts both mirror layouts Terraform reads:
// unpacked <dir>/registry.terraform.io/hashicorp/aws/<version>/<os_arch>/terraform-provider-aws*
// packed   <dir>/registry.terraform.io/hashicorp/aws/terraform-provider-aws_<version>_<os_arch>.zip
func inspectMirror(dir string) (*Mirror, error) {
	base := filepath.Join(dir, filepath.FromSlash(ProviderSource))
	entries, err := os.ReadDir(base)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoMirror, err)
	}
	m := &Mirror{Dir: dir}
	var versions []*version.Version
	for _, e := range entries {
		if e.IsDir() {
			bins, _ := filepath.Glob(filepath.Join(base, e.Name(), platform(), "terraform-provider-aws*"))
			if v, err := version.NewVersion(e.Name()); err == nil && len(bins) > 0 {
				versions = append(versions, v)
			}
			continue
		}
		name := e.Name()
		suffix := "_" + platform() + ".zip"
		if strings.HasPrefix(name, "terraform-provider-aws_") && strings.HasSuffix(name, suffix) {
			if v, err := version.NewVersion(strings.TrimSuffix(strings.TrimPrefix(name, "terraform-provider-aws_"), suffix)); err == nil {
				versions = append(versions, v)
				m.Packed = true
			}
		}
	}
	if len(versions) == 0 {
		return nil, fmt.Errorf("%w: %s holds no build for %s", ErrNoMirror, base, platform())
	}
	sort.Sort(sort.Reverse(version.Collection(versions)))
	for _, v := range versions {
		m.Versions = append(m.Versions, v.String())
	}
	return m, nil
}

func platform() string { return runtime.GOOS + "_" + runtime.GOARCH }

// CLIConfig renders the Terraform CLI configuration.
func CLIConfig(mirrorDir, cacheDir string) []byte {
	source := cty.ListVal([]cty.Value{cty.StringVal(ProviderSource)})
	return hclgen.File(`Generated by infra on every run; edits are overwritten.
Providers come from the offline mirror; the shared cache lets every stack
link to one copy instead of installing its own.`, func(body *hclwrite.Body) {
		pi := body.AppendNewBlock("provider_installation", nil).Body()
		fm := pi.AppendNewBlock("filesystem_mirror", nil).Body()
		fm.SetAttributeValue("path", cty.StringVal(filepath.ToSlash(mirrorDir)))
		fm.SetAttributeValue("include", source)
		pi.AppendNewBlock("direct", nil).Body().SetAttributeValue("exclude", source)
		body.AppendNewline()
		body.SetAttributeValue("plugin_cache_dir", cty.StringVal(filepath.ToSlash(cacheDir)))
		body.SetAttributeValue("disable_checkpoint", cty.True)
	})
}

// WriteCLIConfig writes the configuration to path (creating the cache folder)
// only when its content changes, so concurrent runs do not race on it.
func WriteCLIConfig(path, mirrorDir, cacheDir string) error {
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return fmt.Errorf("creating plugin cache: %w", err)
	}
	want := CLIConfig(mirrorDir, cacheDir)
	if have, err := os.ReadFile(path); err == nil && bytes.Equal(have, want) {
		return nil
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading CLI config: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating CLI config folder: %w", err)
	}
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if err := os.WriteFile(tmp, want, 0o644); err != nil {
		return fmt.Errorf("writing CLI config: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("writing CLI config: %w", err)
	}
	return nil
}
