package state_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/taskmanager-platform/infra/internal/guard"
	"github.com/taskmanager-platform/infra/internal/state"
)

func TestReserialKeepsLargeNumbers(t *testing.T) {
	doc := []byte(`{"version":4,"serial":7,"lineage":"L1","resources":[{"instances":[{"attributes":{"big":9007199254740993,"f":1.5e300,"html":"<a&b>"}}]}]}`)
	out, err := state.Reserial(doc, "L1", 12)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"9007199254740993", "1.5e300", `"<a&b>"`, `"serial": 12`, `"lineage": "L1"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("restored document lacks %s:\n%s", want, out)
		}
	}
	var back map[string]any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
}

func TestReserialRefuses(t *testing.T) {
	tests := []struct {
		name    string
		doc     string
		refusal bool
		want    string
	}{
		{"another lineage", `{"serial":1,"lineage":"L2"}`, true, "another state (lineage L2, current L1)"},
		{"not JSON", `PK zip`, false, "not a state document"},
		{"lineage not a string", `{"serial":1,"lineage":5}`, false, "not a string"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := state.Reserial([]byte(tc.doc), "L1", 2)
			if err == nil || !strings.Contains(err.Error(), tc.want) || errors.Is(err, guard.ErrRefused) != tc.refusal {
				t.Fatalf("want %q (refusal %v), got %v", tc.want, tc.refusal, err)
			}
		})
	}
}

type store struct {
	docs map[string]string
}

func (s store) Versions(context.Context) ([]state.Version, error) {
	var out []state.Version
	for id := range s.docs {
		out = append(out, state.Version{ID: id})
	}
	return out, nil
}

func (s store) Get(_ context.Context, id string) ([]byte, error) { return []byte(s.docs[id]), nil }

type workspace struct {
	current string
	pushErr error
	pushed  []byte
}

func (w *workspace) StatePull(context.Context) ([]byte, error) { return []byte(w.current), nil }

func (w *workspace) StatePush(_ context.Context, path string) error {
	if w.pushErr != nil {
		return w.pushErr
	}
	b, err := os.ReadFile(path)
	w.pushed = b
	return err
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	s := store{docs: map[string]string{
		"v-good":  `{"serial":3,"lineage":"L1","resources":[{"n":9007199254740993}]}`,
		"v-other": `{"serial":3,"lineage":"L9"}`,
	}}
	if err := state.FindVersion(ctx, s, "v-none"); !errors.Is(err, state.ErrNoVersion) {
		t.Errorf("FindVersion of a missing id: %v", err)
	}
	if err := state.FindVersion(ctx, s, "v-good"); err != nil {
		t.Errorf("FindVersion: %v", err)
	}

	t.Run("restores onto the next serial, keeping a copy", func(t *testing.T) {
		dir := t.TempDir()
		w := &workspace{current: `{"serial":8,"lineage":"L1"}`}
		got, err := state.Restore(ctx, s, w, "tm-dev", "v-good", dir, now)
		if err != nil {
			t.Fatal(err)
		}
		if got.Serial != 9 || got.Backup != filepath.Join(dir, "tm-dev-20260102T030405Z-serial8.tfstate") {
			t.Errorf("restored %+v", got)
		}
		if b, err := os.ReadFile(got.Backup); err != nil || string(b) != w.current {
			t.Errorf("backup %q %v", b, err)
		}
		if !strings.Contains(string(w.pushed), `"serial": 9`) || !strings.Contains(string(w.pushed), "9007199254740993") {
			t.Errorf("pushed %s", w.pushed)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "*.restore.tfstate")); len(left) != 0 {
			t.Errorf("temporary files left: %v", left)
		}
	})
	t.Run("another lineage: refused, nothing pushed or written", func(t *testing.T) {
		dir := t.TempDir()
		w := &workspace{current: `{"serial":8,"lineage":"L1"}`}
		_, err := state.Restore(ctx, s, w, "tm-dev", "v-other", dir, now)
		if !errors.Is(err, state.ErrOtherLineage) || !errors.Is(err, guard.ErrRefused) || !strings.Contains(err.Error(), "nothing was changed") {
			t.Fatalf("want refusal, got %v", err)
		}
		if w.pushed != nil {
			t.Error("pushed although refused")
		}
		if files, _ := os.ReadDir(dir); len(files) != 0 {
			t.Errorf("files written although refused: %v", files)
		}
	})
	t.Run("failed push names the copy", func(t *testing.T) {
		dir := t.TempDir()
		w := &workspace{current: `{"serial":8,"lineage":"L1"}`, pushErr: errors.New("state locked")}
		_, err := state.Restore(ctx, s, w, "tm-dev", "v-good", dir, now)
		if err == nil || !strings.Contains(err.Error(), "state locked") || !strings.Contains(err.Error(), "serial8.tfstate") {
			t.Fatalf("want the push error naming the backup, got %v", err)
		}
	})
}

func TestInfo(t *testing.T) {
	if s, l, err := state.Info([]byte("  ")); s != 0 || l != "" || err != nil {
		t.Errorf("empty state: %d %q %v", s, l, err)
	}
	if s, l, err := state.Info([]byte(`{"serial":42,"lineage":"abc"}`)); s != 42 || l != "abc" || err != nil {
		t.Errorf("state: %d %q %v", s, l, err)
	}
	if _, _, err := state.Info([]byte(`{`)); err == nil {
		t.Error("broken state accepted")
	}
}
