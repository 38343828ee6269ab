package infra.rules.data_protection

import data.infra.testing as t

bucket := t.rc("aws_s3_bucket", "b", {"bucket": "b"})

test_data_001_fails if {
	"INFRA-DATA-001" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"backup_retention_period": 0})])
}

test_data_001_passes if {
	not "INFRA-DATA-001" in t.ids(deny) with input as t.dev([
		t.rc("aws_db_instance", "db", {"backup_retention_period": 1}),
		t.rc("aws_db_instance", "replica", {"backup_retention_period": 0, "replicate_source_db": "db"}),
	])
}

test_data_002_fails if {
	pab := t.rc("aws_s3_bucket_public_access_block", "p", {"bucket": "b", "block_public_acls": true, "block_public_policy": false, "ignore_public_acls": true, "restrict_public_buckets": true})
	"INFRA-DATA-002" in t.ids(deny) with input as t.dev([bucket, pab])
}

test_data_002_passes if {
	pab := t.rc("aws_s3_bucket_public_access_block", "p", {"bucket": "b", "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true})
	not "INFRA-DATA-002" in t.ids(deny) with input as t.dev([bucket, pab])
}

test_data_003_fails if {
	v := t.rc("aws_s3_bucket_versioning", "v", {"bucket": "b", "versioning_configuration": [{"status": "Suspended"}]})
	"INFRA-DATA-003" in t.ids(deny) with input as t.dev([bucket, v])
}

test_data_003_passes if {
	v := t.rc("aws_s3_bucket_versioning", "v", {"bucket": "b", "versioning_configuration": [{"status": "Enabled"}]})
	not "INFRA-DATA-003" in t.ids(deny) with input as t.dev([bucket, v])
}

test_data_004_fails if {
	"INFRA-DATA-004" in t.ids(deny) with input as t.dev([bucket])
}

test_data_004_passes if {
	o := t.rc("aws_s3_bucket_ownership_controls", "o", {"bucket": "b", "rule": [{"object_ownership": "BucketOwnerEnforced"}]})
	not "INFRA-DATA-004" in t.ids(deny) with input as t.dev([bucket, o])
}

test_data_005_fails if {
	"INFRA-DATA-005" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"manage_master_user_password": null, "password": "hunter2"})])
}

test_data_005_fails_without_any if {
	"INFRA-DATA-005" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"manage_master_user_password": null, "password_wo_version": null})])
}

test_data_005_passes if {
	not "INFRA-DATA-005" in t.ids(deny) with input as t.dev([
		t.rc("aws_db_instance", "managed", {"manage_master_user_password": true}),
		t.rc("aws_db_instance", "write_only", {"manage_master_user_password": null, "password": null, "password_wo": null, "password_wo_version": 1}),
	])
}

test_data_006_fails if {
	"INFRA-DATA-006" in t.ids(deny) with input as t.dev([t.rc("aws_elasticache_replication_group", "r", {"user_group_ids": [], "auth_token": null})])
}

test_data_006_passes if {
	not "INFRA-DATA-006" in t.ids(deny) with input as t.dev([t.rc("aws_elasticache_replication_group", "r", {"user_group_ids": ["g"]})])
}
