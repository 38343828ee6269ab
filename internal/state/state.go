// Package state lists the versions of a stack's state object in the
// versioned state bucket and restores an earlier one: a local copy of the
// state it replaces, the version re-serialised onto the current lineage,
// pushed through Terraform (so the backend's lock applies).
package state

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/taskmanager-platform/infra/internal/backend"
	"github.com/taskmanager-platform/infra/internal/guard"
)

// Version is one stored version of the state object.
type Version struct {
	ID       string    `json:"version_id"`
	Modified time.Time `json:"last_modified"`
	Size     int64     `json:"size"`
	Latest   bool      `json:"latest"`
}

var (
	// ErrNoVersion: the version id is not one of the state object's.
	ErrNoVersion = errors.New("no such state version")
	// ErrOtherLineage: the version belongs to another state (a guard
	// refusal: pushing it would replace the stack's history).
	ErrOtherLineage = errors.New("the version belongs to another state")
)

// Store is the versioned state object of one stack.
type Store interface {
	Versions(ctx context.Context) ([]Version, error)
	Get(ctx context.Context, id string) ([]byte, error)
}

// S3 is the Store of a stack's backend.
type S3 struct {
	Client  *s3.Client
	Backend backend.Config
}

// Versions lists the versions of the state object, newest first.
func (s S3) Versions(ctx context.Context) ([]Version, error) {
	b := s.Backend
	var out []Version
	p := s3.NewListObjectVersionsPaginator(s.Client, &s3.ListObjectVersionsInput{Bucket: aws.String(b.Bucket), Prefix: aws.String(b.Key)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("listing versions of s3://%s/%s: %w", b.Bucket, b.Key, err)
		}
		for _, v := range page.Versions {
			if aws.ToString(v.Key) != b.Key {
				continue
			}
			out = append(out, Version{ID: aws.ToString(v.VersionId), Modified: aws.ToTime(v.LastModified), Size: aws.ToInt64(v.Size), Latest: aws.ToBool(v.IsLatest)})
		}
	}
	return out, nil
}

// Get returns one version's document.
func (s S3) Get(ctx context.Context, id string) ([]byte, error) {
	b := s.Backend
	o, err := s.Client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b.Bucket), Key: aws.String(b.Key), VersionId: aws.String(id)})
	if err != nil {
		return nil, fmt.Errorf("reading version %s of s3://%s/%s: %w", id, b.Bucket, b.Key, err)
	}
	defer o.Body.Close()
	body, err := io.ReadAll(o.Body)
	if err != nil {
		return nil, fmt.Errorf("reading version %s of s3://%s/%s: %w", id, b.Bucket, b.Key, err)
	}
	return body, nil
}

// Info is the serial and lineage of a raw state document (empty: no state).
func Info(raw []byte) (serial uint64, lineage string, err error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return 0, "", nil
	}
	var s struct {
		Serial  uint64 `json:"serial"`
		Lineage string `json:"lineage"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		return 0, "", fmt.Errorf("reading state serial and lineage: %w", err)
	}
	return s.Serial, s.Lineage, nil
}

// Reserial returns doc with its serial set to serial (so Terraform accepts it
// as newer than the current state) after checking it has the given lineage.
// Every other value is kept as written: numbers are never parsed, so
// integers beyond 2^53 survive.
func Reserial(doc []byte, lineage string, serial uint64) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(doc, &m); err != nil {
		return nil, fmt.Errorf("the version is not a state document: %w", err)
	}
	var l string
	if raw, ok := m["lineage"]; ok {
		if err := json.Unmarshal(raw, &l); err != nil {
			return nil, fmt.Errorf("the version's lineage is not a string: %w", err)
		}
	}
	if lineage != "" && l != lineage {
		return nil, guard.Refuse("%w (lineage %s, current %s)", ErrOtherLineage, l, lineage)
	}
	m["serial"] = json.RawMessage(strconv.FormatUint(serial, 10))
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("encoding restored state: %w", err)
	}
	return buf.Bytes(), nil
}

// FindVersion checks that id is one of the stored versions.
func FindVersion(ctx context.Context, s Store, id string) error {
	vs, err := s.Versions(ctx)
	if err != nil {
		return err
	}
	for _, v := range vs {
		if v.ID == id {
			return nil
		}
	}
	return fmt.Errorf("%w: %s", ErrNoVersion, id)
}

// Workspace pulls and pushes a stack's current state through Terraform.
type Workspace interface {
	StatePull(ctx context.Context) ([]byte, error)
	StatePush(ctx context.Context, path string) error
}

// Restored says what Restore did.
type Restored struct {
	Serial uint64 // the serial the restored version now has
	Backup string // the copy of the state it replaced
}

// Restore makes version id of the stack name current again: it keeps a copy
// of the current state in backupDir, rewrites the version onto the current
// lineage with the next serial, and pushes it. Nothing is pushed unless the
// copy was written; a failed push names the copy.
func Restore(ctx context.Context, s Store, w Workspace, name, id, backupDir string, now time.Time) (Restored, error) {
	cur, err := w.StatePull(ctx)
	if err != nil {
		return Restored{}, err
	}
	serial, lineage, err := Info(cur)
	if err != nil {
		return Restored{}, err
	}
	doc, err := s.Get(ctx, id)
	if err != nil {
		return Restored{}, err
	}
	doc, err = Reserial(doc, lineage, serial+1)
	if err != nil {
		return Restored{}, fmt.Errorf("restoring version %s of %s: %w; nothing was changed", id, name, err)
	}
	if err := os.MkdirAll(backupDir, 0o700); err != nil {
		return Restored{}, fmt.Errorf("creating %s: %w", backupDir, err)
	}
	backup := filepath.Join(backupDir, fmt.Sprintf("%s-%s-serial%d.tfstate", name, now.UTC().Format("20060102T150405Z"), serial))
	if err := os.WriteFile(backup, cur, 0o600); err != nil {
		return Restored{}, fmt.Errorf("keeping a copy of the current state of %s: %w; nothing was changed", name, err)
	}
	tmp, err := os.CreateTemp(backupDir, strings.ReplaceAll(name, string(filepath.Separator), "_")+"-*.restore.tfstate")
	if err != nil {
		return Restored{}, fmt.Errorf("writing the restored state: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(doc); err != nil {
		tmp.Close()
		return Restored{}, fmt.Errorf("writing the restored state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return Restored{}, fmt.Errorf("writing the restored state: %w", err)
	}
	if err := w.StatePush(ctx, tmp.Name()); err != nil {
		return Restored{}, fmt.Errorf("pushing version %s of %s: %w; the previous state is kept in %s", id, name, err, backup)
	}
	return Restored{Serial: serial + 1, Backup: backup}, nil
}
