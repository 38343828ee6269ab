// Package plan binds saved Terraform plans to what they were made from
// (stack, commit, state serial and lineage), summarises them for a reviewer
// and applies the production policy on stateful resources.
package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/taskmanager-platform/infra/internal/guard"
	"github.com/taskmanager-platform/infra/internal/vcs"
)

// Meta is written next to every saved plan (<plan>.meta.json).
type Meta struct {
	Stack    string       `json:"stack"`
	Target   string       `json:"target"`
	Revision vcs.Revision `json:"revision"`
	Serial   uint64       `json:"state_serial"`
	Lineage  string       `json:"state_lineage"`
	Hash     string       `json:"plan_hash"` // sha256 of the plan file
	// sha256 of the plan's JSON rendering saved beside it (RenderingPath),
	// so apply need not start terraform again to render it.
	RenderingHash string    `json:"plan_json_hash,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	Summary       Summary   `json:"summary"`
}

// ErrStale is wrapped by CheckFresh's refusals of a plan whose commit,
// target or state differ from what apply sees now.
var ErrStale = errors.New("stale plan")

// ErrNotAPlan is returned for a file without infra's metadata or whose hash
// does not match it.
var ErrNotAPlan = errors.New("not a plan saved by `infra plan`")

// MetaPath is where the metadata of planFile lives.
func MetaPath(planFile string) string { return planFile + ".meta.json" }

// RenderingPath is where the JSON rendering of planFile (terraform show
// -json, as infra plan read it) is kept.
func RenderingPath(planFile string) string { return planFile + ".json" }

// SaveRendering writes the JSON rendering of planFile and returns its hash,
// for the metadata.
func SaveRendering(planFile string, shown *tfjson.Plan) (string, error) {
	b, err := json.Marshal(shown)
	if err != nil {
		return "", fmt.Errorf("encoding the rendering of plan %s: %w", planFile, err)
	}
	if err := os.WriteFile(RenderingPath(planFile), b, 0o600); err != nil {
		return "", fmt.Errorf("writing the rendering of plan %s: %w", planFile, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// LoadRendering returns the rendering infra plan saved for planFile when
// its hash is the one m records; ok is false when there is none or it does
// not match, and the caller renders the plan file itself (the plan file,
// checked by Load, stays the only source of truth).
func LoadRendering(planFile string, m Meta) (shown *tfjson.Plan, ok bool) {
	if m.RenderingHash == "" {
		return nil, false
	}
	b, err := os.ReadFile(RenderingPath(planFile))
	if err != nil {
		return nil, false
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != m.RenderingHash {
		return nil, false
	}
	var p tfjson.Plan
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, false
	}
	return &p, true
}

// HashFile returns the sha256 of a file in hex.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("opening plan %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hashing plan %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// ShortHash is the prefix users type for --approve.
func ShortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// Save writes the metadata of planFile.
func Save(planFile string, m Meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding plan metadata: %w", err)
	}
	if err := os.WriteFile(MetaPath(planFile), b, 0o600); err != nil {
		return fmt.Errorf("writing plan metadata for %s: %w", planFile, err)
	}
	return nil
}

// Load reads the metadata of planFile and checks the file is the one it
// describes.
func Load(planFile string) (Meta, error) {
	if _, err := os.Stat(planFile); err != nil {
		return Meta{}, fmt.Errorf("plan %s: %w: run `infra plan <stack>` first", planFile, err)
	}
	b, err := os.ReadFile(MetaPath(planFile))
	if err != nil {
		return Meta{}, fmt.Errorf("%s: %w (no %s): make a plan with `infra plan <stack>`", planFile, ErrNotAPlan, MetaPath(planFile))
	}
	var m Meta
	if err := json.Unmarshal(b, &m); err != nil || m.Stack == "" || m.Hash == "" {
		return Meta{}, fmt.Errorf("%s: %w (unreadable metadata): make a plan with `infra plan <stack>`", planFile, ErrNotAPlan)
	}
	h, err := HashFile(planFile)
	if err != nil {
		return Meta{}, err
	}
	if h != m.Hash {
		return Meta{}, fmt.Errorf("%s: %w (its hash %s differs from the one recorded, %s): make a new plan with `infra plan %s`", planFile, ErrNotAPlan, ShortHash(h), ShortHash(m.Hash), m.Stack)
	}
	return m, nil
}

// Current is what apply sees now.
type Current struct {
	Stack    string
	Target   string
	Revision vcs.Revision
	Serial   uint64
	Lineage  string
}

// CheckFresh refuses (guard.ErrRefused) a plan made for another stack or
// target, from another commit or a dirty tree, or against a state that has
// moved on; all but the first wrap ErrStale.
func CheckFresh(m Meta, c Current) error {
	if m.Stack != c.Stack {
		return guard.Refuse("the plan is for stack %s, not %s: run `infra apply %s` or make a plan with `infra plan %s`", m.Stack, c.Stack, m.Stack, c.Stack)
	}
	if m.Target != "" && c.Target != "" && m.Target != c.Target {
		return guard.Refuse("%w: it was made against %s, not %s: make a new plan with `infra plan %s`", ErrStale, m.Target, c.Target, c.Stack)
	}
	if m.Revision.Commit != c.Revision.Commit {
		return guard.Refuse("%w: it was made from commit %s, the tree is at %s: make a new plan with `infra plan %s`", ErrStale, short(m.Revision.Commit), short(c.Revision.Commit), c.Stack)
	}
	if m.Lineage != c.Lineage {
		return guard.Refuse("%w: the state of %s was replaced (lineage %s, plan saw %s): make a new plan with `infra plan %s`", ErrStale, c.Stack, orNone(c.Lineage), orNone(m.Lineage), c.Stack)
	}
	if m.Serial != c.Serial {
		return guard.Refuse("%w: the state of %s moved on (serial %d, plan saw %d; someone applied since): make a new plan with `infra plan %s`", ErrStale, c.Stack, c.Serial, m.Serial, c.Stack)
	}
	return nil
}

func short(c string) string {
	if len(c) > 10 {
		return c[:10]
	}
	return c
}

func orNone(s string) string {
	if s == "" {
		return "(no state)"
	}
	return s
}

// Action is what a plan does to one resource.
type Action string

const (
	Create  Action = "create"
	Update  Action = "update"
	Replace Action = "replace"
	Delete  Action = "destroy"
	// Import adopts an existing object into state and changes nothing in
	// the account (an import that also updates counts as Update).
	Import Action = "import"
)

// Change is one resource's planned change.
type Change struct {
	Address  string   `json:"address"`
	Type     string   `json:"type"`
	Action   Action   `json:"action"`
	Stateful bool     `json:"stateful"`
	Reasons  []string `json:"replace_because,omitempty"`
	// Importing: the resource is adopted by an import block.
	Importing bool `json:"importing,omitempty"`
}

// Summary counts a plan's changes.
type Summary struct {
	Creates  int `json:"add"`
	Updates  int `json:"change"`
	Replaces int `json:"replace"`
	Deletes  int `json:"destroy"`
	// Imports counts resources the plan adopts (import blocks), whatever
	// else it does to them.
	Imports int `json:"import,omitempty"`
	// Outputs counts output values the plan changes; applying a plan that
	// changes nothing else still saves them to state.
	Outputs int      `json:"outputs,omitempty"`
	Changes []Change `json:"resources"`
}

// Empty reports whether applying the plan would change nothing, in the
// account or in state: no resource changes, no imports, no output changes.
func (s Summary) Empty() bool { return len(s.Changes) == 0 && s.Outputs == 0 }

// statefulTypes hold data that a destroy or replacement loses.
var statefulTypes = []string{
	"aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance", "aws_docdb_cluster", "aws_neptune_cluster",
	"aws_elasticache_replication_group", "aws_elasticache_cluster", "aws_memorydb_cluster",
	"aws_kms_key", "aws_s3_bucket", "aws_dynamodb_table", "aws_efs_file_system", "aws_ebs_volume",
	"aws_backup_vault", "aws_secretsmanager_secret", "aws_opensearch_domain", "aws_elasticsearch_domain",
	"aws_redshift_cluster", "aws_fsx_lustre_file_system",
}

// Stateful reports whether destroying a resource of type t loses data.
func Stateful(t string) bool {
	return slices.Contains(statefulTypes, t) || strings.HasPrefix(t, "aws_efs_")
}

// Summarise reads a plan as terraform show -json renders it.
func Summarise(p *tfjson.Plan) Summary {
	var s Summary
	if p == nil {
		return s
	}
	for _, rc := range p.ResourceChanges {
		if rc.Change == nil || rc.Mode == tfjson.DataResourceMode {
			continue
		}
		a := rc.Change.Actions
		importing := rc.Change.Importing != nil
		if importing {
			s.Imports++
		}
		var act Action
		switch {
		case a.Replace():
			act = Replace
			s.Replaces++
		case a.Create():
			act = Create
			s.Creates++
		case a.Update():
			act = Update
			s.Updates++
		case a.Delete():
			act = Delete
			s.Deletes++
		case importing:
			act = Import
		default:
			continue
		}
		c := Change{Address: rc.Address, Type: rc.Type, Action: act, Stateful: Stateful(rc.Type), Importing: importing}
		for _, path := range rc.Change.ReplacePaths {
			c.Reasons = append(c.Reasons, pathString(path))
		}
		s.Changes = append(s.Changes, c)
	}
	sort.SliceStable(s.Changes, func(i, j int) bool { return s.Changes[i].Address < s.Changes[j].Address })
	for _, oc := range p.OutputChanges {
		if oc != nil && !oc.Actions.NoOp() {
			s.Outputs++
		}
	}
	return s
}

func pathString(p any) string {
	parts, ok := p.([]any)
	if !ok {
		return fmt.Sprint(p)
	}
	var b strings.Builder
	for i, x := range parts {
		switch v := x.(type) {
		case string:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(v)
		default:
			fmt.Fprintf(&b, "[%v]", v)
		}
	}
	return b.String()
}

// ProductionViolations lists stateful resources the plan destroys or
// replaces that are not allowed by address.
func ProductionViolations(s Summary, allowed []string) []Change {
	var out []Change
	for _, c := range s.Changes {
		if !c.Stateful || (c.Action != Replace && c.Action != Delete) {
			continue
		}
		if slices.Contains(allowed, c.Address) {
			continue
		}
		out = append(out, c)
	}
	return out
}
