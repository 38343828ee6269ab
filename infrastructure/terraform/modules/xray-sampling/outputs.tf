output "rule_name" {
  description = "Name of the sampling rule."
  value       = aws_xray_sampling_rule.this.rule_name
}

output "rule_arn" {
  description = "ARN of the sampling rule."
  value       = aws_xray_sampling_rule.this.arn
}

output "task_role_policy_json" {
  description = "IAM policy document (JSON) for an ECS task role: put trace segments and telemetry, read sampling rules and targets."
  value       = jsonencode(local.task_role_policy)
}
