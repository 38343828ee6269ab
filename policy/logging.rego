# Logging: HMS design, Monitoring 1 "Comprehensive Logging: Enable detailed
# logging" and 2 "Metric Collection".
package infra.rules.logging

import data.infra.lib

rules := {
	"INFRA-LOG-001": {
		"severity": "MEDIUM",
		"title": "CloudWatch log groups are encrypted with a customer-managed KMS key",
		"remediation": "Set kms_key_id to the environment's key (its policy lets CloudWatch Logs use it).",
	},
	"INFRA-LOG-002": {
		"severity": "MEDIUM",
		"title": "CloudWatch log groups expire their events",
		"remediation": "Set retention_in_days (the environments pass log_retention_days).",
	},
	"INFRA-LOG-003": {
		"severity": "MEDIUM",
		"title": "Every VPC has flow logs",
		"remediation": "Enable flow logs (modules/networking: enable_flow_logs = true).",
	},
	"INFRA-LOG-004": {
		"severity": "LOW",
		"title": "RDS instances export their logs to CloudWatch",
		"remediation": "Set enabled_cloudwatch_logs_exports (the database module exports error/slow-query or postgresql/upgrade).",
	},
	"INFRA-LOG-005": {
		"severity": "MEDIUM",
		"title": "Load balancers write access logs",
		"remediation": "Enable access_logs to a bucket (modules/alb: access_logs_enabled = true).",
	},
	"INFRA-LOG-006": {
		"severity": "MEDIUM",
		"title": "ECS containers send their output to CloudWatch Logs",
		"remediation": "Give every container definition a logConfiguration with the awslogs driver.",
	},
	"INFRA-LOG-007": {
		"severity": "LOW",
		"title": "ECS clusters collect Container Insights metrics",
		"remediation": "Set the containerInsights setting to enabled (modules/ecs: container_insights = true).",
	},
}

deny contains lib.finding("INFRA-LOG-001", rc, "kms_key_id", "log group is not encrypted with a KMS key") if {
	some rc in lib.resources("aws_cloudwatch_log_group")
	not lib.set(rc, "kms_key_id")
}

deny contains lib.finding("INFRA-LOG-002", rc, "retention_in_days", "log events never expire") if {
	some rc in lib.resources("aws_cloudwatch_log_group")
	not lib.unknown(rc, "retention_in_days")
	object.get(lib.after(rc), "retention_in_days", 0) == 0
}

deny contains lib.finding("INFRA-LOG-003", rc, "flow_log", "VPC has no flow log") if {
	some rc in lib.resources("aws_vpc")
	count(lib.attached(rc, "aws_flow_log", "vpc_id", "id")) == 0
}

deny contains lib.finding("INFRA-LOG-004", rc, "enabled_cloudwatch_logs_exports", "RDS logs are not exported") if {
	some rc in lib.resources("aws_db_instance")
	not lib.set(rc, "enabled_cloudwatch_logs_exports")
}

deny contains lib.finding("INFRA-LOG-005", rc, "access_logs.enabled", "access logs are off") if {
	some t in ["aws_lb", "aws_alb"]
	some rc in lib.resources(t)
	object.get(lib.after(rc), "load_balancer_type", "application") == "application"
	not object.get(lib.block(rc, "access_logs"), "enabled", false) == true
}

deny contains lib.finding("INFRA-LOG-006", rc, "container_definitions", sprintf("container %q has no awslogs log configuration", [c.name])) if {
	some rc in lib.resources("aws_ecs_task_definition")
	some c in lib.container_definitions(rc)
	object.get(c, ["logConfiguration", "logDriver"], "") != "awslogs"
}

deny contains lib.finding("INFRA-LOG-007", rc, "setting", "Container Insights is off") if {
	some rc in lib.resources("aws_ecs_cluster")
	not insights(rc)
}

insights(rc) if {
	some s in object.get(lib.after(rc), "setting", [])
	s.name == "containerInsights"
	s.value in {"enabled", "enhanced"}
}
