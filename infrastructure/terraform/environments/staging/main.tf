provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.common_tags
  }
}

locals {
  common_tags = {
    Environment = "staging"
    Project     = "taskmanager"
    ManagedBy   = "terraform"
    # Which stack owns a resource: `infra drift --unmanaged` finds resources
    # carrying it that are not in the stack's state (a run that died mid-apply).
    "infra:stack" = "tm-staging"
  }
}

# Staging has production's shape (NAT per zone, Multi-AZ database with a
# replica and final snapshot, Redis failover, autoscaled services) at a
# smaller size. It stays destroyable: no deletion protection.
module "taskmanager" {
  source = "../../modules/taskmanager"

  environment        = "staging"
  vpc_cidr           = var.vpc_cidr
  availability_zones = var.availability_zones
  single_nat_gateway = false
  domain_name        = var.domain_name
  api_domain_name    = var.api_domain_name
  image_tag          = var.image_tag
  log_level          = "INFO"
  log_retention_days = 14

  database = {
    instance_class          = "db.t4g.medium"
    allocated_storage       = 50
    max_allocated_storage   = 200
    multi_az                = true
    backup_retention_period = 7
    deletion_protection     = false
    skip_final_snapshot     = false
    create_read_replica     = true
    replica_instance_class  = "db.t4g.medium"
    master_password_version = var.db_master_password_version
    max_connections         = 200
  }

  cache = {
    node_type                  = "cache.t4g.small"
    num_cache_clusters         = 2
    automatic_failover_enabled = true
    multi_az_enabled           = true
  }

  api = {
    cpu           = 512
    memory        = 1024
    desired_count = 2
    min_capacity  = 2
    max_capacity  = 10
  }

  worker = {
    cpu           = 256
    memory        = 512
    desired_count = 2
    min_capacity  = 2
    max_capacity  = 10
  }

  alb_deletion_protection         = false
  alarm_email_addresses           = var.alarm_email_addresses
  secrets_recovery_window_in_days = 7
  secret_version                  = var.secret_version

  common_tags = local.common_tags
}
