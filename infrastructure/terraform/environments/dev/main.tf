provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.common_tags
  }
}

locals {
  common_tags = {
    Environment = "dev"
    Project     = "taskmanager"
    ManagedBy   = "terraform"
    # Which stack owns a resource: `infra drift --unmanaged` finds resources
    # carrying it that are not in the stack's state (a run that died mid-apply).
    "infra:stack" = "tm-dev"
  }
}

# Dev is small and cheap: one NAT gateway, single-AZ database without
# replica or final snapshot, one Redis node, one task per service.
module "taskmanager" {
  source = "../../modules/taskmanager"

  environment        = "dev"
  vpc_cidr           = var.vpc_cidr
  availability_zones = var.availability_zones
  single_nat_gateway = true
  domain_name        = var.domain_name
  api_domain_name    = var.api_domain_name
  image_tag          = var.image_tag
  log_level          = "DEBUG"
  log_retention_days = 7

  database = {
    instance_class          = "db.t3.micro"
    allocated_storage       = 20
    max_allocated_storage   = 100
    multi_az                = false
    backup_retention_period = 1
    deletion_protection     = false
    skip_final_snapshot     = true
    create_read_replica     = false
    master_password_version = var.db_master_password_version
    max_connections         = 100
  }

  cache = {
    node_type                  = "cache.t4g.micro"
    num_cache_clusters         = 1
    automatic_failover_enabled = false
    multi_az_enabled           = false
  }

  api = {
    cpu           = 256
    memory        = 512
    desired_count = 1
    min_capacity  = 1
    max_capacity  = 2
  }

  worker = {
    cpu           = 256
    memory        = 512
    desired_count = 1
    min_capacity  = 1
    max_capacity  = 2
  }

  alb_deletion_protection         = false
  alarm_email_addresses           = var.alarm_email_addresses
  secrets_recovery_window_in_days = 0
  secret_version                  = var.secret_version

  common_tags = local.common_tags
}
