package lock_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/taskmanager-platform/infra/internal/lock"
)

func TestHolder(t *testing.T) {
	host, _ := os.Hostname()
	tests := []struct {
		name                          string
		who                           string
		record, alive                 bool
		wantLocal, wantLive, wantDead bool
	}{
		{name: "another host", who: "alice@elsewhere", record: true, alive: true},
		{name: "this host, no record", who: "root@" + host},
		{name: "this host, process alive", who: "root@" + host, record: true, alive: true, wantLocal: true, wantLive: true},
		{name: "this host, process gone", who: "root@" + host, record: true, wantLocal: true, wantDead: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.record {
				b, _ := json.Marshal(lock.Run{PID: 999999, Host: host, Started: time.Now(), Command: "infra apply tm-dev"})
				if err := os.WriteFile(filepath.Join(dir, "tm-dev.999999.json"), b, 0o600); err != nil {
					t.Fatal(err)
				}
			}
			alive := func(int) bool { return tc.alive }
			local, live, dead := lock.Holder(dir, "tm-dev", tc.who, alive)
			if local != tc.wantLocal || (live != nil) != tc.wantLive || (dead != nil) != tc.wantDead {
				t.Fatalf("Holder = local %v, live %v, dead %v", local, live, dead)
			}
			if dead != nil && dead.PID != 999999 {
				t.Errorf("dead holder pid %d", dead.PID)
			}
			lock.Forget(dir, "tm-dev", alive)
			rest, _ := os.ReadDir(dir)
			if want := tc.record && tc.alive; (len(rest) == 1) != want {
				t.Errorf("after Forget %d records, want a record kept only for a live process", len(rest))
			}
		})
	}
}

func TestRecordNamesThisProcess(t *testing.T) {
	dir := t.TempDir()
	if err := lock.Record(dir, "tm-dev"); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "tm-dev."+strconv.Itoa(os.Getpid())+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var r lock.Run
	if err := json.Unmarshal(b, &r); err != nil || r.PID != os.Getpid() || r.Host == "" {
		t.Fatalf("record %s: %v", b, err)
	}
}
