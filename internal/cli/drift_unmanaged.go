package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/taskmanager-platform/infra/internal/engine"
	"github.com/taskmanager-platform/infra/internal/hclgen"
	"github.com/taskmanager-platform/infra/internal/stacks"
	"github.com/taskmanager-platform/infra/internal/tf"
	"github.com/taskmanager-platform/infra/internal/unmanaged"
	"github.com/taskmanager-platform/infra/internal/verify"
)

// unmanagedStack is one stack's `drift --unmanaged` result.
type unmanagedStack struct {
	Stack     string             `json:"stack"`
	Root      string             `json:"root"`
	Resources []unmanaged.Orphan `json:"resources"`
	Error     string             `json:"error,omitempty"`
}

// driftUnmanaged lists, per stack, what carries the stack's tag but is not
// in its state (a run killed mid-apply leaves such resources), with the
// import block that adopts each or the command that deletes it. Exit 3 when
// any is found, 1 when a stack could not be checked.
func (a *app) driftUnmanaged(ctx context.Context, e *engine.Engine, list []stacks.Stack, asJSON bool) error {
	var rep []unmanagedStack
	for _, s := range list {
		r := unmanagedStack{Stack: s.Name, Root: filepath.ToSlash(filepath.Join("infrastructure", "terraform", s.Path))}
		orphans, err := unmanagedOne(ctx, e, s)
		if err != nil {
			r.Error = err.Error()
		}
		r.Resources = orphans
		rep = append(rep, r)
	}
	if asJSON {
		if err := a.writeJSON(rep); err != nil {
			return err
		}
	} else if err := writeUnmanaged(a.io.Out, rep); err != nil {
		return err
	}
	found, failed := 0, 0
	for _, r := range rep {
		found += len(r.Resources)
		if r.Error != "" {
			failed++
		}
	}
	switch {
	case failed > 0:
		return fmt.Errorf("unmanaged-resource check failed for %d of %d stacks (see the report)", failed, len(rep))
	case found > 0:
		return findings(nil)
	}
	return nil
}

// unmanagedOne plans the stack (state and what it would create), lists the
// account's resources with the stack's tag and compares.
func unmanagedOne(ctx context.Context, e *engine.Engine, s stacks.Stack) ([]unmanaged.Orphan, error) {
	w, err := e.Workspace(s, engine.WorkspaceOptions{Stdout: io.Discard})
	if err != nil {
		return nil, err
	}
	if err := e.EnsureInit(ctx, s, w); err != nil {
		return nil, err
	}
	file, err := e.Project.Path("plans", e.Target.Name(), s.Name+".unmanaged.tfplan")
	if err != nil {
		return nil, err
	}
	defer os.Remove(file)
	if _, err := w.Plan(ctx, tf.PlanOptions{Out: file}); err != nil {
		return nil, err
	}
	p, err := w.ShowPlan(ctx, file)
	if err != nil {
		return nil, err
	}
	inState, planned := planResources(p)
	cfg, err := e.Target.AWSConfig(ctx)
	if err != nil {
		return nil, err
	}
	tagged, err := unmanaged.List(ctx, cfg, s.Name)
	if err != nil {
		return nil, err
	}
	untagged, err := unmanaged.UntaggedZones(ctx, cfg, planned)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, t := range tagged {
		seen[t.ARN] = true
	}
	for _, t := range untagged {
		if !seen[t.ARN] {
			tagged = append(tagged, t)
		}
	}
	orphans := unmanaged.Find(tagged, inState, planned)
	for _, o := range orphans {
		if o.Type != "aws_route53_zone" {
			continue
		}
		recs, err := unmanaged.ListRecords(ctx, cfg, o.ImportID)
		if err != nil {
			return nil, err
		}
		orphans = append(orphans, unmanaged.ZoneRecords(o, recs, planned)...)
	}
	return orphans, nil
}

// planResources are the plan's prior state and the resources it creates.
func planResources(p *tfjson.Plan) (inState, planned []unmanaged.Resource) {
	for _, r := range verify.Resources(p.PriorState) {
		inState = append(inState, unmanaged.Resource{Address: r.Address, Type: r.Type, Values: r.AttributeValues})
	}
	for _, rc := range p.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil || !rc.Change.Actions.Create() && !rc.Change.Actions.Replace() {
			continue
		}
		after, _ := rc.Change.After.(map[string]any)
		planned = append(planned, unmanaged.Resource{Address: rc.Address, Type: rc.Type, Values: after})
	}
	return inState, planned
}

func writeUnmanaged(out io.Writer, rep []unmanagedStack) error {
	var b strings.Builder
	for _, r := range rep {
		switch {
		case r.Error != "":
			fmt.Fprintf(&b, "%s: error: %s\n", r.Stack, strings.ReplaceAll(r.Error, "\n", "\n    "))
			continue
		case len(r.Resources) == 0:
			fmt.Fprintf(&b, "%s: no unmanaged resources (everything tagged %s=%s is in its state)\n", r.Stack, unmanaged.TagKey, r.Stack)
			continue
		}
		fmt.Fprintf(&b, "%s: %d resource(s) tagged %s=%s are not in its state\n", r.Stack, len(r.Resources), unmanaged.TagKey, r.Stack)
		for _, o := range r.Resources {
			fmt.Fprintf(&b, "  %s\n", o.ARN)
			block, err := hclgen.ImportBlock(o.Address, o.ImportID)
			if err != nil {
				return err
			}
			where := "the configuration would create it again at this address"
			if !o.Inferred {
				where = "placeholder address: point `to` at the resource block that should own it (or write one)"
			}
			fmt.Fprintf(&b, "    adopt it (%s): add to %s/imports.tf, then `infra plan %s` and `infra apply %s`:\n", where, r.Root, r.Stack, r.Stack)
			for _, line := range strings.Split(strings.TrimRight(string(block), "\n"), "\n") {
				fmt.Fprintf(&b, "      %s\n", line)
			}
			fmt.Fprintf(&b, "    or delete it: %s\n", o.Delete)
		}
	}
	_, err := io.WriteString(out, b.String())
	return err
}
