provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.common_tags
  }
}

locals {
  common_tags = {
    Environment = "production"
    Project     = "taskmanager"
    ManagedBy   = "terraform"
    # Which stack owns a resource: `infra drift --unmanaged` finds resources
    # carrying it that are not in the stack's state (a run that died mid-apply).
    "infra:stack" = "tm-prod"
  }
}

# Production: the design's sizes. Deletion protection on the database and
# the load balancer; `infra destroy` refuses production by design.
module "taskmanager" {
  source = "../../modules/taskmanager"

  environment        = "production"
  vpc_cidr           = var.vpc_cidr
  availability_zones = var.availability_zones
  single_nat_gateway = false
  domain_name        = var.domain_name
  api_domain_name    = var.api_domain_name
  image_tag          = var.image_tag
  log_level          = "INFO"
  log_retention_days = 30

  database = {
    instance_class          = "db.r6g.xlarge"
    allocated_storage       = 100
    max_allocated_storage   = 1000
    multi_az                = true
    backup_retention_period = 30
    deletion_protection     = true
    skip_final_snapshot     = false
    create_read_replica     = true
    replica_instance_class  = "db.r6g.large"
    master_password_version = var.db_master_password_version
    max_connections         = 500
  }

  cache = {
    node_type                  = "cache.r7g.large"
    num_cache_clusters         = 2
    automatic_failover_enabled = true
    multi_az_enabled           = true
  }

  api = {
    cpu           = 1024
    memory        = 2048
    desired_count = 5
    min_capacity  = 5
    max_capacity  = 50
  }

  worker = {
    cpu           = 512
    memory        = 1024
    desired_count = 10
    min_capacity  = 5
    max_capacity  = 100
  }

  alb_deletion_protection         = true
  alarm_email_addresses           = var.alarm_email_addresses
  secrets_recovery_window_in_days = 30
  secret_version                  = var.secret_version

  common_tags = local.common_tags
}
