# Monitoring: HMS design, Monitoring 2 "Metric Collection", 3 "Alerting: Set
# up alerts for critical issues" and 4 "Dashboard".
package infra.rules.monitoring

import data.infra.lib

rules := {
	"INFRA-MON-001": {
		"severity": "MEDIUM",
		"title": "Every RDS instance is watched by an alarm",
		"remediation": "Pass the instance's identifier to modules/monitoring (db_instance_ids).",
	},
	"INFRA-MON-002": {
		"severity": "MEDIUM",
		"title": "Every ECS service is watched by an alarm",
		"remediation": "Pass the service to modules/monitoring (ecs_service_names).",
	},
	"INFRA-MON-003": {
		"severity": "MEDIUM",
		"title": "Every ElastiCache replication group is watched by an alarm",
		"remediation": "Pass its node ids to modules/monitoring (cache_cluster_ids).",
	},
	"INFRA-MON-004": {
		"severity": "MEDIUM",
		"title": "Alarms notify someone",
		"remediation": "Set alarm_actions to the environment's SNS topic.",
	},
	"INFRA-MON-005": {
		"severity": "LOW",
		"title": "A stack that runs services has an operational dashboard",
		"remediation": "Keep modules/monitoring's create_dashboard = true.",
	},
}

alarms := lib.resources("aws_cloudwatch_metric_alarm")

# An alarm whose dimensions are known only after apply may watch anything.
undecided if {
	some a in alarms
	lib.unknown(a, "dimensions")
}

watched(key, v) if {
	some a in alarms
	object.get(lib.after(a), ["dimensions", key], "") == v
}

watched_prefix(key, v) if {
	some a in alarms
	startswith(object.get(lib.after(a), ["dimensions", key], ""), v)
}

deny contains lib.finding("INFRA-MON-001", rc, "identifier", sprintf("no alarm watches DBInstanceIdentifier %s", [id])) if {
	some rc in lib.resources("aws_db_instance")
	id := lib.value(rc, "identifier")
	is_string(id)
	not undecided
	not watched("DBInstanceIdentifier", id)
}

deny contains lib.finding("INFRA-MON-002", rc, "name", sprintf("no alarm watches ServiceName %s", [name])) if {
	some rc in lib.resources("aws_ecs_service")
	name := lib.value(rc, "name")
	is_string(name)
	not undecided
	not watched("ServiceName", name)
}

deny contains lib.finding("INFRA-MON-003", rc, "replication_group_id", sprintf("no alarm watches a node of %s", [id])) if {
	some rc in lib.resources("aws_elasticache_replication_group")
	id := lib.value(rc, "replication_group_id")
	is_string(id)
	not undecided
	not watched_prefix("CacheClusterId", id)
}

deny contains lib.finding("INFRA-MON-004", rc, "alarm_actions", "alarm notifies nobody") if {
	some rc in alarms
	not lib.set(rc, "alarm_actions")
}

deny contains lib.finding("INFRA-MON-005", rc, "name", "no CloudWatch dashboard in the stack") if {
	some rc in lib.resources("aws_ecs_cluster")
	count(lib.resources("aws_cloudwatch_dashboard")) == 0
}
