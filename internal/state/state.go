// Package state lists and restores versions of a stack's state object in the
// versioned state bucket.
package state

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/taskmanager-platform/infra/internal/backend"
)

// Version is one stored version of the state object.
type Version struct {
	ID       string    `json:"version_id"`
	Modified time.Time `json:"last_modified"`
	Size     int64     `json:"size"`
	Latest   bool      `json:"latest"`
}

// Versions lists the versions of the state object, newest first.
func Versions(ctx context.Context, c *s3.Client, b backend.Config) ([]Version, error) {
	var out []Version
	p := s3.NewListObjectVersionsPaginator(c, &s3.ListObjectVersionsInput{Bucket: aws.String(b.Bucket), Prefix: aws.String(b.Key)})
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
func Get(ctx context.Context, c *s3.Client, b backend.Config, id string) ([]byte, error) {
	o, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(b.Bucket), Key: aws.String(b.Key), VersionId: aws.String(id)})
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

// Reserial returns doc with its serial set to serial (so Terraform accepts it
// as newer than the current state) after checking it has the given lineage.
func Reserial(doc []byte, lineage string, serial uint64) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		return nil, fmt.Errorf("the version is not a state document: %w", err)
	}
	if l, _ := m["lineage"].(string); lineage != "" && l != lineage {
		return nil, fmt.Errorf("the version belongs to another state (lineage %s, current %s)", l, lineage)
	}
	m["serial"] = serial
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding restored state: %w", err)
	}
	return out, nil
}
