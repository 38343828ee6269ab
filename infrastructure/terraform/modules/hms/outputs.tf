output "vpc_id" {
  description = "ID of the VPC."
  value       = module.networking.vpc_id
}

output "public_subnet_ids" {
  description = "Public subnets (ALB, NAT), one per zone."
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
  description = "NAT gateways (one with single_nat_gateway)."
  value       = module.networking.nat_gateway_ids
}

output "kms_key_arn" {
  description = "The environment's KMS key."
  value       = module.kms.key_arn
}

output "zone_id" {
  description = "Route 53 zone of domain_name (from the hms-global stack)."
  value       = module.dns.zone_id
}

output "record_fqdns" {
  description = "Alias records by key (apex, www, api)."
  value       = module.dns.record_fqdns
}

output "alb_arn" {
  description = "ARN of the load balancer."
  value       = module.alb.arn
}

output "alb_dns_name" {
  description = "DNS name of the load balancer."
  value       = module.alb.dns_name
}

output "alb_security_group_id" {
  description = "Security group of the load balancer."
  value       = module.alb.security_group_id
}

output "ecs_cluster_name" {
  description = "ECS cluster."
  value       = module.ecs.cluster_name
}

output "ecs_service_names" {
  description = "ECS services by key (backend, frontend)."
  value       = module.ecs.service_names
}

output "ecs_security_group_ids" {
  description = "Task security groups by service key."
  value       = module.ecs.security_group_ids
}

output "ecs_log_group_names" {
  description = "Log groups of the services (one shared /ecs/hms)."
  value       = module.ecs.log_group_names
}

output "db_instance_id" {
  description = "RDS PostgreSQL identifier."
  value       = module.database.instance_id
}

output "db_endpoint" {
  description = "RDS endpoint (host:port)."
  value       = module.database.endpoint
}

output "db_security_group_id" {
  description = "Security group of the database."
  value       = module.database.security_group_id
}

output "db_master_secret_arn" {
  description = "Secret with the database master credentials (the password lives only there); for the migrate task and administrators."
  value       = module.database.master_secret_arn
}

output "db_replica_id" {
  description = "RDS read replica identifier, or null."
  value       = module.database.replica_id
}

output "db_app_user" {
  description = "Database user of the backend (IAM database authentication)."
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

output "backups_bucket_id" {
  description = "Backups bucket (hms-backups-<environment>)."
  value       = module.backups_bucket.bucket_id
}

output "static_bucket_id" {
  description = "Static assets bucket behind CloudFront."
  value       = module.static_bucket.bucket_id
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution."
  value       = module.cdn.distribution_id
}

output "cloudfront_domain_name" {
  description = "CloudFront domain name (*.cloudfront.net)."
  value       = module.cdn.domain_name
}

output "site_url" {
  description = "Public URL of the HMS."
  value       = "https://${var.domain_name}"
}

output "api_url" {
  description = "Public URL of the API on the ALB."
  value       = "https://${local.api_domain_name}"
}

output "alarm_topic_arn" {
  description = "SNS topic of the alarms."
  value       = module.monitoring.sns_topic_arn
}

output "alarm_names" {
  description = "CloudWatch alarm names by key."
  value       = module.monitoring.alarm_names
}

output "xray_sampling_rule_name" {
  description = "X-Ray sampling rule."
  value       = module.xray.rule_name
}

output "reserved_db_instance_arn" {
  description = "ARN of the reserved DB instance, or null when none was bought."
  value       = module.reserved_db_instance.reservation_arn
}
