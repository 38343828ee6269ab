// Package project locates the repository the tool operates on and the
// project state folder where run-time files live.
package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Marker is the file, relative to the repository root, that identifies it.
const Marker = "infrastructure/terraform/stacks.hcl"

// Project is a checkout of this repository plus its state folder.
type Project struct {
	Root     string // repository root
	StateDir string // run-time state: emulator, CLI config, data dirs, plans
}

// ErrNotFound means no repository root was found above the start directory.
var ErrNotFound = errors.New("not inside the infrastructure repository")

// Find resolves the project from INFRA_ROOT or by walking up from dir. The
// state folder is stateDir, else INFRA_STATE_DIR, else <root>/.infra.
func Find(dir, stateDir string) (*Project, error) {
	root := os.Getenv("INFRA_ROOT")
	if root == "" {
		var err error
		root, err = walkUp(dir)
		if err != nil {
			return nil, err
		}
	} else if _, err := os.Stat(filepath.Join(root, Marker)); err != nil {
		return nil, fmt.Errorf("INFRA_ROOT=%s has no %s: %w", root, Marker, ErrNotFound)
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("resolving repository root: %w", err)
	}
	state := stateDir
	if state == "" {
		state = os.Getenv("INFRA_STATE_DIR")
	}
	if state == "" {
		state = filepath.Join(abs, ".infra")
	}
	state, err = filepath.Abs(state)
	if err != nil {
		return nil, fmt.Errorf("resolving state folder: %w", err)
	}
	if err := usableDir(state); err != nil {
		return nil, fmt.Errorf("state folder %s: %w; choose a directory with --state-dir or INFRA_STATE_DIR", state, err)
	}
	return &Project{Root: abs, StateDir: state}, nil
}

func walkUp(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, Marker)); err == nil {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no %s above %s: %w", Marker, dir, ErrNotFound)
		}
		d = parent
	}
}

// Path joins elements under the state folder and makes sure the parent exists.
func (p *Project) Path(elem ...string) (string, error) {
	path := filepath.Join(append([]string{p.StateDir}, elem...)...)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", fmt.Errorf("creating state folder %s: %w", filepath.Dir(path), err)
	}
	return path, nil
}

// TerraformDir is the root of the Terraform tree.
func (p *Project) TerraformDir() string {
	return filepath.Join(p.Root, "infrastructure", "terraform")
}

// EmulatorDir holds the emulator's Python sources.
func (p *Project) EmulatorDir() string {
	return filepath.Join(p.Root, "emulator")
}

// EmulatorStateDir is where the emulator's PID, endpoint and log live.
func (p *Project) EmulatorStateDir() string {
	return filepath.Join(p.StateDir, "emulator")
}

// WalkFiles calls fn for every regular file below dir, skipping
// .terraform directories (provider and module caches of in-tree runs).
func WalkFiles(dir string, fn func(path string) error) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".terraform" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			return fn(path)
		}
		return nil
	})
}

// usableDir reports a state folder that is a file or lies below one (it
// could never be created), before anything tries to use it.
func usableDir(dir string) error {
	for d := dir; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		switch {
		case err == nil && !fi.IsDir():
			return fmt.Errorf("%s is a file, not a folder", d)
		case err == nil:
			return nil
		}
		if filepath.Dir(d) == d {
			return nil
		}
	}
}
