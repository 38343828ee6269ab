package infra.rules.encryption

import data.infra.testing as t

test_enc_001_fails if {
	"INFRA-ENC-001" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"storage_encrypted": false})])
}

test_enc_001_passes if {
	not "INFRA-ENC-001" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"storage_encrypted": true})])
}

test_enc_002_fails if {
	"INFRA-ENC-002" in t.ids(deny) with input as t.dev([t.rc("aws_elasticache_replication_group", "r", {"at_rest_encryption_enabled": "false"})])
}

test_enc_002_passes if {
	not "INFRA-ENC-002" in t.ids(deny) with input as t.dev([t.rc("aws_elasticache_replication_group", "r", {"at_rest_encryption_enabled": "true"})])
}

test_enc_003_fails if {
	"INFRA-ENC-003" in t.ids(deny) with input as t.dev([
		t.rc("aws_s3_bucket", "b", {"bucket": "b"}),
		t.rc("aws_s3_bucket_server_side_encryption_configuration", "other", {"bucket": "other"}),
	])
}

# The configuration's reference decides while the bucket name is unknown.
test_enc_003_passes if {
	sse := object.union(t.unknown_rc("aws_s3_bucket_server_side_encryption_configuration", "this", {}, ["bucket"]), {"module_address": "module.m"})
	bucket := object.union(t.rc("aws_s3_bucket", "this", {}), {"module_address": "module.m"})
	doc := t.dev([bucket, sse])
	cfg := {"root_module": {"module_calls": {"m": {"module": {"resources": [{
		"address": "aws_s3_bucket_server_side_encryption_configuration.this", "mode": "managed",
		"expressions": {"bucket": {"references": ["aws_s3_bucket.this.id", "aws_s3_bucket.this"]}},
	}]}}}}}
	not "INFRA-ENC-003" in t.ids(deny) with input as object.union(doc, {"plan": object.union(doc.plan, {"configuration": cfg})})
}

test_enc_004_fails if {
	"INFRA-ENC-004" in t.ids(deny) with input as t.dev([t.rc("aws_secretsmanager_secret", "s", {"kms_key_id": null})])
}

test_enc_004_passes if {
	not "INFRA-ENC-004" in t.ids(deny) with input as t.dev([t.unknown_rc("aws_secretsmanager_secret", "s", {}, ["kms_key_id"])])
}

test_enc_005_fails if {
	"INFRA-ENC-005" in t.ids(deny) with input as t.dev([t.rc("aws_sns_topic", "s", {"kms_master_key_id": ""})])
}

test_enc_005_passes if {
	not "INFRA-ENC-005" in t.ids(deny) with input as t.dev([t.rc("aws_sns_topic", "s", {"kms_master_key_id": "arn:aws:kms:us-east-1:111122223333:key/x"})])
}

test_enc_006_fails if {
	"INFRA-ENC-006" in t.ids(deny) with input as t.dev([t.rc("aws_kms_key", "k", {"enable_key_rotation": false})])
}

test_enc_006_passes if {
	not "INFRA-ENC-006" in t.ids(deny) with input as t.dev([t.rc("aws_kms_key", "k", {"enable_key_rotation": true})])
}

test_enc_007_fails if {
	"INFRA-ENC-007" in t.ids(deny) with input as t.dev([t.rc("aws_ecr_repository", "r", {"encryption_configuration": [{"encryption_type": "AES256"}]})])
}

test_enc_007_passes if {
	not "INFRA-ENC-007" in t.ids(deny) with input as t.dev([t.rc("aws_ecr_repository", "r", {"encryption_configuration": [{"encryption_type": "KMS"}]})])
}
