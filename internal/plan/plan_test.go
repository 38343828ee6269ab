package plan

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/taskmanager-platform/infra/internal/guard"
	"github.com/taskmanager-platform/infra/internal/vcs"
)

func rc(addr, typ string, acts ...tfjson.Action) *tfjson.ResourceChange {
	return &tfjson.ResourceChange{Address: addr, Type: typ, Mode: tfjson.ManagedResourceMode, Change: &tfjson.Change{Actions: acts}}
}

func samplePlan() *tfjson.Plan {
	return &tfjson.Plan{ResourceChanges: []*tfjson.ResourceChange{
		rc("aws_db_instance.this", "aws_db_instance", tfjson.ActionDelete, tfjson.ActionCreate),
		rc("aws_security_group.db", "aws_security_group", tfjson.ActionUpdate),
		rc("aws_ecs_service.api", "aws_ecs_service", tfjson.ActionCreate),
		rc("aws_s3_bucket.old", "aws_s3_bucket", tfjson.ActionDelete),
		rc("aws_vpc.this", "aws_vpc", tfjson.ActionNoop),
	}}
}

func TestSummarise(t *testing.T) {
	s := Summarise(samplePlan())
	if got := s.Headline(); got != "1 to add, 1 to change, 1 to replace, 1 to destroy" {
		t.Errorf("headline %q", got)
	}
	if n := len(s.Risky()); n != 2 {
		t.Errorf("risky: %d, want 2 (db replace, bucket destroy)", n)
	}
}

// importPlan adopts a killed run's orphans: a zone and its record, both
// only imported, plus an import that also updates.
func importPlan() *tfjson.Plan {
	imp := func(r *tfjson.ResourceChange) *tfjson.ResourceChange {
		r.Change.Importing = &tfjson.Importing{ID: "Z123"}
		return r
	}
	return &tfjson.Plan{
		ResourceChanges: []*tfjson.ResourceChange{
			imp(rc("aws_route53_zone.main", "aws_route53_zone", tfjson.ActionNoop)),
			imp(rc("aws_route53_record.caa", "aws_route53_record", tfjson.ActionNoop)),
			imp(rc("aws_route53_record.www", "aws_route53_record", tfjson.ActionUpdate)),
		},
		OutputChanges: map[string]*tfjson.Change{"zone_id": {Actions: tfjson.Actions{tfjson.ActionCreate}}},
	}
}

// outputsPlan changes no resource, only an output value.
func outputsPlan() *tfjson.Plan {
	return &tfjson.Plan{
		ResourceChanges: []*tfjson.ResourceChange{rc("aws_vpc.this", "aws_vpc", tfjson.ActionNoop)},
		OutputChanges: map[string]*tfjson.Change{
			"vpc_id":    {Actions: tfjson.Actions{tfjson.ActionCreate}},
			"unchanged": {Actions: tfjson.Actions{tfjson.ActionNoop}},
		},
	}
}

// A plan that only imports or only saves outputs is not empty: apply must
// run it (an empty summary made apply skip the runbook's adoption step).
func TestSummaryEmpty(t *testing.T) {
	tests := []struct {
		name     string
		plan     *tfjson.Plan
		empty    bool
		headline string
		imports  int
	}{
		{"nothing", &tfjson.Plan{ResourceChanges: []*tfjson.ResourceChange{rc("aws_vpc.this", "aws_vpc", tfjson.ActionNoop)}}, true, "no changes", 0},
		{"imports only", importPlan(), false, "3 to import, 0 to add, 1 to change, 0 to replace, 0 to destroy", 3},
		{"outputs only", outputsPlan(), false, "no resource changes, 1 output value to save", 0},
		{"changes", samplePlan(), false, "1 to add, 1 to change, 1 to replace, 1 to destroy", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Summarise(tc.plan)
			if s.Empty() != tc.empty || s.Headline() != tc.headline || s.Imports != tc.imports {
				t.Errorf("empty %v, headline %q, imports %d; want %v, %q, %d", s.Empty(), s.Headline(), s.Imports, tc.empty, tc.headline, tc.imports)
			}
		})
	}
}

func TestProductionViolations(t *testing.T) {
	s := Summarise(samplePlan())
	tests := []struct {
		name    string
		allowed []string
		want    []string
	}{
		{"none allowed", nil, []string{"aws_db_instance.this", "aws_s3_bucket.old"}},
		{"db allowed", []string{"aws_db_instance.this"}, []string{"aws_s3_bucket.old"}},
		{"all allowed", []string{"aws_db_instance.this", "aws_s3_bucket.old"}, nil},
		{"non-stateful name does not help", []string{"aws_security_group.db"}, []string{"aws_db_instance.this", "aws_s3_bucket.old"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, c := range ProductionViolations(s, tc.allowed) {
				got = append(got, c.Address)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCheckFresh(t *testing.T) {
	m := Meta{Stack: "tm-dev", Target: "local", Revision: vcs.Revision{Commit: "abc"}, Serial: 4, Lineage: "L1"}
	ok := Current{Stack: "tm-dev", Target: "local", Revision: vcs.Revision{Commit: "abc"}, Serial: 4, Lineage: "L1"}
	tests := []struct {
		name string
		mod  func(c *Current)
		want string
	}{
		{"fresh", func(*Current) {}, ""},
		{"another stack", func(c *Current) { c.Stack = "tm-prod" }, "plan is for stack tm-dev"},
		{"another commit", func(c *Current) { c.Revision.Commit = "def" }, "stale plan: it was made from commit abc"},
		{"state moved on", func(c *Current) { c.Serial = 5 }, "stale plan"},
		{"state replaced", func(c *Current) { c.Lineage = "L2" }, "lineage"},
		{"another target", func(c *Current) { c.Target = "aws" }, "made against local"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := ok
			tc.mod(&c)
			err := CheckFresh(m, c)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "infra plan") {
				t.Fatalf("want %q with a fix, got %v", tc.want, err)
			}
			if !errors.Is(err, guard.ErrRefused) {
				t.Errorf("%v is not a refusal", err)
			}
			if stale := tc.name != "another stack"; errors.Is(err, ErrStale) != stale {
				t.Errorf("errors.Is(ErrStale) = %v, want %v", !stale, stale)
			}
		})
	}
}

func TestLoadRefusesNonPlans(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "x.tfplan")
	if err := os.WriteFile(file, []byte("not a plan"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(file); !errors.Is(err, ErrNotAPlan) {
		t.Fatalf("no metadata: %v", err)
	}
	if err := Save(file, Meta{Stack: "tm-dev", Hash: "0000"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(file); !errors.Is(err, ErrNotAPlan) || !strings.Contains(err.Error(), "hash") {
		t.Fatalf("tampered: %v", err)
	}
	h, _ := HashFile(file)
	if err := Save(file, Meta{Stack: "tm-dev", Hash: h}); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(file); err != nil {
		t.Fatalf("good plan: %v", err)
	}
}

func TestMarkdownIsCappedAndFolded(t *testing.T) {
	p := &tfjson.Plan{}
	for i := range 5000 {
		p.ResourceChanges = append(p.ResourceChanges, rc(fmt.Sprintf("module.big.aws_ssm_parameter.p[%d]", i), "aws_ssm_parameter", tfjson.ActionCreate))
	}
	p.ResourceChanges = append(p.ResourceChanges, rc("aws_db_instance.this", "aws_db_instance", tfjson.ActionDelete, tfjson.ActionCreate))
	md := Markdown(Meta{Stack: "tm-prod", Hash: strings.Repeat("a", 64), Summary: Summarise(p)})
	if len(md) > MaxMarkdown {
		t.Errorf("markdown is %d chars, cap %d", len(md), MaxMarkdown)
	}
	for _, want := range []string{"<details>", "</details>", "truncated", "CAUTION", "aws_db_instance.this", "5000 to add"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
}

// The rendering saved beside a plan is used only while its hash is the one
// the metadata records, and reads back as terraform rendered it.
func TestRendering(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "cost", "testdata", "plans", "tm-dev.json"))
	if err != nil {
		t.Fatal(err)
	}
	var shown tfjson.Plan
	if err := shown.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "x.tfplan")
	h, err := SaveRendering(file, &shown)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := LoadRendering(file, Meta{RenderingHash: h})
	if !ok || !reflect.DeepEqual(got, &shown) {
		t.Fatalf("saved rendering did not read back equal (ok=%v)", ok)
	}
	if _, ok := LoadRendering(file, Meta{}); ok {
		t.Error("used a rendering the metadata does not record")
	}
	saved, _ := os.ReadFile(RenderingPath(file))
	if err := os.WriteFile(RenderingPath(file), []byte(strings.Replace(string(saved), "aws_vpc", "aws_vpx", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := LoadRendering(file, Meta{RenderingHash: h}); ok {
		t.Error("used a rendering whose hash differs from the recorded one")
	}
}
