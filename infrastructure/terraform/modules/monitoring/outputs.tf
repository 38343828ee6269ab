output "sns_topic_arn" {
  description = "ARN of the alarm topic <environment>-<project>-alarms (KMS-encrypted); subscribe further endpoints to it."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_arns" {
  description = "Alarm name -> alarm ARN."
  value       = { for a in aws_cloudwatch_metric_alarm.this : a.alarm_name => a.arn }
}

output "alarm_names" {
  description = "Names of all alarms, sorted."
  value       = sort([for a in aws_cloudwatch_metric_alarm.this : a.alarm_name])
}

output "dashboard_name" {
  description = "Name of the CloudWatch dashboard, or null when create_dashboard = false."
  value       = try(aws_cloudwatch_dashboard.this[0].dashboard_name, null)
}
