// Package backend reads the S3 backend block a stack commits in backend.tf:
// the bucket, key, lock table and key alias that bootstrap creates and the
// state and lock commands address.
package backend

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
)

// Config is the committed part of a stack's S3 backend.
type Config struct {
	Bucket        string `hcl:"bucket"`
	Key           string `hcl:"key"`
	Region        string `hcl:"region"`
	Encrypt       bool   `hcl:"encrypt,optional"`
	KMSKeyID      string `hcl:"kms_key_id,optional"`
	DynamoDBTable string `hcl:"dynamodb_table,optional"`
	UseLockfile   bool   `hcl:"use_lockfile,optional"`

	Remain hcl.Body `hcl:",remain"`
}

// LockID is the DynamoDB item key Terraform uses for this state.
func (c Config) LockID() string { return c.Bucket + "/" + c.Key }

// LockfileKey is the S3 object Terraform uses as the native lock.
func (c Config) LockfileKey() string { return c.Key + ".tflock" }

// Read parses <dir>/backend.tf.
func Read(dir string) (Config, error) {
	path := filepath.Join(dir, "backend.tf")
	src, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("reading backend of %s: %w", dir, err)
	}
	return Parse(path, src)
}

// Parse decodes the backend "s3" block of a terraform block.
func Parse(filename string, src []byte) (Config, error) {
	f, diags := hclparse.NewParser().ParseHCL(src, filename)
	if diags.HasErrors() {
		return Config{}, fmt.Errorf("parsing %s: %w", filename, error(diags))
	}
	content, _, diags := f.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "terraform"}}})
	if diags.HasErrors() {
		return Config{}, fmt.Errorf("parsing %s: %w", filename, error(diags))
	}
	for _, tb := range content.Blocks {
		inner, _, diags := tb.Body.PartialContent(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "backend", LabelNames: []string{"type"}}}})
		if diags.HasErrors() {
			return Config{}, fmt.Errorf("parsing %s: %w", filename, error(diags))
		}
		for _, b := range inner.Blocks {
			if b.Labels[0] != "s3" {
				return Config{}, fmt.Errorf("%s: backend %q is not supported; use backend \"s3\"", filename, b.Labels[0])
			}
			var c Config
			if diags := gohcl.DecodeBody(b.Body, nil, &c); diags.HasErrors() {
				return Config{}, fmt.Errorf("decoding backend in %s: %w", filename, error(diags))
			}
			return c, nil
		}
	}
	return Config{}, fmt.Errorf("%s has no backend \"s3\" block", filename)
}
