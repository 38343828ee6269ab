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
    Environment = "production"
    Project     = "hms"
    ManagedBy   = "terraform"
    # Which stack owns a resource: `infra drift --unmanaged` finds resources
    # carrying it that are not in the stack's state (a run that died mid-apply).
    "infra:stack" = "hms-prod"
  }
}

# Production with the design's sizes (the module's defaults): backend 512/1024
# and frontend 256/512 with 2 tasks each scaling 2-10 at 70 % CPU,
# PostgreSQL 16.4 on db.t3.medium with 100 GB and 7-day backups, Redis with
# a replica and failover, one NAT gateway as the design asks.
module "hms" {
  source = "../../modules/hms"

  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }

  environment        = "production"
  availability_zones = var.availability_zones
  domain_name        = var.domain_name
  backend_image_tag  = var.backend_image_tag
  frontend_image_tag = var.frontend_image_tag

  purchase_reserved_db_instance = var.purchase_reserved_db_instance
  reserved_db_reservation_id    = var.reserved_db_reservation_id

  alarm_email_addresses = var.alarm_email_addresses

  common_tags = local.common_tags
}
