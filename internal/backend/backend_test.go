package backend

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/project"
	"github.com/taskmanager-platform/infra/internal/stacks"
)

func TestParse(t *testing.T) {
	c, err := Parse("backend.tf", []byte(`terraform {
  backend "s3" {
    bucket         = "state"
    key            = "dev/terraform.tfstate"
    region         = "us-east-1"
    encrypt        = true
    kms_key_id     = "alias/state"
    dynamodb_table = "locks"
    use_lockfile   = true
  }
}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{Bucket: "state", Key: "dev/terraform.tfstate", Region: "us-east-1", Encrypt: true, KMSKeyID: "alias/state", DynamoDBTable: "locks", UseLockfile: true}
	c.Remain = nil
	if c != want {
		t.Errorf("got %+v", c)
	}
	if c.LockID() != "state/dev/terraform.tfstate" || c.LockfileKey() != "dev/terraform.tfstate.tflock" {
		t.Errorf("lock names: %s %s", c.LockID(), c.LockfileKey())
	}
	for src, want := range map[string]string{
		"terraform {}\n": "no backend",
		"terraform {\n  backend \"local\" {}\n}\n":                   `backend "local" is not supported`,
		"terraform {\n  backend \"s3\" {\n    key = \"k\"\n  }\n}\n": "bucket",
	} {
		if _, err := Parse("b.tf", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: want %q, got %v", src, want, err)
		}
	}
}

// Every committed stack locks with both the S3 lockfile and the design's
// DynamoDB table, encrypts under the state key, and shares one bucket.
func TestCommittedBackends(t *testing.T) {
	p, err := project.Find(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cat, err := stacks.Load(p.TerraformDir())
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, s := range cat.All() {
		c, err := Read(s.Dir)
		if err != nil {
			t.Fatal(err)
		}
		if !c.UseLockfile || c.DynamoDBTable == "" || !c.Encrypt || !strings.HasPrefix(c.KMSKeyID, "alias/") {
			t.Errorf("%s: lockfile=%v table=%q encrypt=%v kms=%q", s.Name, c.UseLockfile, c.DynamoDBTable, c.Encrypt, c.KMSKeyID)
		}
		if other, dup := keys[c.Key]; dup {
			t.Errorf("%s and %s share state key %s", s.Name, other, c.Key)
		}
		keys[c.Key] = s.Name
		if filepath.Base(c.Key) != "terraform.tfstate" {
			t.Errorf("%s: key %s", s.Name, c.Key)
		}
	}
}
