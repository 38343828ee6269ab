// Package policy evaluates the Rego library under <repo>/policy against the
// JSON of saved Terraform plans, in-process with the Open Policy Agent SDK,
// resolves the waivers declared above resource blocks and renders the
// findings for people (text, Markdown) and tools (JSON).
package policy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Dir is the policy library's folder, relative to the repository root.
const Dir = "policy"

// Severities, highest first.
const (
	High   = "HIGH"
	Medium = "MEDIUM"
	Low    = "LOW"
)

// Rule is one entry of the library's catalog.
type Rule struct {
	ID          string `json:"id"`
	Area        string `json:"area"`
	Severity    string `json:"severity"`
	Title       string `json:"title"`
	Remediation string `json:"remediation"`
}

// Finding is one rule broken by one resource.
type Finding struct {
	ID          string  `json:"id"`
	Severity    string  `json:"severity"`
	Area        string  `json:"area"`
	Title       string  `json:"title"`
	Address     string  `json:"address"`
	Attribute   string  `json:"attribute"`
	Message     string  `json:"message"`
	Remediation string  `json:"remediation"`
	Waiver      *Waiver `json:"waiver,omitempty"`
}

// Waived reports whether a valid waiver covers the finding.
func (f Finding) Waived() bool { return f.Waiver != nil }

// Line is the one-line form: severity, rule, resource address, attribute, message.
func (f Finding) Line() string {
	return fmt.Sprintf("%s %s %s %s: %s", f.Severity, f.ID, f.Address, f.Attribute, f.Message)
}

// Context is what the rules know about the stack besides its plan.
type Context struct {
	Stack       string   `json:"stack"`
	System      string   `json:"system"`
	Environment string   `json:"environment"`
	Backend     *Backend `json:"backend,omitempty"`
}

// Backend is the committed state backend of the stack's root.
type Backend struct {
	Type          string `json:"type"`
	Encrypt       bool   `json:"encrypt"`
	KMSKeyID      string `json:"kms_key_id,omitempty"`
	DynamoDBTable string `json:"dynamodb_table,omitempty"`
	UseLockfile   bool   `json:"use_lockfile"`
}

// Library is the compiled policy library, ready to evaluate plans
// concurrently.
type Library struct {
	Dir     string
	Catalog map[string]Rule
	query   rego.PreparedEvalQuery
}

// findingsQuery is the library's entry point (policy/main.rego).
const findingsQuery = "data.infra.main.findings"

// Load compiles the library in dir (test files excluded) and reads its
// catalog.
func Load(ctx context.Context, dir string) (*Library, error) {
	modules, err := readModules(dir, false)
	if err != nil {
		return nil, err
	}
	opts := []func(*rego.Rego){rego.Query(findingsQuery)}
	for name, src := range modules {
		opts = append(opts, rego.Module(name, src))
	}
	r := rego.New(opts...)
	pq, err := r.PrepareForEval(ctx)
	if err != nil {
		return nil, fmt.Errorf("compiling the policy library %s: %w", dir, err)
	}
	lib := &Library{Dir: dir, query: pq}
	if lib.Catalog, err = catalog(ctx, modules); err != nil {
		return nil, err
	}
	for id, r := range waiverRules {
		lib.Catalog[id] = r
	}
	return lib, nil
}

// readModules reads the .rego files of dir: the rules, or only the tests.
func readModules(dir string, tests bool) (map[string]string, error) {
	out := map[string]string{}
	// The folder may be a symbolic link (test fixtures link it); WalkDir
	// does not follow a linked root.
	if resolved, err := filepath.EvalSymlinks(dir); err == nil {
		dir = resolved
	}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") != tests {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[path] = string(b)
		return nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no policy library at %s: restore the repository's %s/ folder", dir, Dir)
		}
		return nil, fmt.Errorf("reading the policy library %s: %w", dir, err)
	}
	if len(out) == 0 && !tests {
		return nil, fmt.Errorf("no policy library at %s: restore the repository's %s/ folder", dir, Dir)
	}
	return out, nil
}

func catalog(ctx context.Context, modules map[string]string) (map[string]Rule, error) {
	opts := []func(*rego.Rego){rego.Query("data.infra.main.catalog")}
	for name, src := range modules {
		opts = append(opts, rego.Module(name, src))
	}
	rs, err := rego.New(opts...).Eval(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the policy catalog: %w", err)
	}
	out := map[string]Rule{}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return out, nil
	}
	b, err := json.Marshal(rs[0].Expressions[0].Value)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("reading the policy catalog: %w", err)
	}
	for id, r := range out {
		r.ID = id
		out[id] = r
	}
	return out, nil
}

// Input is the document the rules see: the plan as `terraform show -json`
// renders it, and the stack's context.
func Input(plan []byte, c Context) (ast.Value, error) {
	p, err := ast.ValueFromReader(strings.NewReader(string(plan)))
	if err != nil {
		return nil, fmt.Errorf("reading the plan JSON: %w", err)
	}
	cb, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	cv, err := ast.ValueFromReader(strings.NewReader(string(cb)))
	if err != nil {
		return nil, err
	}
	return ast.NewObject(ast.Item(ast.StringTerm("plan"), ast.NewTerm(p)), ast.Item(ast.StringTerm("context"), ast.NewTerm(cv))), nil
}

// Eval runs the rules on a prepared input and returns the findings sorted
// (severity, rule, address), without waivers.
func (l *Library) Eval(ctx context.Context, input ast.Value) ([]Finding, error) {
	rs, err := l.query.Eval(ctx, rego.EvalParsedInput(input))
	if err != nil {
		return nil, fmt.Errorf("evaluating the policy library: %w", err)
	}
	var out []Finding
	if len(rs) > 0 && len(rs[0].Expressions) > 0 {
		b, err := json.Marshal(rs[0].Expressions[0].Value)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &out); err != nil {
			return nil, fmt.Errorf("reading the findings: %w", err)
		}
	}
	Sort(out)
	return out, nil
}

// Where says where a plan's configuration lives and what day it is.
type Where struct {
	Repo  string // repository root: waiver file names are relative to it
	Root  string // the stack's root module directory
	Today string // YYYY-MM-DD; waivers until an earlier day have expired
}

// Evaluate checks a plan of a stack: the rules, then the waivers declared in
// the configuration the plan was made from.
func (l *Library) Evaluate(ctx context.Context, p *tfjson.Plan, at Where, c Context) (Report, error) {
	raw, err := json.Marshal(p)
	if err != nil {
		return Report{}, fmt.Errorf("encoding the plan JSON: %w", err)
	}
	in, err := Input(raw, c)
	if err != nil {
		return Report{}, err
	}
	fs, err := l.Eval(ctx, in)
	if err != nil {
		return Report{}, err
	}
	var cfg *tfjson.Config
	if p != nil {
		cfg = p.Config
	}
	idx, err := ScanWaivers(at.Repo, at.Root, cfg, l.Catalog, at.Today)
	if err != nil {
		return Report{}, err
	}
	fs = idx.Apply(fs)
	Sort(fs)
	return Report{Stack: c.Stack, Findings: fs}, nil
}

var rank = map[string]int{High: 0, Medium: 1, Low: 2}

// Sort orders findings: unwaived first, then severity, rule id, address.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Waived() != b.Waived() {
			return !a.Waived()
		}
		if rank[a.Severity] != rank[b.Severity] {
			return rank[a.Severity] < rank[b.Severity]
		}
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		return a.Message < b.Message
	})
}

// Report is the outcome for one stack.
type Report struct {
	Stack    string    `json:"stack"`
	Findings []Finding `json:"findings"`
	Error    string    `json:"error,omitempty"`
}

// Unwaived are the findings no valid waiver covers.
func (r Report) Unwaived() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if !f.Waived() {
			out = append(out, f)
		}
	}
	return out
}

// Blocking are the unwaived HIGH findings: production refuses them.
func (r Report) Blocking() []Finding {
	var out []Finding
	for _, f := range r.Unwaived() {
		if f.Severity == High {
			out = append(out, f)
		}
	}
	return out
}

// Waived counts the findings covered by a waiver.
func (r Report) Waived() int { return len(r.Findings) - len(r.Unwaived()) }
