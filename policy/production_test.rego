package infra.rules.production

import data.infra.testing as t

db(extra) := t.rc("aws_db_instance", "db", object.union({"deletion_protection": true, "skip_final_snapshot": false, "backup_retention_period": 30}, extra))

test_prod_001_fails if {
	"INFRA-PROD-001" in t.ids(deny) with input as t.prod([db({"deletion_protection": false})])
}

test_prod_001_passes if {
	not "INFRA-PROD-001" in t.ids(deny) with input as t.dev([db({"deletion_protection": false})])
}

test_prod_002_fails if {
	"INFRA-PROD-002" in t.ids(deny) with input as t.prod([db({"skip_final_snapshot": true})])
}

test_prod_002_passes if {
	not "INFRA-PROD-002" in t.ids(deny) with input as t.prod([db({}), db({"skip_final_snapshot": true, "replicate_source_db": "db"})])
}

test_prod_003_fails if {
	"INFRA-PROD-003" in t.ids(deny) with input as t.prod([t.rc("aws_lb", "lb", {"enable_deletion_protection": false})])
}

test_prod_003_passes if {
	not "INFRA-PROD-003" in t.ids(deny) with input as t.prod([t.rc("aws_lb", "lb", {"enable_deletion_protection": true})])
}

test_prod_004_fails if {
	"INFRA-PROD-004" in t.ids(deny) with input as t.prod([db({"backup_retention_period": 3})])
}

test_prod_004_passes if {
	not "INFRA-PROD-004" in t.ids(deny) with input as t.prod([db({"backup_retention_period": 7})])
}

test_prod_005_fails if {
	"INFRA-PROD-005" in t.ids(deny) with input as t.prod([t.rc("aws_s3_bucket", "b", {"force_destroy": true})])
}

test_prod_005_passes if {
	not "INFRA-PROD-005" in t.ids(deny) with input as t.prod([t.rc("aws_route53_zone", "z", {"force_destroy": false})])
}

test_prod_006_fails if {
	"INFRA-PROD-006" in t.ids(deny) with input as t.prod([t.rc("aws_secretsmanager_secret", "s", {"recovery_window_in_days": 0})])
}

test_prod_006_passes if {
	not "INFRA-PROD-006" in t.ids(deny) with input as t.prod([t.rc("aws_secretsmanager_secret", "s", {"recovery_window_in_days": 30})])
}

test_prod_007_fails if {
	"INFRA-PROD-007" in t.ids(deny) with input as t.prod([t.rc("aws_elasticache_replication_group", "r", {"snapshot_retention_limit": 0})])
}

test_prod_007_passes if {
	not "INFRA-PROD-007" in t.ids(deny) with input as t.prod([t.rc("aws_elasticache_replication_group", "r", {"snapshot_retention_limit": 7})])
}
