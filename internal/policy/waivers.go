package policy

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
)

// A waiver is declared in the comment lines directly above the block it
// covers, one rule per line, in the one form the repository uses:
//
//	# infra:waive INFRA-NET-006 until=2027-06-30 reason="public entry point of the service"
//	#tfsec:ignore:aws-elb-alb-not-public:exp:2027-06-30
//	resource "aws_lb" "this" {
//
// It covers every instance of the block in every stack that uses the
// module. A waiver without a reason, an expiry date or a known rule id, or
// past its date, covers nothing and is a finding itself.
type Waiver struct {
	Rule    string `json:"rule"`
	Until   string `json:"until"`
	Reason  string `json:"reason"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Problem string `json:"problem,omitempty"`
}

// Rule ids of the findings about waivers themselves.
const (
	RuleWaiverExpired = "INFRA-WAIVER-001"
	RuleWaiverInvalid = "INFRA-WAIVER-002"
)

var waiverRules = map[string]Rule{
	RuleWaiverExpired: {ID: RuleWaiverExpired, Area: "waivers", Severity: High,
		Title:       "Waivers expire: a waiver past its until date covers nothing",
		Remediation: "Fix the finding, or renew the waiver with a new until date and the reason it still holds."},
	RuleWaiverInvalid: {ID: RuleWaiverInvalid, Area: "waivers", Severity: High,
		Title:       "Waivers name a known rule, an expiry date and a reason",
		Remediation: `Write it as: # infra:waive INFRA-XXX-000 until=YYYY-MM-DD reason="why this is by design"`},
}

var (
	waiveLine = regexp.MustCompile(`^(?:#|//)\s*infra:waive\b(.*)$`)
	untilAttr = regexp.MustCompile(`\buntil=(\S*)`)
	dateForm  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	reasonAtt = regexp.MustCompile(`\breason="((?:[^"\\]|\\.)*)"`)
	instance  = regexp.MustCompile(`\[(?:"(?:[^"\\]|\\.)*"|[0-9]+)\]`)
)

// parseWaiver reads one comment line; ok is false when it is no waiver.
func parseWaiver(text, today string, known map[string]Rule) (w Waiver, ok bool) {
	m := waiveLine.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return Waiver{}, false
	}
	rest := strings.TrimSpace(m[1])
	if f := strings.Fields(rest); len(f) > 0 && !strings.Contains(f[0], "=") {
		w.Rule = f[0]
	}
	if u := untilAttr.FindStringSubmatch(rest); u != nil {
		w.Until = u[1]
	}
	if r := reasonAtt.FindStringSubmatch(rest); r != nil {
		w.Reason = strings.TrimSpace(strings.ReplaceAll(r[1], `\"`, `"`))
	}
	_, knownRule := known[w.Rule]
	switch {
	case w.Rule == "":
		w.Problem = "names no rule"
	case !knownRule:
		w.Problem = fmt.Sprintf("names unknown rule %s", w.Rule)
	case w.Until == "":
		w.Problem = "has no expiry (until=YYYY-MM-DD)"
	case !dateForm.MatchString(w.Until):
		w.Problem = fmt.Sprintf("has an expiry that is not a date: %q (until=YYYY-MM-DD)", w.Until)
	case w.Reason == "":
		w.Problem = `gives no reason (reason="…")`
	case w.Until < today:
		w.Problem = fmt.Sprintf("expired on %s", w.Until)
	}
	return w, true
}

// Waivers are the waivers of a configuration by block address (module path
// without instance keys, e.g. module.taskmanager.module.alb.aws_lb.this).
type Waivers struct {
	byBlock map[string][]Waiver
	invalid []Finding
}

// ScanWaivers reads the waivers of the root in rootDir and of every local
// module its configuration calls. repo makes file names relative.
func ScanWaivers(repo, rootDir string, cfg *tfjson.Config, known map[string]Rule, today string) (*Waivers, error) {
	s := &scanner{repo: repo, known: known, today: today, files: map[string][]declared{}, out: &Waivers{byBlock: map[string][]Waiver{}}}
	var mod *tfjson.ConfigModule
	if cfg != nil {
		mod = cfg.RootModule
	}
	if err := s.module(rootDir, "", mod); err != nil {
		return nil, err
	}
	return s.out, nil
}

type declared struct {
	address string // block address inside its module
	waivers []Waiver
}

type scanner struct {
	repo, today string
	known       map[string]Rule
	files       map[string][]declared // by module directory
	out         *Waivers
}

func (s *scanner) module(dir, prefix string, mod *tfjson.ConfigModule) error {
	blocks, err := s.dir(dir)
	if err != nil {
		return err
	}
	for _, b := range blocks {
		addr := prefix + b.address
		for _, w := range b.waivers {
			if w.Problem == "" {
				s.out.byBlock[addr] = append(s.out.byBlock[addr], w)
				continue
			}
			id := RuleWaiverInvalid
			if strings.HasPrefix(w.Problem, "expired") {
				id = RuleWaiverExpired
			}
			r := waiverRules[id]
			s.out.invalid = append(s.out.invalid, Finding{ID: id, Severity: r.Severity, Area: r.Area, Title: r.Title, Remediation: r.Remediation,
				Address: addr, Attribute: "waiver", Message: fmt.Sprintf("waiver of %s at %s:%d %s", orNone(w.Rule), w.File, w.Line, w.Problem)})
		}
	}
	if mod == nil {
		return nil
	}
	names := make([]string, 0, len(mod.ModuleCalls))
	for n := range mod.ModuleCalls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		call := mod.ModuleCalls[n]
		if !strings.HasPrefix(call.Source, "./") && !strings.HasPrefix(call.Source, "../") {
			continue // registry modules: their files are not ours to annotate
		}
		if err := s.module(filepath.Join(dir, call.Source), prefix+"module."+n+".", call.Module); err != nil {
			return err
		}
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "(no rule)"
	}
	return s
}

// dir reads the blocks of a module directory that carry waivers.
func (s *scanner) dir(dir string) ([]declared, error) {
	dir = filepath.Clean(dir)
	if d, ok := s.files[dir]; ok {
		return d, nil
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil {
		return nil, err
	}
	var out []declared
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("reading waivers: %w", err)
		}
		name := f
		if rel, err := filepath.Rel(s.repo, f); err == nil && !strings.HasPrefix(rel, "..") {
			name = rel
		}
		d, err := s.file(name, src)
		if err != nil {
			return nil, err
		}
		out = append(out, d...)
	}
	s.files[dir] = out
	return out, nil
}

// file finds the blocks of one file and the waiver lines in the comment
// lines directly above each.
func (s *scanner) file(name string, src []byte) ([]declared, error) {
	f, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("reading waivers: %w", diags)
	}
	comments := map[int]string{}
	tokens, _ := hclsyntax.LexConfig(src, name, hcl.InitialPos)
	for _, t := range tokens {
		if t.Type == hclsyntax.TokenComment && !strings.Contains(strings.TrimRight(string(t.Bytes), "\r\n"), "\n") {
			comments[t.Range.Start.Line] = string(t.Bytes)
		}
	}
	var out []declared
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		addr := blockAddress(b)
		if addr == "" {
			continue
		}
		var ws []Waiver
		for line := b.TypeRange.Start.Line - 1; line > 0; line-- {
			c, ok := comments[line]
			if !ok {
				break
			}
			if w, ok := parseWaiver(c, s.today, s.known); ok {
				w.File, w.Line = name, line
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			out = append(out, declared{address: addr, waivers: ws})
		}
	}
	return out, nil
}

func blockAddress(b *hclsyntax.Block) string {
	switch {
	case b.Type == "resource" && len(b.Labels) == 2:
		return b.Labels[0] + "." + b.Labels[1]
	case b.Type == "data" && len(b.Labels) == 2:
		return "data." + b.Labels[0] + "." + b.Labels[1]
	}
	return ""
}

// BlockAddress is a resource instance address without instance keys.
func BlockAddress(addr string) string { return instance.ReplaceAllString(addr, "") }

// Apply marks the findings a valid waiver covers and adds a finding for
// each invalid waiver.
func (w *Waivers) Apply(fs []Finding) []Finding {
	out := make([]Finding, 0, len(fs)+len(w.invalid))
	for _, f := range fs {
		for _, wv := range w.byBlock[BlockAddress(f.Address)] {
			if wv.Rule == f.ID {
				wv := wv
				f.Waiver = &wv
				break
			}
		}
		out = append(out, f)
	}
	return append(out, w.invalid...)
}
