// Package flock serialises work across processes with an advisory lock on a
// file: the emulator's up/down on one state folder, and terraform inits that
// fill one shared plugin cache.
package flock

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Lock blocks until this process holds the exclusive lock on path (created
// if missing) and returns the function that releases it. The lock dies with
// the process, so a killed holder never leaves it stuck.
func Lock(path string) (func(), error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("creating lock folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("opening lock %s: %w", path, err)
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("locking %s: %w", path, err)
	}
	return func() {
		_ = unlock(f)
		f.Close()
	}, nil
}

// LockContext is Lock that gives up when ctx ends (the blocked call is left
// to finish in the background and releases at once).
func LockContext(ctx context.Context, path string) (func(), error) {
	type result struct {
		release func()
		err     error
	}
	ch := make(chan result, 1)
	go func() {
		r, err := Lock(path)
		ch <- result{r, err}
	}()
	select {
	case r := <-ch:
		return r.release, r.err
	case <-ctx.Done():
		go func() {
			if r := <-ch; r.release != nil {
				r.release()
			}
		}()
		return nil, ctx.Err()
	}
}
