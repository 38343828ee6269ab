provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.common_tags
  }
}

locals {
  environment = "dev"
  project     = "taskmanager"

  common_tags = {
    Environment = local.environment
    Project     = local.project
    ManagedBy   = "terraform"
    # As the real root: the stack that owns every resource.
    "infra:stack" = "tm-dev"
  }
}

module "networking" {
  source = "../../modules/networking"

  project            = local.project
  environment        = local.environment
  vpc_cidr           = var.vpc_cidr
  availability_zones = var.availability_zones

  # Dev is cheap: one NAT gateway for all zones.
  single_nat_gateway      = true
  flow_log_retention_days = 7

  common_tags = local.common_tags
}
