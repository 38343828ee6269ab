package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/taskmanager-platform/infra/internal/testutil/clitest"
	"github.com/taskmanager-platform/infra/internal/testutil/testfs"
	"github.com/taskmanager-platform/infra/internal/testutil/testgit"
)

// TestAffected: on a clone whose branch edits a module only the HMS design
// calls, infra affected lists exactly the two HMS environments, with the
// file as the reason, in text and JSON.
func TestAffected(t *testing.T) {
	repo := t.TempDir()
	if err := copyTree(repo); err != nil {
		t.Fatal(err)
	}
	testgit.Run(t, repo, "init", "-q", "-b", "main")
	testgit.Run(t, repo, "add", ".")
	testgit.Run(t, repo, "commit", "-q", "-m", "base")
	testgit.Run(t, repo, "checkout", "-q", "-b", "feature")
	testfs.Append(t, filepath.Join(repo, "infrastructure", "terraform", "modules", "cdn", "main.tf"), "\n# edited\n")
	testgit.Run(t, repo, "commit", "-q", "-am", "cdn")

	state := t.TempDir()
	r := clitest.MustInfra(t, state, "-C", repo, "affected", "--base", "main", "--json")
	var got []struct {
		Stack   string   `json:"stack"`
		Reasons []string `json:"reasons"`
	}
	if err := json.Unmarshal([]byte(r.Out), &got); err != nil {
		t.Fatalf("affected --json: %v\n%s", err, r.Out)
	}
	var names []string
	for _, s := range got {
		names = append(names, s.Stack)
		if want := []string{"infrastructure/terraform/modules/cdn/main.tf (module cdn)"}; strings.Join(s.Reasons, "|") != strings.Join(want, "|") {
			t.Errorf("%s reasons = %q, want %q", s.Stack, s.Reasons, want)
		}
	}
	if strings.Join(names, " ") != "hms-dev hms-prod" {
		t.Errorf("affected stacks = %v, want [hms-dev hms-prod]", names)
	}
	text := clitest.MustInfra(t, state, "-C", repo, "affected", "--base", "main").Out
	want := "hms-dev\n  infrastructure/terraform/modules/cdn/main.tf (module cdn)\nhms-prod\n  infrastructure/terraform/modules/cdn/main.tf (module cdn)\n2 of 9 stacks affected since main (1 files changed)\n"
	if text != want {
		t.Errorf("affected text =\n%s\nwant\n%s", text, want)
	}
}
