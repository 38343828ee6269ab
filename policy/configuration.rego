# Configuration: what the root declares rather than what AWS will hold.
# Task Manager design, DO 1-4, 7, 10 and DON'T 1, 3; HMS design, Code
# Organization 1, 3, 4.
package infra.rules.configuration

import data.infra.lib

rules := {
	"INFRA-CFG-001": {
		"severity": "MEDIUM",
		"title": "Every provider is pinned to a version range",
		"remediation": "Declare required_providers { aws = { source = \"hashicorp/aws\", version = \"~> 5.100\" } } in the root's versions.tf.",
	},
	"INFRA-CFG-002": {
		"severity": "HIGH",
		"title": "No secret is passed as a root variable (tfvars, -var, TF_VAR_)",
		"remediation": "Keep secrets in Secrets Manager: manage_master_user_password for RDS, generated secrets in modules/secrets; remove the variable.",
	},
	"INFRA-CFG-003": {
		"severity": "HIGH",
		"title": "State is stored remotely in S3, encrypted, with locking",
		"remediation": "Commit a backend \"s3\" block with encrypt = true, kms_key_id and use_lockfile = true (or dynamodb_table) in backend.tf.",
	},
	"INFRA-CFG-004": {
		"severity": "LOW",
		"title": "No account ID is hard-coded in an ARN: use data sources",
		"remediation": "Build the ARN from data.aws_caller_identity / data.aws_partition / data.aws_region, or pass it in as a variable.",
	},
	"INFRA-CFG-005": {
		"severity": "LOW",
		"title": "Environment roots declare resources only through modules",
		"remediation": "Move the resource into a module of infrastructure/terraform/modules and call it from the composition.",
	},
	"INFRA-CFG-006": {
		"severity": "LOW",
		"title": "Every root output is documented",
		"remediation": "Give the output a description.",
	},
}

configuration := object.get(input.plan, "configuration", {})

deny contains {"id": "INFRA-CFG-001", "address": sprintf("provider[%q]", [key]), "attribute": "version_constraint", "message": sprintf("provider %s has no version constraint", [p.full_name])} if {
	some key, p in object.get(configuration, "provider_config", {})
	not p.module_address
	object.get(p, "version_constraint", "") == ""
}

secret_name := `(?i)(password|passwd|secret|token|api_?key|private_?key|credential)`

deny contains {"id": "INFRA-CFG-002", "address": sprintf("var.%s", [name]), "attribute": "value", "message": sprintf("variable %s carries a secret value", [name])} if {
	some name, v in object.get(input.plan, "variables", {})
	regex.match(secret_name, name)
	not regex.match(`(?i)(_arn|_id|_name|_version|_path|_length)$`, name)
	value := object.get(v, "value", null)
	is_string(value)
	value != ""
}

backend := object.get(object.get(input, "context", {}), "backend", {})

backend_problems contains "state is not in an S3 backend" if object.get(backend, "type", "") != "s3"

backend_problems contains "encrypt is not true" if object.get(backend, "encrypt", false) != true

backend_problems contains "no locking (use_lockfile or dynamodb_table)" if {
	object.get(backend, "use_lockfile", false) != true
	object.get(backend, "dynamodb_table", "") == ""
}

deny contains {"id": "INFRA-CFG-003", "address": "terraform.backend", "attribute": "backend", "message": problem} if {
	some problem in backend_problems
}

# resource_address(path) names the configuration block a walk path is in.
resource_address(path) := concat(".", array.concat(
	[sprintf("module.%s", [path[i + 1]]) | some i, p in path; p == "module_calls"],
	[object.get(configuration, array.slice(path, 0, j + 2), {}).address | some j, p in path; p == "resources"],
))

deny contains {"id": "INFRA-CFG-004", "address": resource_address(path), "attribute": path[k + 2], "message": sprintf("ARN with hard-coded account %s", [account])} if {
	walk(configuration, [path, value])
	path[count(path) - 1] == "constant_value"
	is_string(value)
	m := regex.find_all_string_submatch_n(`arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:([0-9]{12}):`, value, 1)
	count(m) > 0
	account := m[0][1]
	some k, p in path
	p == "expressions"
}

# Environment stacks of the two systems (their global stacks are single-purpose roots).
application_stack if {
	object.get(object.get(input, "context", {}), "system", "") in {"taskmanager", "hms"}
	lib.environment != "global"
}

deny contains {"id": "INFRA-CFG-005", "address": r.address, "attribute": "resource", "message": "declared in the environment root, not in a module"} if {
	application_stack
	some r in object.get(object.get(configuration, "root_module", {}), "resources", [])
	r.mode == "managed"
}

deny contains {"id": "INFRA-CFG-006", "address": sprintf("output.%s", [name]), "attribute": "description", "message": sprintf("output %s has no description", [name])} if {
	some name, o in object.get(object.get(configuration, "root_module", {}), "outputs", {})
	object.get(o, "description", "") == ""
}
