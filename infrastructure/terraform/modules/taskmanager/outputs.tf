output "vpc_id" {
  description = "ID of the environment's VPC."
  value       = module.networking.vpc_id
}

output "public_subnet_ids" {
  description = "Public subnets (ALB), one per zone."
  value       = module.networking.public_subnet_ids
}

output "private_app_subnet_ids" {
  description = "Private application subnets (ECS tasks), one per zone."
  value       = module.networking.private_app_subnet_ids
}

output "private_data_subnet_ids" {
  description = "Private data subnets (RDS, Redis), one per zone."
  value       = module.networking.private_data_subnet_ids
}

output "nat_gateway_ids" {
  description = "NAT gateways."
  value       = module.networking.nat_gateway_ids
}

output "kms_key_arn" {
  description = "The environment's KMS key."
  value       = module.kms.key_arn
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.alb.dns_name
}

output "alb_arn" {
  description = "ARN of the load balancer."
  value       = module.alb.arn
}

output "api_url" {
  description = "Public URL of the API."
  value       = "https://${var.api_domain_name}"
}

output "ecs_cluster_name" {
  description = "ECS cluster."
  value       = module.ecs.cluster_name
}

output "ecs_service_names" {
  description = "ECS services by key (api, worker)."
  value       = module.ecs.service_names
}

output "db_instance_id" {
  description = "RDS primary identifier."
  value       = module.database.instance_id
}

output "db_replica_id" {
  description = "RDS read replica identifier, or null."
  value       = module.database.replica_id
}

output "db_endpoint" {
  description = "RDS primary endpoint (host:port)."
  value       = module.database.endpoint
}

output "db_master_secret_arn" {
  description = "Secrets Manager secret with the database master credentials (JSON username/password); used only by the migrate task and administrators."
  value       = module.database.master_secret_arn
}

output "db_app_user" {
  description = "Database user the API and worker log in as, with IAM database authentication."
  value       = local.db_app_user
}

output "migrate_task" {
  description = "How to run the one-off migrate task: `aws ecs run-task --cluster <cluster> --task-definition <family> --launch-type FARGATE --network-configuration awsvpcConfiguration=<network>`."
  value = {
    cluster         = module.ecs.cluster_name
    task_definition = module.ecs.task_definition_families["migrate"]
    network         = module.ecs.run_task_network_configuration["migrate"]
  }
}

output "redis_replication_group_id" {
  description = "ElastiCache replication group."
  value       = module.cache.replication_group_id
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint address."
  value       = module.cache.primary_endpoint_address
}

output "secret_arns" {
  description = "Application secrets by environment variable."
  value       = module.secrets.env_secret_arns
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.monitoring.sns_topic_arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard."
  value       = module.monitoring.dashboard_name
}
