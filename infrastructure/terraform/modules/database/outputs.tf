output "instance_id" {
  description = "Identifier of the primary instance, e.g. dev-taskmanager-db."
  value       = aws_db_instance.this.identifier
}

output "instance_arn" {
  description = "ARN of the primary instance."
  value       = aws_db_instance.this.arn
}

output "resource_id" {
  description = "DbiResourceId of the primary (for rds-db:connect IAM policies)."
  value       = aws_db_instance.this.resource_id
}

output "endpoint" {
  description = "address:port of the primary."
  value       = aws_db_instance.this.endpoint
}

output "address" {
  description = "Host name of the primary."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "Listener port."
  value       = aws_db_instance.this.port
}

output "db_name" {
  description = "Name of the database created with the instance."
  value       = aws_db_instance.this.db_name
}

output "master_username" {
  description = "Master user name (its password is only in the secret master_secret_arn)."
  value       = aws_db_instance.this.username
}

output "master_secret_arn" {
  description = "ARN of the Secrets Manager secret holding the master credentials (JSON username/password). Reference single keys in ECS as <arn>:password:: so a new task always reads the current value."
  value       = aws_secretsmanager_secret.master.arn
}

output "iam_connect_arns" {
  description = "rds-db:connect resource ARNs of every iam_database_users entry on the primary and the replica, for the application's task role."
  value       = local.iam_connect_arns
}

output "security_group_id" {
  description = "Security group of the instance (ingress from allowed_security_group_ids only)."
  value       = aws_security_group.this.id
}

output "subnet_group_name" {
  description = "DB subnet group name."
  value       = aws_db_subnet_group.this.name
}

output "parameter_group_name" {
  description = "DB parameter group name."
  value       = aws_db_parameter_group.this.name
}

output "parameter_group_family" {
  description = "Parameter group family derived from engine and version, e.g. mysql8.0 or postgres16."
  value       = local.parameter_group_family
}

output "replica_id" {
  description = "Identifier of the read replica, or null."
  value       = try(aws_db_instance.replica[0].identifier, null)
}

output "replica_arn" {
  description = "ARN of the read replica, or null."
  value       = try(aws_db_instance.replica[0].arn, null)
}

output "replica_endpoint" {
  description = "address:port of the read replica, or null."
  value       = try(aws_db_instance.replica[0].endpoint, null)
}

output "replica_address" {
  description = "Host name of the read replica, or null."
  value       = try(aws_db_instance.replica[0].address, null)
}

output "engine" {
  description = "Engine: mysql or postgres."
  value       = aws_db_instance.this.engine
}

output "engine_version_actual" {
  description = "Running engine version (e.g. 8.0.40 when 8.0 was requested)."
  value       = aws_db_instance.this.engine_version_actual
}

output "cloudwatch_log_group_names" {
  description = "Log groups receiving the exported logs, keyed primary/<log> and replica/<log>."
  value       = { for k, g in aws_cloudwatch_log_group.exports : k => g.name }
}

output "monitoring_role_arn" {
  description = "Enhanced Monitoring role, or null when monitoring_interval is 0."
  value       = try(aws_iam_role.monitoring[0].arn, null)
}
