output "vpc_id" {
  description = "ID of the environment's VPC."
  value       = module.taskmanager.vpc_id
}

output "public_subnet_ids" {
  description = "Public subnets (ALB), one per zone."
  value       = module.taskmanager.public_subnet_ids
}

output "private_app_subnet_ids" {
  description = "Private application subnets (ECS tasks), one per zone."
  value       = module.taskmanager.private_app_subnet_ids
}

output "private_data_subnet_ids" {
  description = "Private data subnets (RDS, Redis), one per zone."
  value       = module.taskmanager.private_data_subnet_ids
}

output "nat_gateway_ids" {
  description = "NAT gateways."
  value       = module.taskmanager.nat_gateway_ids
}

output "kms_key_arn" {
  description = "The environment's KMS key."
  value       = module.taskmanager.kms_key_arn
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.taskmanager.alb_dns_name
}

output "alb_arn" {
  description = "ARN of the load balancer."
  value       = module.taskmanager.alb_arn
}

output "api_url" {
  description = "Public URL of the API."
  value       = module.taskmanager.api_url
}

output "ecs_cluster_name" {
  description = "ECS cluster."
  value       = module.taskmanager.ecs_cluster_name
}

output "ecs_service_names" {
  description = "ECS services by key (api, worker)."
  value       = module.taskmanager.ecs_service_names
}

output "db_instance_id" {
  description = "RDS primary identifier."
  value       = module.taskmanager.db_instance_id
}

output "db_replica_id" {
  description = "RDS read replica identifier, or null."
  value       = module.taskmanager.db_replica_id
}

output "db_endpoint" {
  description = "RDS primary endpoint (host:port)."
  value       = module.taskmanager.db_endpoint
}

output "db_master_secret_arn" {
  description = "Secret with the database master credentials (the password lives only there); for the migrate task and administrators."
  value       = module.taskmanager.db_master_secret_arn
}

output "db_app_user" {
  description = "Database user of the API and worker (IAM database authentication)."
  value       = module.taskmanager.db_app_user
}

output "migrate_task" {
  description = "Cluster, task definition and network of the one-off migrate task (aws ecs run-task)."
  value       = module.taskmanager.migrate_task
}

output "redis_replication_group_id" {
  description = "ElastiCache replication group."
  value       = module.taskmanager.redis_replication_group_id
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint address."
  value       = module.taskmanager.redis_primary_endpoint
}

output "secret_arns" {
  description = "Application secrets by environment variable."
  value       = module.taskmanager.secret_arns
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.taskmanager.alarm_topic_arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard."
  value       = module.taskmanager.dashboard_name
}
