package toolchain

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"

	"github.com/taskmanager-platform/infra/internal/testutil/golden"
)

func TestCLIConfigGolden(t *testing.T) {
	golden.Assert(t, "terraformrc", CLIConfig("/mirror/dir", "/state/plugin-cache"))
}

func TestWriteCLIConfigOnlyWhenChanged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rc")
	if err := WriteCLIConfig(path, "/m", filepath.Join(dir, "cache")); err != nil {
		t.Fatal(err)
	}
	st1, _ := os.Stat(path)
	if err := WriteCLIConfig(path, "/m", filepath.Join(dir, "cache")); err != nil {
		t.Fatal(err)
	}
	st2, _ := os.Stat(path)
	if !st1.ModTime().Equal(st2.ModTime()) {
		t.Error("unchanged config was rewritten")
	}
	if _, err := os.Stat(filepath.Join(dir, "cache")); err != nil {
		t.Errorf("plugin cache not created: %v", err)
	}
	if err := WriteCLIConfig(path, "/other", filepath.Join(dir, "cache")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.Contains(string(b), `path    = "/other"`) {
		t.Errorf("changed mirror not written:\n%s", b)
	}
}

func plat() string { return runtime.GOOS + "_" + runtime.GOARCH }

func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("x"), 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestFindMirror(t *testing.T) {
	src := filepath.FromSlash(ProviderSource)
	tests := []struct {
		name     string
		layout   []string // files relative to the search root
		env      string   // INFRA_PROVIDER_MIRROR relative to root; "" unset
		wantDir  string   // relative to root; "" means ErrNoMirror
		wantVers []string
		wantPack bool
	}{
		{
			name:     "unpacked two levels down, newest first",
			layout:   []string{"tools/tf/" + src + "/5.90.0/" + plat() + "/terraform-provider-aws_v5.90.0_x5", "tools/tf/" + src + "/5.100.0/" + plat() + "/terraform-provider-aws_v5.100.0_x5"},
			wantDir:  "tools/tf",
			wantVers: []string{"5.100.0", "5.90.0"},
		},
		{
			name:     "packed zip",
			layout:   []string{"mirror/" + src + "/terraform-provider-aws_5.100.0_" + plat() + ".zip"},
			wantDir:  "mirror",
			wantVers: []string{"5.100.0"},
			wantPack: true,
		},
		{
			name:   "other platform only",
			layout: []string{"mirror/" + src + "/5.100.0/plan9_mips/terraform-provider-aws_v5.100.0_x5"},
		},
		{
			name:   "too deep to search",
			layout: []string{"a/b/c/d/" + src + "/5.100.0/" + plat() + "/terraform-provider-aws_v5.100.0_x5"},
		},
		{
			name:     "environment override wins",
			layout:   []string{"x/" + src + "/5.1.0/" + plat() + "/terraform-provider-aws", "y/" + src + "/5.2.0/" + plat() + "/terraform-provider-aws"},
			env:      "y",
			wantDir:  "y",
			wantVers: []string{"5.2.0"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range tc.layout {
				touch(t, filepath.Join(root, filepath.FromSlash(f)))
			}
			if tc.env != "" {
				t.Setenv(EnvMirror, filepath.Join(root, tc.env))
			} else {
				t.Setenv(EnvMirror, "")
			}
			m, err := FindMirror([]string{filepath.Join(root, "missing"), root})
			if tc.wantDir == "" {
				if !errors.Is(err, ErrNoMirror) {
					t.Fatalf("want ErrNoMirror, got %v (%+v)", err, m)
				}
				if !strings.Contains(err.Error(), EnvMirror) {
					t.Errorf("error does not name the fix: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Dir != filepath.Join(root, tc.wantDir) || strings.Join(m.Versions, ",") != strings.Join(tc.wantVers, ",") || m.Packed != tc.wantPack {
				t.Errorf("got %+v, want dir %s versions %v packed %v", m, tc.wantDir, tc.wantVers, tc.wantPack)
			}
		})
	}
}

func TestCheckVersion(t *testing.T) {
	for _, tc := range []struct {
		v  string
		ok bool
	}{{"1.5.7", false}, {"1.9.8", false}, {"1.10.5", false}, {"1.11.0", true}, {"1.11.4", true}, {"1.12.1", true}} {
		err := CheckVersion("/bin/terraform", version.Must(version.NewVersion(tc.v)))
		if (err == nil) != tc.ok {
			t.Errorf("%s: err=%v, want ok=%v", tc.v, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), EnvTerraform) {
			t.Errorf("%s: error does not name the fix: %v", tc.v, err)
		}
	}
}

func TestFindTerraformOverride(t *testing.T) {
	t.Setenv(EnvTerraform, filepath.Join(t.TempDir(), "nope"))
	if _, err := FindTerraform(); !errors.Is(err, ErrNoTerraform) {
		t.Fatalf("want ErrNoTerraform, got %v", err)
	}
	bin := filepath.Join(t.TempDir(), "terraform")
	touch(t, bin)
	t.Setenv(EnvTerraform, bin)
	if got, err := FindTerraform(); err != nil || got != bin {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestLockedVersions(t *testing.T) {
	dir := t.TempDir()
	a, b, none := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "none")
	lock := func(root, version string) {
		if err := os.MkdirAll(root, 0o755); err != nil {
			t.Fatal(err)
		}
		src := "provider \"registry.terraform.io/hashicorp/aws\" {\n  version     = \"" + version + "\"\n  constraints = \"~> 5.100\"\n  hashes = [\n    \"h1:x=\",\n  ]\n}\n"
		if err := os.WriteFile(filepath.Join(root, LockFile), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lock(a, "5.100.0")
	lock(b, "5.99.1")
	got, err := LockedVersions([]string{a, b, none})
	if err != nil {
		t.Fatal(err)
	}
	if v := got["registry.terraform.io/hashicorp/aws"]; strings.Join(v, ",") != "5.100.0,5.99.1" {
		t.Errorf("locked versions %v", got)
	}
	ps, err := ReadLock(filepath.Join(a, LockFile))
	if err != nil || len(ps) != 1 || ps[0].Constraints != "~> 5.100" || len(ps[0].Hashes) != 1 {
		t.Errorf("ReadLock: %+v %v", ps, err)
	}
}

func TestCacheHolds(t *testing.T) {
	platform := runtime.GOOS + "_" + runtime.GOARCH
	lockOf := func(versions ...string) string {
		var b strings.Builder
		for i, v := range versions {
			src := []string{"registry.terraform.io/hashicorp/aws", "registry.terraform.io/hashicorp/random"}[i]
			b.WriteString("provider \"" + src + "\" {\n  version = \"" + v + "\"\n}\n")
		}
		return b.String()
	}
	tests := []struct {
		name  string
		lock  string // "" for no lock file
		cache []string
		want  bool
	}{
		{"every locked version cached", lockOf("5.100.0", "3.6.0"), []string{"registry.terraform.io/hashicorp/aws/5.100.0/" + platform + "/p", "registry.terraform.io/hashicorp/random/3.6.0/" + platform + "/p"}, true},
		{"one provider missing", lockOf("5.100.0", "3.6.0"), []string{"registry.terraform.io/hashicorp/aws/5.100.0/" + platform + "/p"}, false},
		{"another version cached", lockOf("5.100.0"), []string{"registry.terraform.io/hashicorp/aws/5.99.0/" + platform + "/p"}, false},
		{"another platform cached", lockOf("5.100.0"), []string{"registry.terraform.io/hashicorp/aws/5.100.0/plan9_mips/p"}, false},
		{"empty platform directory", lockOf("5.100.0"), []string{"registry.terraform.io/hashicorp/aws/5.100.0/" + platform + "/"}, false},
		{"no lock file", "", []string{"registry.terraform.io/hashicorp/aws/5.100.0/" + platform + "/p"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, cache := t.TempDir(), t.TempDir()
			if tc.lock != "" {
				if err := os.WriteFile(filepath.Join(root, LockFile), []byte(tc.lock), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for _, p := range tc.cache {
				full := filepath.Join(cache, filepath.FromSlash(p))
				if strings.HasSuffix(p, "/") {
					if err := os.MkdirAll(full, 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, nil, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if got := CacheHolds(cache, root); got != tc.want {
				t.Errorf("CacheHolds = %v, want %v", got, tc.want)
			}
		})
	}
}
