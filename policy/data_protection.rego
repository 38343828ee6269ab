# Data protection: backups, public access, versioning and credentials of the
# stores that hold data. Task Manager design, DON'T 1 "Don't store secrets in
# .tfvars files (use Secrets Manager)"; HMS design, Security 4 "Access Control".
package infra.rules.data_protection

import data.infra.lib

rules := {
	"INFRA-DATA-001": {
		"severity": "HIGH",
		"title": "RDS instances keep automated backups",
		"remediation": "Set backup_retention_period to at least 1 day (production: 7).",
	},
	"INFRA-DATA-002": {
		"severity": "HIGH",
		"title": "Every S3 bucket blocks public access (all four settings)",
		"remediation": "Add aws_s3_bucket_public_access_block with the four settings true (modules/s3-bucket does).",
	},
	"INFRA-DATA-003": {
		"severity": "MEDIUM",
		"title": "Every S3 bucket is versioned",
		"remediation": "Add aws_s3_bucket_versioning with status Enabled (modules/s3-bucket: versioning_enabled = true).",
	},
	"INFRA-DATA-004": {
		"severity": "MEDIUM",
		"title": "S3 object ACLs are disabled (BucketOwnerEnforced)",
		"remediation": "Add aws_s3_bucket_ownership_controls with object_ownership = BucketOwnerEnforced.",
	},
	"INFRA-DATA-005": {
		"severity": "HIGH",
		"title": "RDS master passwords never reach plan or state (RDS-managed, or write-only from Secrets Manager)",
		"remediation": "Set manage_master_user_password = true, or pass password_wo (read ephemerally from Secrets Manager) with password_wo_version; never password.",
	},
	"INFRA-DATA-006": {
		"severity": "HIGH",
		"title": "ElastiCache requires authentication (RBAC user group or AUTH token)",
		"remediation": "Attach a user group whose default user is off (the cache module authenticates with IAM).",
	},
}

replica(rc) if lib.set(rc, "replicate_source_db")

deny contains lib.finding("INFRA-DATA-001", rc, "backup_retention_period", sprintf("automated backups are off (retention %v)", [lib.value(rc, "backup_retention_period")])) if {
	some rc in lib.resources("aws_db_instance")
	not replica(rc)
	not lib.unknown(rc, "backup_retention_period")
	object.get(lib.after(rc), "backup_retention_period", 0) < 1
}

pab := ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]

deny contains lib.finding("INFRA-DATA-002", rc, "public_access_block", "bucket has no public access block") if {
	some rc in lib.resources("aws_s3_bucket")
	count(lib.attached(rc, "aws_s3_bucket_public_access_block", "bucket", "bucket")) == 0
}

deny contains lib.finding("INFRA-DATA-002", b, s, sprintf("%s is not true", [s])) if {
	some b in lib.resources("aws_s3_bucket_public_access_block")
	some s in pab
	not lib.is_true(b, s)
}

deny contains lib.finding("INFRA-DATA-003", rc, "versioning", "bucket is not versioned") if {
	some rc in lib.resources("aws_s3_bucket")
	not versioned(rc)
}

versioned(rc) if {
	some v in lib.attached(rc, "aws_s3_bucket_versioning", "bucket", "bucket")
	object.get(lib.block(v, "versioning_configuration"), "status", "") == "Enabled"
}

deny contains lib.finding("INFRA-DATA-004", rc, "object_ownership", "bucket accepts object ACLs") if {
	some rc in lib.resources("aws_s3_bucket")
	not acls_disabled(rc)
}

acls_disabled(rc) if {
	some o in lib.attached(rc, "aws_s3_bucket_ownership_controls", "bucket", "bucket")
	object.get(lib.block(o, "rule"), "object_ownership", "") == "BucketOwnerEnforced"
}

deny contains lib.finding("INFRA-DATA-005", rc, "password", "master password is set through Terraform (it lands in plan and state)") if {
	some rc in lib.resources("aws_db_instance")
	lib.set(rc, "password")
}

deny contains lib.finding("INFRA-DATA-005", rc, "manage_master_user_password", "master password is neither managed by RDS nor written write-only (password_wo)") if {
	some rc in lib.resources("aws_db_instance")
	not replica(rc)
	not lib.is_true(rc, "manage_master_user_password")
	not lib.set(rc, "password_wo_version")
}

deny contains lib.finding("INFRA-DATA-006", rc, "user_group_ids", "Redis accepts unauthenticated connections") if {
	some rc in lib.resources("aws_elasticache_replication_group")
	not lib.set(rc, "user_group_ids")
	not lib.set(rc, "auth_token")
}
