package toolchain

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// LockFile is the name of Terraform's dependency lock file in a root.
const LockFile = ".terraform.lock.hcl"

// LockedProvider is one provider block of a dependency lock file.
type LockedProvider struct {
	Source      string   `hcl:"source,label" json:"source"`
	Version     string   `hcl:"version" json:"version"`
	Constraints string   `hcl:"constraints,optional" json:"constraints,omitempty"`
	Hashes      []string `hcl:"hashes,optional" json:"hashes,omitempty"`
}

// ReadLock parses a dependency lock file.
func ReadLock(path string) ([]LockedProvider, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	f, diags := hclparse.NewParser().ParseHCLFile(path)
	if diags.HasErrors() {
		return nil, fmt.Errorf("parsing %s: %w", path, error(diags))
	}
	var doc struct {
		Providers []LockedProvider `hcl:"provider,block"`
		Rest      hcl.Body         `hcl:",remain"`
	}
	if diags := gohcl.DecodeBody(f.Body, nil, &doc); diags.HasErrors() {
		return nil, fmt.Errorf("decoding %s: %w", path, error(diags))
	}
	return doc.Providers, nil
}

// LockedVersions maps each provider source to the versions the lock files
// of the given roots pin (a root without a lock file pins nothing).
func LockedVersions(roots []string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, root := range roots {
		ps, err := ReadLock(filepath.Join(root, LockFile))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if !slices.Contains(out[p.Source], p.Version) {
				out[p.Source] = append(out[p.Source], p.Version)
			}
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out, nil
}

// CacheHolds reports whether the plugin cache already holds, for this
// platform, every provider version root's lock file pins: an init of that
// root then only links from the cache and need not wait for others filling
// it. A root without a lock file (or an unreadable one) is not held.
func CacheHolds(cache, root string) bool {
	ps, err := ReadLock(filepath.Join(root, LockFile))
	if err != nil || len(ps) == 0 {
		return false
	}
	for _, p := range ps {
		d := filepath.Join(cache, filepath.FromSlash(p.Source), p.Version, runtime.GOOS+"_"+runtime.GOARCH)
		entries, err := os.ReadDir(d)
		if err != nil || len(entries) == 0 {
			return false
		}
	}
	return true
}
