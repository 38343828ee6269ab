provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.common_tags
  }
}

# CloudFront only accepts ACM certificates from us-east-1.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = local.common_tags
  }
}

locals {
  common_tags = {
    Environment = "dev"
    Project     = "hms"
    ManagedBy   = "terraform"
    # Which stack owns a resource: `infra drift --unmanaged` finds resources
    # carrying it that are not in the stack's state (a run that died mid-apply).
    "infra:stack" = "hms-dev"
  }
}

# Dev has production's shape (three zones, every tier, CloudFront, DNS),
# smaller: one task per service, a small single-AZ database without final
# snapshot, one Redis node, short log retention, everything destroyable.
module "hms" {
  source = "../../modules/hms"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment        = "dev"
  availability_zones = var.availability_zones
  domain_name        = var.domain_name
  backend_image_tag  = var.backend_image_tag
  frontend_image_tag = var.frontend_image_tag
  log_retention_days = 7

  backend = {
    desired_count = 1
    min_capacity  = 1
    max_capacity  = 2
  }

  frontend = {
    desired_count = 1
    min_capacity  = 1
    max_capacity  = 2
  }

  database = {
    instance_class          = "db.t3.micro"
    allocated_storage       = 20
    max_allocated_storage   = 50
    backup_retention_period = 1
    max_connections         = 100
    deletion_protection     = false
    skip_final_snapshot     = true
  }

  cache = {
    node_type                  = "cache.t4g.micro"
    num_cache_clusters         = 1
    automatic_failover_enabled = false
    multi_az_enabled           = false
  }

  purchase_reserved_db_instance = var.purchase_reserved_db_instance
  reserved_db_reservation_id    = var.reserved_db_reservation_id

  cdn_wait_for_deployment = false
  alb_deletion_protection = false
  force_destroy           = true
  alarm_email_addresses   = var.alarm_email_addresses

  common_tags = local.common_tags
}
