output "replication_group_id" {
  description = "ID of the replication group, e.g. dev-taskmanager-redis."
  value       = aws_elasticache_replication_group.this.id
}

output "arn" {
  description = "ARN of the replication group (for elasticache:Connect policies)."
  value       = aws_elasticache_replication_group.this.arn
}

output "member_clusters" {
  description = "Node (cache cluster) IDs of the group."
  value       = aws_elasticache_replication_group.this.member_clusters
}

output "primary_endpoint_address" {
  description = "Host name of the primary (reads and writes)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint_address" {
  description = "Host name balancing reads over the replicas."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "Redis port."
  value       = var.port
}

output "security_group_id" {
  description = "Security group of the nodes (ingress from allowed_security_group_ids only)."
  value       = aws_security_group.this.id
}

output "user_group_id" {
  description = "RBAC user group attached to the replication group."
  value       = aws_elasticache_user_group.this.user_group_id
}

output "app_user_id" {
  description = "ID (= user name) of the IAM-authenticated application user: the Redis user name the application connects as."
  value       = aws_elasticache_user.app.user_id
}

output "app_user_arn" {
  description = "ARN of the application user (for elasticache:Connect policies together with arn)."
  value       = aws_elasticache_user.app.arn
}

output "parameter_group_name" {
  description = "Parameter group name."
  value       = aws_elasticache_parameter_group.this.name
}

output "slow_log_group_name" {
  description = "CloudWatch log group of the slow log, or null."
  value       = try(aws_cloudwatch_log_group.slow_log[0].name, null)
}

output "transit_encryption_enabled" {
  description = "Always true: clients connect with TLS (rediss://)."
  value       = aws_elasticache_replication_group.this.transit_encryption_enabled
}
