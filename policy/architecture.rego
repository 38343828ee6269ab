# Architecture: HMS design, Performance 2 "Caching: Implement Redis", 3 "CDN:
# Use CloudFront for static asset delivery", 4 "Auto Scaling".
package infra.rules.architecture

import data.infra.lib

rules := {
	"INFRA-ARCH-001": {
		"severity": "LOW",
		"title": "Stacks that run services cache in Redis",
		"remediation": "Add modules/cache to the composition.",
	},
	"INFRA-ARCH-002": {
		"severity": "LOW",
		"title": "HMS stacks serve static assets through CloudFront",
		"remediation": "Add modules/cdn in front of the static bucket and the load balancer.",
	},
	"INFRA-ARCH-003": {
		"severity": "MEDIUM",
		"title": "Every ECS service scales automatically",
		"remediation": "Give the service an aws_appautoscaling_target and a target-tracking policy (modules/ecs does).",
	},
}

system := object.get(object.get(input, "context", {}), "system", "")

deny contains lib.finding("INFRA-ARCH-001", rc, "name", "the stack runs services without a Redis cache") if {
	some rc in lib.resources("aws_ecs_cluster")
	count(lib.resources("aws_elasticache_replication_group")) == 0
}

deny contains lib.finding("INFRA-ARCH-002", rc, "name", "the HMS stack has no CloudFront distribution") if {
	system == "hms"
	some rc in lib.resources("aws_ecs_cluster")
	count(lib.resources("aws_cloudfront_distribution")) == 0
}

deny contains lib.finding("INFRA-ARCH-003", rc, "name", sprintf("service %s has no scaling policy", [name])) if {
	some rc in lib.resources("aws_ecs_service")
	name := lib.value(rc, "name")
	is_string(name)
	not scaled(name)
}

scaled(name) if {
	some t in lib.resources("aws_appautoscaling_target")
	target_of(t, name)
	some p in lib.resources("aws_appautoscaling_policy")
	same_target(p, t)
}

target_of(t, _) if lib.unknown(t, "resource_id")

target_of(t, name) if endswith(lib.value(t, "resource_id"), concat("/", ["", name]))

same_target(p, _) if lib.unknown(p, "resource_id")

same_target(p, t) if lib.value(p, "resource_id") == lib.value(t, "resource_id")

same_target(p, t) if t in lib.referenced(p, "resource_id", "aws_appautoscaling_target", "resource_id")
