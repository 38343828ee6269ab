package plan

import (
	"bytes"
	"testing"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/taskmanager-platform/infra/internal/testutil/golden"
	"github.com/taskmanager-platform/infra/internal/vcs"
)

// renderMeta is a saved plan with every field fixed, so renderings are
// byte-stable.
func renderMeta(p *tfjson.Plan) Meta {
	s := Summarise(p)
	return Meta{
		Stack: "tm-prod", Target: "aws",
		Revision: vcs.Revision{Commit: "0123456789abcdef0123456789abcdef01234567", Dirty: true},
		Serial:   42, Lineage: "5a1c0f3e-aaaa-bbbb-cccc-000000000001",
		Hash:      "3f9a1c2b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd",
		CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Summary:   s,
	}
}

// TestRenderGolden: the reviewer's summary as text and Markdown, for a plan
// with every kind of change (a replaced database with its reason, a
// destroyed bucket), for a plan that only adopts orphans (import blocks),
// for one that only saves output values and for an empty one. Refresh with
// go test -update.
func TestRenderGolden(t *testing.T) {
	p := samplePlan()
	p.ResourceChanges[0].Change.ReplacePaths = []any{[]any{"engine_version"}, []any{"tags", "Name"}}
	plans := map[string]*tfjson.Plan{"changes": p, "empty": {}, "imports": importPlan(), "outputs": outputsPlan()}
	for name, p := range plans {
		m := renderMeta(p)
		var text bytes.Buffer
		WriteText(&text, m)
		golden.Assert(t, "plan-"+name+".txt", text.Bytes())
		golden.Assert(t, "plan-"+name+".md", []byte(Markdown(m)))
	}
}
