# Tagging: Task Manager design, DO 6 "Tag all resources consistently".
package infra.rules.tagging

import data.infra.lib

rules := {
	"INFRA-TAG-001": {
		"severity": "MEDIUM",
		"title": "Every taggable resource carries the Project, Environment and ManagedBy tags",
		"remediation": "Set the tags in the provider's default_tags (roots) or merge var.common_tags into the resource's tags.",
	},
	"INFRA-TAG-002": {
		"severity": "LOW",
		"title": "The Environment tag names the stack's environment",
		"remediation": "Pass the stack's environment into common_tags; one environment per root.",
	},
}

required := ["Project", "Environment", "ManagedBy"]

# tags_all is the provider's default_tags merged with the resource's tags;
# resources without it are not taggable.
# tagged is every taggable resource with its known tags.
tagged contains [i, tags] if {
	some i, rc in input.plan.resource_changes
	rc.mode == "managed"
	tags := rc.change.after.tags_all
	is_object(tags)
	rc.change.actions != ["delete"]
}

deny contains lib.finding("INFRA-TAG-001", input.plan.resource_changes[i], "tags_all", sprintf("missing tag %s", [key])) if {
	some [i, tags] in tagged
	some key in required
	not tags[key]
}

deny contains lib.finding("INFRA-TAG-002", input.plan.resource_changes[i], "tags_all.Environment", sprintf("Environment tag is %q, the stack's environment is %q", [tag, lib.environment])) if {
	lib.environment != ""
	some [i, tags] in tagged
	tag := object.get(tags, "Environment", "")
	tag != ""
	tag != lib.environment
}
