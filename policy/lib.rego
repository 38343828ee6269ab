# Helpers shared by every rule file. The input is
#   {"plan": <terraform show -json of a saved plan>,
#    "context": {"stack", "system", "environment", "backend": {...}}}
# Resources are read from plan.resource_changes (every managed resource
# appears there, unchanged ones with action "no-op"); a value Terraform only
# knows after apply is absent from change.after and true in
# change.after_unknown, and counts as set: rules judge what is known.
package infra.lib

# Indices into plan.resource_changes of the managed resources that exist
# after apply, by type.
idx[t] contains i if {
	some i, rc in input.plan.resource_changes
	rc.mode == "managed"
	rc.change.actions != ["delete"]
	t := rc.type
}

# resources(t) is every resource of type t that exists after apply.
# (Whole indices are bound before lookups: OPA evaluates and caches a
# partial rule once when it is referenced whole, but re-evaluates it for
# every distinct key it is asked for.)
resources(t) := [input.plan.resource_changes[i] | all := idx; some i in all[t]]

after(rc) := object.get(rc.change, "after", {})

# value(rc, path) is the planned value at path (a key or a list of keys), or null.
value(rc, path) := object.get(after(rc), path, null)

# unknown(rc, path) holds when the value at path is known only after apply.
unknown(rc, path) if object.get(object.get(rc.change, "after_unknown", {}), path, false) == true

# is_true(rc, path) holds when the value is true (some arguments are the
# string "true" in provider 5.x) or not yet known.
is_true(rc, path) if value(rc, path) == true

is_true(rc, path) if value(rc, path) == "true"

is_true(rc, path) if unknown(rc, path)

# set(rc, path) holds when the value is neither null, "" nor empty, or is unknown.
set(rc, path) if {
	v := value(rc, path)
	not empty(v)
}

set(rc, path) if unknown(rc, path)

empty(null)

empty("")

empty(v) if {
	not is_number(v)
	not is_boolean(v)
	count(v) == 0
}

# block_unknown(rc, name, attr) holds when attr of the first nested block
# name is known only after apply.
block_unknown(rc, name, attr) if {
	u := object.get(object.get(rc.change, "after_unknown", {}), name, false)
	is_array(u)
	u[0][attr] == true
}

block_unknown(rc, name, _) if unknown(rc, name)

# block(rc, name) is the first element of a nested block list, or {}.
block(rc, name) := b if {
	bs := value(rc, name)
	is_array(bs)
	count(bs) > 0
	b := bs[0]
} else := {}

environment := object.get(object.get(input, "context", {}), "environment", "")

production if environment == "production"

# finding builds one finding; main adds severity, title and remediation.
finding(id, rc, attribute, message) := {
	"id": id,
	"address": rc.address,
	"attribute": attribute,
	"message": message,
}

################################################################################
# Configuration: what the resource's block says (references between blocks)
################################################################################

# module_path("module.a[0].module.b") is ["module_calls", "a", "module", "module_calls", "b", "module"].
module_path(addr) := [] if addr == ""

module_path(addr) := path if {
	addr != ""
	names := [m[1] | some m in regex.find_all_string_submatch_n(`module\.([A-Za-z0-9_-]+)(?:\[(?:"[^"]*"|[0-9]+)\])?`, addr, -1)]
	path := [p | some n in names; some p in ["module_calls", n, "module"]]
}

# Indices computed once per evaluation, so that joins between resources
# cost a lookup, not a scan (a 1,000-resource plan stays fast).

# joins are the arguments, by resource type, that tie a resource to another
# one (what the rules join on).
joins := {
	"aws_s3_bucket": ["bucket"],
	"aws_s3_bucket_server_side_encryption_configuration": ["bucket"],
	"aws_s3_bucket_public_access_block": ["bucket"],
	"aws_s3_bucket_versioning": ["bucket"],
	"aws_s3_bucket_ownership_controls": ["bucket"],
	"aws_s3_bucket_policy": ["bucket"],
	"aws_vpc": ["id"],
	"aws_default_security_group": ["vpc_id"],
	"aws_flow_log": ["vpc_id"],
	"aws_security_group": ["id"],
	"aws_security_group_rule": ["security_group_id"],
	"aws_vpc_security_group_ingress_rule": ["security_group_id"],
	"aws_lb": ["security_groups"],
	"aws_alb": ["security_groups"],
	"aws_appautoscaling_target": ["resource_id"],
	"aws_appautoscaling_policy": ["resource_id"],
}

values_of(v) := [v] if is_string(v)

values_of(v) := [x | some x in v; is_string(x)] if is_array(v)

# value_index[t][attr][v]: resources of type t whose attr is (or lists) v.
value_index[t][attr][v] contains i if {
	some t, attrs in joins
	all := idx
	some i in object.get(all, t, [])
	after := object.get(input.plan.resource_changes[i].change, "after", {})
	some attr in attrs
	some v in values_of(object.get(after, attr, null))
}

root_module := object.get(object.get(input.plan, "configuration", {}), "root_module", {})

module_addresses contains object.get(rc, "module_address", "") if some rc in input.plan.resource_changes

# module_config[ma] is the configuration of the module at module address ma.
module_config[ma] := object.get(root_module, module_path(ma), {}) if some ma in module_addresses

# config_blocks[ma][block] is the managed resource block "type.name" of module ma.
config_blocks[ma][c.address] := c if {
	some ma, m in module_config
	some c in object.get(m, "resources", [])
	c.mode == "managed"
}

# blocks is config_blocks, whole.
blocks := config_blocks

# config(rc) is the resource's block in plan.configuration, or {}.
config(rc) := object.get(blocks, [object.get(rc, "module_address", ""), sprintf("%s.%s", [rc.type, rc.name])], {})

# references(rc, attr) are the addresses an argument of the block refers to.
references(rc, attr) := object.get(config(rc), ["expressions", attr, "references"], [])

# ref_index[t][attr][ma][ref]: resources of type t in module ma whose
# argument attr refers to ref (e.g. "aws_s3_bucket.this").
ref_index[t][attr][ma][ref] contains i if {
	some t, attrs in joins
	all := idx
	some i in object.get(all, t, [])
	rc := input.plan.resource_changes[i]
	ma := object.get(rc, "module_address", "")
	some attr in attrs
	some ref in references(rc, attr)
}

# Types other resources point at by reference (see referenced).
referenced_types := {"aws_security_group", "aws_appautoscaling_target"}

# by_block[ma][block]: the instances of resource block "type.name" of module
# ma, for the referenced types.
by_block[ma][block] contains i if {
	some t in referenced_types
	all := idx
	some i in object.get(all, t, [])
	rc := input.plan.resource_changes[i]
	ma := object.get(rc, "module_address", "")
	block := sprintf("%s.%s", [rc.type, rc.name])
}

# linked(target, t, attr, tattr) are the indices of resources of type t
# whose argument attr refers to target (same module) or whose planned value
# equals target's value of tattr (a hard-coded name, or an earlier apply).
linked(target, t, attr, tattr) := {i |
	vi := value_index
	some v in values_of(object.get(after(target), tattr, null))
	some i in object.get(vi, [t, attr, v], [])
} | {i |
	ri := ref_index
	some i in object.get(ri, [t, attr, object.get(target, "module_address", ""), sprintf("%s.%s", [target.type, target.name])], [])
}

# attached(target, t, attr, tattr) are the resources of type t whose
# argument attr refers to target (e.g. a bucket's encryption configuration:
# t = "aws_s3_bucket_server_side_encryption_configuration", attr = tattr = "bucket").
attached(target, t, attr, tattr) := [input.plan.resource_changes[i] | some i in linked(target, t, attr, tattr)]

# referenced(rc, attr, t) are the resources of type t that argument attr of
# rc refers to or names by value (tattr of theirs).
referenced(rc, attr, t, tattr) := [input.plan.resource_changes[i] | some i in referenced_idx(rc, attr, t, tattr)]

referenced_idx(rc, attr, t, tattr) := {i |
	bb := by_block
	some r in references(rc, attr)
	some i in object.get(bb, [object.get(rc, "module_address", ""), r], [])
	input.plan.resource_changes[i].type == t
} | {i |
	vi := value_index
	some v in values_of(object.get(after(rc), attr, null))
	some i in object.get(vi, [t, tattr, v], [])
}

# container_definitions(rc) are a task definition's containers, once known.
container_definitions(rc) := cs if {
	doc := value(rc, "container_definitions")
	is_string(doc)
	cs := json.unmarshal(doc)
} else := []

################################################################################
# Policy documents
################################################################################

# statements(doc) are the statements of a JSON policy document string, as a list.
statements(doc) := s if {
	is_string(doc)
	d := json.unmarshal(doc)
	s := as_list(object.get(d, "Statement", []))
} else := []

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

allows(st) if object.get(st, "Effect", "") == "Allow"

actions(st) := {a | some a in as_list(object.get(st, "Action", []))}

policy_resources(st) := {r | some r in as_list(object.get(st, "Resource", []))}
