package tf

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
)

// ReadDrift reads a saved refresh-only plan without starting terraform:
// the resource drift (the state before the refresh, tfstate-prev, against
// the refreshed one, tfstate, both inside the plan file) and, for each
// resource block of the configuration snapshot (tfconfig/), the names of
// the arguments and blocks it sets. That is all drift.FromPlan reads of
// `terraform show -json`, which would start the provider a second time per
// stack just to load its schema.
//
// Drift is computed as terraform does for resource_drift: every current
// instance of a managed resource whose refreshed object differs from the
// previous one is an update, one gone from the refreshed state a delete.
// Configuration in .tf.json files is not read: its resources then have no
// declared-argument set, and drift.FromPlan reports all their attributes.
func ReadDrift(planFile string) (*tfjson.Plan, error) {
	zr, err := zip.OpenReader(planFile)
	if err != nil {
		return nil, fmt.Errorf("opening plan %s: %w", planFile, err)
	}
	defer zr.Close()
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[f.Name] = f
	}
	read := func(name string) ([]byte, error) {
		f, ok := files[name]
		if !ok {
			return nil, fmt.Errorf("plan %s has no %s (not a plan saved by terraform ≥ 1.x?)", planFile, name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("reading %s of plan %s: %w", name, planFile, err)
		}
		defer rc.Close()
		return io.ReadAll(rc)
	}
	var prev, now stateFile
	for name, st := range map[string]*stateFile{"tfstate-prev": &prev, "tfstate": &now} {
		b, err := read(name)
		if err != nil {
			return nil, err
		}
		if err := decodeState(b, st); err != nil {
			return nil, fmt.Errorf("decoding %s of plan %s: %w", name, planFile, err)
		}
	}
	p := &tfjson.Plan{ResourceDrift: resourceDrift(prev, now)}
	b, err := read("tfconfig/modules.json")
	if err != nil {
		return nil, err
	}
	if p.Config, err = configSnapshot(b, files, read); err != nil {
		return nil, fmt.Errorf("reading the configuration of plan %s: %w", planFile, err)
	}
	return p, nil
}

// stateFile is the part of Terraform's state format (version 4) drift reads.
type stateFile struct {
	Resources []struct {
		Module    string `json:"module"`
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			IndexKey   any            `json:"index_key"`
			Deposed    string         `json:"deposed"`
			Attributes map[string]any `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

// decodeState reads numbers as json.Number, as terraform-json does for
// `terraform show -json`, so values compare and render alike.
func decodeState(b []byte, st *stateFile) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	return dec.Decode(st)
}

// instances maps each current managed instance's address to its object.
func (s stateFile) instances() (order []string, objs map[string]*tfjson.ResourceChange) {
	objs = map[string]*tfjson.ResourceChange{}
	for _, r := range s.Resources {
		if r.Mode != string(tfjson.ManagedResourceMode) {
			continue
		}
		for _, in := range r.Instances {
			if in.Deposed != "" {
				continue // terraform's drift looks at current objects only
			}
			addr := r.Type + "." + r.Name + indexKey(in.IndexKey)
			if r.Module != "" {
				addr = r.Module + "." + addr
			}
			order = append(order, addr)
			objs[addr] = &tfjson.ResourceChange{
				Address: addr, ModuleAddress: r.Module, Mode: tfjson.ManagedResourceMode, Type: r.Type, Name: r.Name, Index: in.IndexKey,
				Change: &tfjson.Change{Before: map[string]any(in.Attributes)},
			}
		}
	}
	return order, objs
}

// resources renders every current instance (managed and data) as
// `terraform show -json` does in a state's values: address, mode, type,
// name, index and attribute values.
func (s stateFile) resources() []*tfjson.StateResource {
	var out []*tfjson.StateResource
	for _, r := range s.Resources {
		for _, in := range r.Instances {
			if in.Deposed != "" {
				continue
			}
			addr := r.Type + "." + r.Name + indexKey(in.IndexKey)
			if r.Mode == string(tfjson.DataResourceMode) {
				addr = "data." + addr
			}
			if r.Module != "" {
				addr = r.Module + "." + addr
			}
			out = append(out, &tfjson.StateResource{
				Address: addr, Mode: tfjson.ResourceMode(r.Mode), Type: r.Type, Name: r.Name, Index: in.IndexKey,
				AttributeValues: unwrapDynamic(r.Type, in.Attributes),
			})
		}
	}
	return out
}

// dynamicAttributes are the attributes whose schema type is "any"
// (DynamicPseudoType) per resource type: the state stores their values as
// {"type": …, "value": …}, while `terraform show -json` prints the value
// alone. Only terraform_data among the stacks' types has them.
var dynamicAttributes = map[string][]string{
	"terraform_data": {"input", "output", "triggers_replace"},
}

// unwrapDynamic renders a resource's dynamic attributes as show -json does.
func unwrapDynamic(typ string, attrs map[string]any) map[string]any {
	names := dynamicAttributes[typ]
	if len(names) == 0 || attrs == nil {
		return attrs
	}
	out := make(map[string]any, len(attrs))
	for k, v := range attrs {
		out[k] = v
	}
	for _, name := range names {
		if m, ok := out[name].(map[string]any); ok && len(m) == 2 {
			if _, typed := m["type"]; typed {
				if v, ok := m["value"]; ok {
					out[name] = v
				}
			}
		}
	}
	return out
}

// indexKey renders an instance key as in resource addresses: [0], ["a"].
func indexKey(k any) string {
	switch v := k.(type) {
	case nil:
		return ""
	case json.Number:
		return "[" + v.String() + "]"
	case float64:
		return "[" + strconv.FormatFloat(v, 'f', -1, 64) + "]"
	case string:
		return "[" + strconv.Quote(v) + "]"
	}
	return fmt.Sprintf("[%v]", k)
}

func resourceDrift(prev, now stateFile) []*tfjson.ResourceChange {
	order, before := prev.instances()
	_, after := now.instances()
	var out []*tfjson.ResourceChange
	for _, addr := range order {
		rc := before[addr]
		a, ok := after[addr]
		switch {
		case !ok:
			rc.Change.Actions = tfjson.Actions{tfjson.ActionDelete}
		case reflect.DeepEqual(rc.Change.Before, a.Change.Before):
			continue
		default:
			rc.Change.Actions = tfjson.Actions{tfjson.ActionUpdate}
			rc.Change.After = a.Change.Before
		}
		out = append(out, rc)
	}
	return out
}

// StateResources reads the backend's state with `terraform state pull`,
// which needs no provider (`terraform show -json` starts it to load its
// schema), and returns its resources as show -json lists them: address,
// mode, type, name, index and attribute values, every module's resources
// in the root module (callers that only walk resources need no module
// tree). verify checks applied stacks from it.
func (w *Workspace) StateResources(ctx context.Context) (*tfjson.State, error) {
	raw, err := w.StatePull(ctx)
	if err != nil {
		return nil, err
	}
	var st stateFile
	if len(raw) > 0 {
		if err := decodeState(raw, &st); err != nil {
			return nil, fmt.Errorf("decoding the state of %s: %w", w.opts.Dir, err)
		}
	}
	return &tfjson.State{Values: &tfjson.StateValues{RootModule: &tfjson.StateModule{Resources: st.resources()}}}, nil
}

// Arguments and blocks terraform handles itself; `terraform show -json`
// leaves them (and dynamic blocks) out of a resource's expressions.
var metaArguments = []string{"count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection", "dynamic"}

// configSnapshot rebuilds the module tree of the configuration snapshot: one
// ConfigModule per modules.json entry ("" root, "a.b" module b called by a),
// with each resource block's argument and block names as its expressions.
func configSnapshot(manifest []byte, files map[string]*zip.File, read func(string) ([]byte, error)) (*tfjson.Config, error) {
	var mods []struct{ Key string }
	if err := json.Unmarshal(manifest, &mods); err != nil {
		return nil, fmt.Errorf("decoding modules.json: %w", err)
	}
	byKey := map[string]*tfjson.ConfigModule{}
	keys := make([]string, 0, len(mods))
	for _, m := range mods {
		byKey[m.Key] = &tfjson.ConfigModule{ModuleCalls: map[string]*tfjson.ModuleCall{}}
		keys = append(keys, m.Key)
	}
	root, ok := byKey[""]
	if !ok {
		return nil, fmt.Errorf("modules.json has no root module")
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, key := range keys {
		prefix := "tfconfig/m-" + key + "/"
		for _, n := range names {
			rel, ok := strings.CutPrefix(n, prefix)
			if !ok || strings.Contains(rel, "/") || path.Ext(rel) != ".tf" {
				continue
			}
			src, err := read(n)
			if err != nil {
				return nil, err
			}
			res, err := resourceArguments(src, rel)
			if err != nil {
				return nil, err
			}
			mod := byKey[key]
			for _, r := range res {
				// An override file (*_override.tf) adds to a block of another file.
				i := slices.IndexFunc(mod.Resources, func(o *tfjson.ConfigResource) bool { return o.Address == r.Address })
				if i < 0 {
					mod.Resources = append(mod.Resources, r)
					continue
				}
				for k, v := range r.Expressions {
					mod.Resources[i].Expressions[k] = v
				}
			}
		}
		if key == "" {
			continue
		}
		parent, name := "", key
		if i := strings.LastIndexByte(key, '.'); i >= 0 {
			parent, name = key[:i], key[i+1:]
		}
		pm, ok := byKey[parent]
		if !ok {
			return nil, fmt.Errorf("modules.json lists %q without its parent %q", key, parent)
		}
		pm.ModuleCalls[name] = &tfjson.ModuleCall{Module: byKey[key]}
	}
	return &tfjson.Config{RootModule: root}, nil
}

// resourceArguments lists the resource blocks of one file with the names of
// the arguments and nested blocks each sets.
func resourceArguments(src []byte, filename string) ([]*tfjson.ConfigResource, error) {
	f, diags := hclsyntax.ParseConfig(src, filename, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("parsing %s: %w", filename, diags)
	}
	var out []*tfjson.ConfigResource
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 {
			continue
		}
		r := &tfjson.ConfigResource{Address: b.Labels[0] + "." + b.Labels[1], Mode: tfjson.ManagedResourceMode, Type: b.Labels[0], Name: b.Labels[1], Expressions: map[string]*tfjson.Expression{}}
		for name := range b.Body.Attributes {
			if !slices.Contains(metaArguments, name) {
				r.Expressions[name] = &tfjson.Expression{}
			}
		}
		for _, nb := range b.Body.Blocks {
			if !slices.Contains(metaArguments, nb.Type) {
				r.Expressions[nb.Type] = &tfjson.Expression{}
			}
		}
		out = append(out, r)
	}
	return out, nil
}
