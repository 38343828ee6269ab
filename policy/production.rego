# Production: Task Manager design, DO 8 "Enable deletion protection for
# critical resources". Only for stacks whose environment is production.
package infra.rules.production

import data.infra.lib

rules := {
	"INFRA-PROD-001": {
		"severity": "HIGH",
		"title": "Production databases have deletion protection",
		"remediation": "Set deletion_protection = true in the production root's database settings.",
	},
	"INFRA-PROD-002": {
		"severity": "HIGH",
		"title": "Production databases take a final snapshot when deleted",
		"remediation": "Set skip_final_snapshot = false.",
	},
	"INFRA-PROD-003": {
		"severity": "HIGH",
		"title": "Production load balancers have deletion protection",
		"remediation": "Set enable_deletion_protection = true (alb_deletion_protection in the roots).",
	},
	"INFRA-PROD-004": {
		"severity": "MEDIUM",
		"title": "Production databases keep at least 7 days of backups",
		"remediation": "Set backup_retention_period to 7 or more.",
	},
	"INFRA-PROD-005": {
		"severity": "MEDIUM",
		"title": "Production buckets, hosted zones and repositories are not force-destroyed with their contents",
		"remediation": "Set force_destroy / force_delete = false in production.",
	},
	"INFRA-PROD-006": {
		"severity": "MEDIUM",
		"title": "Production secrets keep a recovery window of at least 7 days",
		"remediation": "Set recovery_window_in_days to 7-30 (0 deletes at once).",
	},
	"INFRA-PROD-007": {
		"severity": "MEDIUM",
		"title": "Production caches keep snapshots",
		"remediation": "Set snapshot_retention_limit to 1 or more.",
	},
}

replica(rc) if lib.set(rc, "replicate_source_db")

deny contains lib.finding("INFRA-PROD-001", rc, "deletion_protection", "production database can be deleted") if {
	lib.production
	some rc in lib.resources("aws_db_instance")
	not lib.is_true(rc, "deletion_protection")
}

deny contains lib.finding("INFRA-PROD-002", rc, "skip_final_snapshot", "production database is deleted without a final snapshot") if {
	lib.production
	some rc in lib.resources("aws_db_instance")
	not replica(rc)
	lib.value(rc, "skip_final_snapshot") == true
}

deny contains lib.finding("INFRA-PROD-003", rc, "enable_deletion_protection", "production load balancer can be deleted") if {
	lib.production
	some t in ["aws_lb", "aws_alb"]
	some rc in lib.resources(t)
	not lib.is_true(rc, "enable_deletion_protection")
}

deny contains lib.finding("INFRA-PROD-004", rc, "backup_retention_period", sprintf("keeps %d days of backups", [days])) if {
	lib.production
	some rc in lib.resources("aws_db_instance")
	not replica(rc)
	days := lib.value(rc, "backup_retention_period")
	is_number(days)
	days < 7
}

force := {"aws_s3_bucket": "force_destroy", "aws_route53_zone": "force_destroy", "aws_ecr_repository": "force_delete"}

deny contains lib.finding("INFRA-PROD-005", rc, attr, sprintf("%s = true deletes the contents with the resource", [attr])) if {
	lib.production
	some t, attr in force
	some rc in lib.resources(t)
	lib.value(rc, attr) == true
}

deny contains lib.finding("INFRA-PROD-006", rc, "recovery_window_in_days", sprintf("recovery window is %d days", [days])) if {
	lib.production
	some rc in lib.resources("aws_secretsmanager_secret")
	days := lib.value(rc, "recovery_window_in_days")
	is_number(days)
	days < 7
}

deny contains lib.finding("INFRA-PROD-007", rc, "snapshot_retention_limit", "no snapshots are kept") if {
	lib.production
	some rc in lib.resources("aws_elasticache_replication_group")
	not lib.unknown(rc, "snapshot_retention_limit")
	object.get(lib.after(rc), "snapshot_retention_limit", 0) < 1
}
