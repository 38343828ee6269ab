# Encryption at rest: Task Manager design, DO 5 "Encrypt everything (state,
# secrets, snapshots)"; HMS design, Security 2 "Encrypt data at rest".
package infra.rules.encryption

import data.infra.lib

rules := {
	"INFRA-ENC-001": {
		"severity": "HIGH",
		"title": "RDS storage is encrypted (and with it its snapshots and replicas)",
		"remediation": "Set storage_encrypted = true and kms_key_id to the environment's key (the database module does).",
	},
	"INFRA-ENC-002": {
		"severity": "HIGH",
		"title": "ElastiCache is encrypted at rest",
		"remediation": "Set at_rest_encryption_enabled = true and kms_key_id (the cache module does).",
	},
	"INFRA-ENC-003": {
		"severity": "HIGH",
		"title": "Every S3 bucket has a default server-side encryption configuration",
		"remediation": "Create buckets with modules/s3-bucket, or add aws_s3_bucket_server_side_encryption_configuration for the bucket.",
	},
	"INFRA-ENC-004": {
		"severity": "MEDIUM",
		"title": "Secrets Manager secrets are encrypted with a customer-managed KMS key",
		"remediation": "Set kms_key_id to the environment's key (the secrets module does).",
	},
	"INFRA-ENC-005": {
		"severity": "MEDIUM",
		"title": "SNS topics are encrypted",
		"remediation": "Set kms_master_key_id to the environment's key (the monitoring module does).",
	},
	"INFRA-ENC-006": {
		"severity": "HIGH",
		"title": "KMS keys rotate their key material",
		"remediation": "Set enable_key_rotation = true (the kms module does).",
	},
	"INFRA-ENC-007": {
		"severity": "MEDIUM",
		"title": "ECR repositories are encrypted with KMS",
		"remediation": "Set encryption_configuration { encryption_type = \"KMS\", kms_key = … }.",
	},
}

deny contains lib.finding("INFRA-ENC-001", rc, "storage_encrypted", "RDS storage is not encrypted") if {
	some rc in lib.resources("aws_db_instance")
	not lib.is_true(rc, "storage_encrypted")
}

deny contains lib.finding("INFRA-ENC-002", rc, "at_rest_encryption_enabled", "ElastiCache is not encrypted at rest") if {
	some rc in lib.resources("aws_elasticache_replication_group")
	not lib.is_true(rc, "at_rest_encryption_enabled")
}

deny contains lib.finding("INFRA-ENC-003", rc, "server_side_encryption_configuration", "bucket has no default encryption configuration") if {
	some rc in lib.resources("aws_s3_bucket")
	count(lib.attached(rc, "aws_s3_bucket_server_side_encryption_configuration", "bucket", "bucket")) == 0
}

deny contains lib.finding("INFRA-ENC-004", rc, "kms_key_id", "secret is encrypted with the AWS-managed key, not the environment's key") if {
	some rc in lib.resources("aws_secretsmanager_secret")
	not lib.set(rc, "kms_key_id")
}

deny contains lib.finding("INFRA-ENC-005", rc, "kms_master_key_id", "SNS topic is not encrypted") if {
	some rc in lib.resources("aws_sns_topic")
	not lib.set(rc, "kms_master_key_id")
}

deny contains lib.finding("INFRA-ENC-006", rc, "enable_key_rotation", "KMS key rotation is off") if {
	some rc in lib.resources("aws_kms_key")
	not lib.is_true(rc, "enable_key_rotation")
}

deny contains lib.finding("INFRA-ENC-007", rc, "encryption_configuration.encryption_type", sprintf("ECR repository encryption is %q, not KMS", [object.get(lib.block(rc, "encryption_configuration"), "encryption_type", "AES256")])) if {
	some rc in lib.resources("aws_ecr_repository")
	object.get(lib.block(rc, "encryption_configuration"), "encryption_type", "AES256") != "KMS"
}
