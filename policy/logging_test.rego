package infra.rules.logging

import data.infra.testing as t

test_log_001_fails if {
	"INFRA-LOG-001" in t.ids(deny) with input as t.dev([t.rc("aws_cloudwatch_log_group", "l", {"kms_key_id": null, "retention_in_days": 7})])
}

test_log_001_passes if {
	not "INFRA-LOG-001" in t.ids(deny) with input as t.dev([t.unknown_rc("aws_cloudwatch_log_group", "l", {"retention_in_days": 7}, ["kms_key_id"])])
}

test_log_002_fails if {
	"INFRA-LOG-002" in t.ids(deny) with input as t.dev([t.rc("aws_cloudwatch_log_group", "l", {"retention_in_days": 0})])
}

test_log_002_passes if {
	not "INFRA-LOG-002" in t.ids(deny) with input as t.dev([t.rc("aws_cloudwatch_log_group", "l", {"retention_in_days": 30})])
}

test_log_003_fails if {
	"INFRA-LOG-003" in t.ids(deny) with input as t.dev([t.rc("aws_vpc", "v", {"id": "vpc-1"})])
}

test_log_003_passes if {
	not "INFRA-LOG-003" in t.ids(deny) with input as t.dev([t.rc("aws_vpc", "v", {"id": "vpc-1"}), t.rc("aws_flow_log", "f", {"vpc_id": "vpc-1"})])
}

test_log_004_fails if {
	"INFRA-LOG-004" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"enabled_cloudwatch_logs_exports": []})])
}

test_log_004_passes if {
	not "INFRA-LOG-004" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"enabled_cloudwatch_logs_exports": ["postgresql"]})])
}

test_log_005_fails if {
	"INFRA-LOG-005" in t.ids(deny) with input as t.dev([t.rc("aws_lb", "lb", {"load_balancer_type": "application", "access_logs": []})])
}

test_log_005_passes if {
	not "INFRA-LOG-005" in t.ids(deny) with input as t.dev([t.rc("aws_lb", "lb", {"load_balancer_type": "application", "access_logs": [{"enabled": true, "bucket": "logs"}]})])
}

test_log_006_fails if {
	"INFRA-LOG-006" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_task_definition", "td", {"container_definitions": t.container({"logConfiguration": null})})])
}

test_log_006_passes if {
	not "INFRA-LOG-006" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_task_definition", "td", {"container_definitions": t.container({})})])
}

test_log_007_fails if {
	"INFRA-LOG-007" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_cluster", "c", {"setting": [{"name": "containerInsights", "value": "disabled"}]})])
}

test_log_007_passes if {
	not "INFRA-LOG-007" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_cluster", "c", {"setting": [{"name": "containerInsights", "value": "enabled"}]})])
}
