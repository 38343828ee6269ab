package infra.rules.monitoring

import data.infra.testing as t

alarm(dimensions) := t.rc("aws_cloudwatch_metric_alarm", sprintf("a%d", [count(dimensions)]), {"dimensions": dimensions, "alarm_actions": ["arn:aws:sns:us-east-1:111122223333:alarms"]})

test_mon_001_fails if {
	"INFRA-MON-001" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"identifier": "dev-db"}), alarm({"DBInstanceIdentifier": "other"})])
}

test_mon_001_passes if {
	not "INFRA-MON-001" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"identifier": "dev-db"}), alarm({"DBInstanceIdentifier": "dev-db"})])
}

test_mon_002_fails if {
	"INFRA-MON-002" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_service", "s", {"name": "dev-api"})])
}

test_mon_002_passes if {
	not "INFRA-MON-002" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_service", "s", {"name": "dev-api"}), alarm({"ClusterName": "dev", "ServiceName": "dev-api"})])
}

test_mon_003_fails if {
	"INFRA-MON-003" in t.ids(deny) with input as t.dev([t.rc("aws_elasticache_replication_group", "r", {"replication_group_id": "dev-redis"})])
}

test_mon_003_passes if {
	not "INFRA-MON-003" in t.ids(deny) with input as t.dev([t.rc("aws_elasticache_replication_group", "r", {"replication_group_id": "dev-redis"}), alarm({"CacheClusterId": "dev-redis-001"})])
}

test_mon_004_fails if {
	"INFRA-MON-004" in t.ids(deny) with input as t.dev([t.rc("aws_cloudwatch_metric_alarm", "a", {"dimensions": {}, "alarm_actions": []})])
}

test_mon_004_passes if {
	not "INFRA-MON-004" in t.ids(deny) with input as t.dev([alarm({})])
}

test_mon_005_fails if {
	"INFRA-MON-005" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_cluster", "c", {"name": "dev"})])
}

test_mon_005_passes if {
	not "INFRA-MON-005" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_cluster", "c", {"name": "dev"}), t.rc("aws_cloudwatch_dashboard", "d", {"dashboard_name": "dev"})])
}
