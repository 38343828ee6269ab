package infra.rules.architecture

import data.infra.testing as t

cluster := t.rc("aws_ecs_cluster", "c", {"name": "dev"})

test_arch_001_fails if {
	"INFRA-ARCH-001" in t.ids(deny) with input as t.dev([cluster])
}

test_arch_001_passes if {
	not "INFRA-ARCH-001" in t.ids(deny) with input as t.dev([cluster, t.rc("aws_elasticache_replication_group", "r", {})])
}

test_arch_002_fails if {
	"INFRA-ARCH-002" in t.ids(deny) with input as object.union(t.dev([cluster]), {"context": {"system": "hms"}})
}

test_arch_002_passes if {
	not "INFRA-ARCH-002" in t.ids(deny) with input as object.union(t.dev([cluster, t.rc("aws_cloudfront_distribution", "d", {})]), {"context": {"system": "hms"}})
}

service := t.rc("aws_ecs_service", "s", {"name": "dev-api"})

test_arch_003_fails if {
	"INFRA-ARCH-003" in t.ids(deny) with input as t.dev([service, t.rc("aws_appautoscaling_target", "t", {"resource_id": "service/dev/dev-api"})])
}

test_arch_003_passes if {
	not "INFRA-ARCH-003" in t.ids(deny) with input as t.dev([
		service,
		t.rc("aws_appautoscaling_target", "t", {"resource_id": "service/dev/dev-api"}),
		t.rc("aws_appautoscaling_policy", "p", {"resource_id": "service/dev/dev-api"}),
	])
}
