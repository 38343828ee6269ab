// Package drift turns refresh-only plans into a per-stack report: which
// resources differ from state, and in which attributes.
package drift

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"sort"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// Status of one stack.
type Status string

const (
	InSync  Status = "in sync"
	Drifted Status = "drifted"
	Failed  Status = "error"
)

// Resource is one drifted resource.
type Resource struct {
	Address    string   `json:"address"`
	Type       string   `json:"type"`
	Action     string   `json:"action"` // update, or delete when gone
	Attributes []string `json:"attributes,omitempty"`
}

// Stack is one stack's result.
type Stack struct {
	Stack     string     `json:"stack"`
	Status    Status     `json:"status"`
	Resources []Resource `json:"resources,omitempty"`
	Error     string     `json:"error,omitempty"`
}

// FromPlan reads a refresh-only plan's resource drift.
func FromPlan(name string, p *tfjson.Plan) Stack {
	st := Stack{Stack: name, Status: InSync}
	if p == nil {
		return st
	}
	configured := configuredAttributes(p.Config)
	for _, rc := range p.ResourceDrift {
		if rc.Change == nil || rc.Mode == tfjson.DataResourceMode {
			continue
		}
		r := Resource{Address: rc.Address, Type: rc.Type}
		switch {
		case rc.Change.Actions.Delete():
			r.Action = "deleted outside Terraform"
		default:
			r.Action = "changed outside Terraform"
			r.Attributes = declared(Diff(rc.Change.Before, rc.Change.After), configured[configKey(rc.ModuleAddress, rc.Type, rc.Name)])
			if len(r.Attributes) == 0 {
				continue
			}
		}
		st.Resources = append(st.Resources, r)
	}
	if len(st.Resources) > 0 {
		st.Status = Drifted
	}
	sort.Slice(st.Resources, func(i, j int) bool { return st.Resources[i].Address < st.Resources[j].Address })
	return st
}

// Diff lists the attribute paths whose values differ, with before → after.
func Diff(before, after any) []string {
	var out []string
	diff("", before, after, &out)
	sort.Strings(out)
	return out
}

func diff(path string, a, b any, out *[]string) {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if aok && bok {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for k := range keys {
			p := k
			if path != "" {
				p = path + "." + k
			}
			diff(p, am[k], bm[k], out)
		}
		return
	}
	al, alok := a.([]any)
	bl, blok := b.([]any)
	if alok && blok && len(al) == len(bl) && len(al) > 0 {
		for i := range al {
			diff(fmt.Sprintf("%s[%d]", path, i), al[i], bl[i], out)
		}
		return
	}
	if reflect.DeepEqual(a, b) || (isEmpty(a) && isEmpty(b)) {
		return
	}
	*out = append(*out, fmt.Sprintf("%s: %s → %s", path, render(a), render(b)))
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	case string:
		return x == ""
	}
	return false
}

func render(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	s := string(b)
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// Counts returns how many stacks are in each status.
func Counts(all []Stack) (inSync, drifted, failed int) {
	for _, s := range all {
		switch s.Status {
		case InSync:
			inSync++
		case Drifted:
			drifted++
		default:
			failed++
		}
	}
	return
}

// WriteText prints the report for a terminal.
func WriteText(w io.Writer, all []Stack) {
	for _, s := range all {
		switch s.Status {
		case InSync:
			fmt.Fprintf(w, "%s: in sync\n", s.Stack)
		case Failed:
			// Terraform's diagnostics span lines: keep them under the stack.
			fmt.Fprintf(w, "%s: ERROR %s\n", s.Stack, strings.ReplaceAll(strings.TrimSpace(s.Error), "\n", "\n    "))
		default:
			fmt.Fprintf(w, "%s: DRIFTED (%d resources)\n", s.Stack, len(s.Resources))
			for _, r := range s.Resources {
				fmt.Fprintf(w, "  %s %s\n", r.Address, r.Action)
				for _, a := range r.Attributes {
					fmt.Fprintf(w, "    %s\n", a)
				}
			}
		}
	}
	in, d, f := Counts(all)
	fmt.Fprintf(w, "drift: %d in sync, %d drifted, %d errors\n", in, d, f)
}

// MaxMarkdown caps an issue body under GitHub's 65536 characters.
const MaxMarkdown = 60000

// Markdown renders one report for an issue or comment.
func Markdown(all []Stack) string {
	var b strings.Builder
	in, d, f := Counts(all)
	fmt.Fprintf(&b, "### `infra drift`: %d in sync, %d drifted, %d errors\n\n", in, d, f)
	for _, s := range all {
		switch s.Status {
		case InSync:
			fmt.Fprintf(&b, "- **%s**: in sync\n", s.Stack)
		case Failed:
			fmt.Fprintf(&b, "- **%s**: error: `%s`\n", s.Stack, strings.ReplaceAll(firstLine(s.Error), "`", "'"))
		default:
			fmt.Fprintf(&b, "- **%s**: drifted, %d resources\n\n<details><summary>%s</summary>\n\n", s.Stack, len(s.Resources), s.Stack)
			for _, r := range s.Resources {
				line := fmt.Sprintf("  - `%s` %s\n", r.Address, r.Action)
				for _, a := range r.Attributes {
					line += fmt.Sprintf("    - `%s`\n", strings.ReplaceAll(a, "`", "'"))
				}
				if b.Len()+len(line) > MaxMarkdown-200 {
					b.WriteString("  - … truncated; run `infra drift " + s.Stack + "` for the rest\n")
					break
				}
				b.WriteString(line)
			}
			b.WriteString("\n</details>\n\n")
		}
	}
	return b.String()
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// A refresh right after an apply also "changes" attributes nobody declared:
// computed values filled in by other resources (a security group's rules
// written by rule resources, a target group's load balancers) or by time
// (latest_restorable_time). Drift is what differs from what the
// configuration declares, so only declared attributes (and the tags the
// provider's default_tags add) count; a deleted resource always does.
func declared(attrs []string, keys map[string]bool) []string {
	if keys == nil {
		return attrs // no configuration in the plan: report everything
	}
	var out []string
	for _, a := range attrs {
		top := a
		if i := strings.IndexAny(top, ".[:"); i >= 0 {
			top = top[:i]
		}
		if keys[top] || top == "tags_all" {
			out = append(out, a)
		}
	}
	return out
}

// configuredAttributes maps "<module path>|<type>.<name>" to the argument
// and block names its configuration sets.
func configuredAttributes(c *tfjson.Config) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	if c == nil || c.RootModule == nil {
		return out
	}
	var walk func(prefix string, m *tfjson.ConfigModule)
	walk = func(prefix string, m *tfjson.ConfigModule) {
		for _, r := range m.Resources {
			keys := map[string]bool{}
			for k := range r.Expressions {
				keys[k] = true
			}
			out[configKey(prefix, r.Type, r.Name)] = keys
		}
		for name, call := range m.ModuleCalls {
			if call.Module == nil {
				continue
			}
			p := "module." + name
			if prefix != "" {
				p = prefix + "." + p
			}
			walk(p, call.Module)
		}
	}
	walk("", c.RootModule)
	return out
}

var instanceKey = regexp.MustCompile(`\[[^\]]*\]`)

func configKey(moduleAddress, typ, name string) string {
	return instanceKey.ReplaceAllString(moduleAddress, "") + "|" + typ + "." + name
}
