output "vpc_id" {
  description = "ID of the VPC."
  value       = module.hms.vpc_id
}

output "nat_gateway_ids" {
  description = "NAT gateways (one, as the HMS design asks)."
  value       = module.hms.nat_gateway_ids
}

output "zone_id" {
  description = "Route 53 zone of the environment's domain."
  value       = module.hms.zone_id
}

output "site_url" {
  description = "Public URL of the HMS (CloudFront)."
  value       = module.hms.site_url
}

output "api_url" {
  description = "Public URL of the API (ALB)."
  value       = module.hms.api_url
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.hms.alb_dns_name
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution."
  value       = module.hms.cloudfront_distribution_id
}

output "ecs_cluster_name" {
  description = "ECS cluster."
  value       = module.hms.ecs_cluster_name
}

output "ecs_service_names" {
  description = "ECS services by key (backend, frontend)."
  value       = module.hms.ecs_service_names
}

output "db_instance_id" {
  description = "RDS PostgreSQL identifier."
  value       = module.hms.db_instance_id
}

output "db_endpoint" {
  description = "RDS endpoint (host:port)."
  value       = module.hms.db_endpoint
}

output "db_master_secret_arn" {
  description = "Secret with the database master credentials (the password lives only there); for the migrate task and administrators."
  value       = module.hms.db_master_secret_arn
}

output "db_app_user" {
  description = "Database user of the backend (IAM database authentication)."
  value       = module.hms.db_app_user
}

output "migrate_task" {
  description = "Cluster, task definition and network of the one-off migrate task (aws ecs run-task)."
  value       = module.hms.migrate_task
}

output "redis_primary_endpoint" {
  description = "Redis primary endpoint address."
  value       = module.hms.redis_primary_endpoint
}

output "backups_bucket_id" {
  description = "Backups bucket."
  value       = module.hms.backups_bucket_id
}

output "static_bucket_id" {
  description = "Static assets bucket behind CloudFront."
  value       = module.hms.static_bucket_id
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.hms.alarm_topic_arn
}

output "xray_sampling_rule_name" {
  description = "X-Ray sampling rule."
  value       = module.hms.xray_sampling_rule_name
}
