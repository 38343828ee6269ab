package lock

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Run is what an infra process records about itself while it works on a
// stack, so `infra lock status` can tell a lock held by a live process of
// this host from one a killed run left (terraform's lock names user@host,
// not the process).
type Run struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
	Command string    `json:"command"`
}

// Record writes dir/<stack>.<pid>.json for this process. Records stay after
// the process ends: a dead one is the evidence a killed run leaves.
func Record(dir, stack string) error {
	host, _ := os.Hostname()
	r := Run{PID: os.Getpid(), Host: host, Started: time.Now().UTC(), Command: strings.Join(os.Args, " ")}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("recording this run: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s.%d.json", stack, r.PID)), b, 0o600)
}

// Holder says what this host knows of the process behind a lock held by
// who ("user@host"): local is false when the lock was taken on another host
// (or no infra run of this state folder recorded the stack); otherwise
// alive names a live process working on the stack, or dead the latest one,
// which is gone.
func Holder(dir, stack, who string, alive func(pid int) bool) (local bool, live, dead *Run) {
	host, _ := os.Hostname()
	if i := strings.LastIndex(who, "@"); i < 0 || who[i+1:] != host {
		return false, nil, nil
	}
	matches, _ := filepath.Glob(filepath.Join(dir, stack+".*.json"))
	var runs []Run
	for _, m := range matches {
		b, err := os.ReadFile(m)
		var r Run
		if err != nil || json.Unmarshal(b, &r) != nil || r.PID == os.Getpid() {
			continue
		}
		runs = append(runs, r)
	}
	if len(runs) == 0 {
		return false, nil, nil
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].Started.After(runs[j].Started) })
	for i := range runs {
		if alive(runs[i].PID) {
			return true, &runs[i], nil
		}
	}
	return true, nil, &runs[0]
}

// Forget removes the stack's records of processes that are gone (after the
// lock they left is released).
func Forget(dir, stack string, alive func(pid int) bool) {
	matches, _ := filepath.Glob(filepath.Join(dir, stack+".*.json"))
	for _, m := range matches {
		b, err := os.ReadFile(m)
		var r Run
		if err == nil && json.Unmarshal(b, &r) == nil && !alive(r.PID) {
			os.Remove(m)
		}
	}
}
