# Plan tests of the HMS composition without AWS calls. They pin what the
# design asks for (network, sizes, database settings, lifecycle, alarms,
# sampling) and the HMS-specific input checks.
#
# Mock providers cannot mock ephemeral resources (the database's master
# secret is read back ephemerally), so the real provider is configured to
# never call out: the data sources that would call AWS are overridden below,
# the rest are computed locally, and in a first plan the ephemeral read waits
# for a secret that does not exist yet, so it is never opened.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "mock"
  secret_key                  = "mock"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

provider "aws" {
  alias                       = "us_east_1"
  region                      = "us-east-1"
  access_key                  = "mock"
  secret_key                  = "mock"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

override_data {
  target = data.aws_caller_identity.current
  values = { account_id = "123456789012", arn = "arn:aws:iam::123456789012:root" }
}

override_data {
  target = module.kms.data.aws_caller_identity.current
  values = { account_id = "123456789012", arn = "arn:aws:iam::123456789012:root" }
}

override_data {
  target = module.alb.data.aws_caller_identity.current
  values = { account_id = "123456789012", arn = "arn:aws:iam::123456789012:root" }
}

override_data {
  target = module.monitoring.data.aws_caller_identity.current
  values = { account_id = "123456789012", arn = "arn:aws:iam::123456789012:root" }
}

override_data {
  target = module.ecs.data.aws_caller_identity.current
  values = { account_id = "123456789012", arn = "arn:aws:iam::123456789012:root" }
}

override_data {
  target = data.aws_ecr_repository.app
  values = { repository_url = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hms-app" }
}

override_data {
  target = module.dns.data.aws_route53_zone.this
  values = { zone_id = "Z0123456789ABCDEFGHIJ", name_servers = ["ns-1.awsdns-01.org"] }
}

override_data {
  target = module.cdn.data.aws_cloudfront_cache_policy.caching_optimized
  values = { id = "658327ea-f89d-4fab-a63d-7e88639e58f6" }
}

override_data {
  target = module.cdn.data.aws_cloudfront_cache_policy.caching_disabled
  values = { id = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" }
}

override_data {
  target = module.cdn.data.aws_cloudfront_origin_request_policy.all_viewer_except_host
  values = { id = "b689b0a8-53d0-40ab-baf2-68738e2966ac" }
}

override_data {
  target = module.cdn.data.aws_cloudfront_response_headers_policy.security_headers
  values = { id = "67f7725c-6f97-4210-82d7-5512b31e9d03" }
}

override_data {
  target = module.reserved_db_instance.data.aws_rds_reserved_instance_offering.main
  values = { offering_id = "438012d3-4052-4cc7-b2e3-8d3372e0e706", fixed_price = 0, currency_code = "USD" }
}

variables {
  environment           = "production"
  availability_zones    = ["us-east-1a", "us-east-1b", "us-east-1c"]
  domain_name           = "hms.yourcompany.com"
  backend_image_tag     = "v1.2.0"
  frontend_image_tag    = "v1.2.0"
  alarm_email_addresses = ["hms-oncall@yourcompany.com"]
}

run "seed_defaults" {
  command = plan

  assert {
    condition     = module.networking.public_subnet_cidrs == ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"] && module.networking.private_app_subnet_cidrs == ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
    error_message = "the design's subnets (10.0.1-3.0/24 private, 10.0.101-103.0/24 public) must be used"
  }
  assert {
    condition     = var.single_nat_gateway
    error_message = "the design asks for a single NAT gateway"
  }
  assert {
    condition     = var.backend.cpu == 512 && var.backend.memory == 1024 && var.backend.desired_count == 2 && var.frontend.cpu == 256 && var.frontend.memory == 512 && var.frontend.desired_count == 2
    error_message = "service sizes must default to the design's (backend 512/1024 x2, frontend 256/512 x2)"
  }
  assert {
    condition     = var.backend.min_capacity == 2 && var.backend.max_capacity == 10 && var.cpu_target_value == 70
    error_message = "autoscaling must default to the design's 2-10 tasks at 70 % CPU"
  }
  assert {
    condition     = var.database.engine_version == "16.4" && var.database.instance_class == "db.t3.medium" && var.database.allocated_storage == 100 && var.database.backup_retention_period == 7
    error_message = "the database must default to PostgreSQL 16.4 on db.t3.medium with 100 GB and 7-day backups"
  }
  assert {
    condition     = var.database.backup_window == "03:00-04:00" && var.database.maintenance_window == "sun:04:00-sun:05:00"
    error_message = "the design's backup and maintenance windows must be the defaults"
  }
  assert {
    condition     = local.backup_lifecycle_rules[0].transitions[0].days == 30 && local.backup_lifecycle_rules[0].transitions[0].storage_class == "STANDARD_IA" && local.backup_lifecycle_rules[0].transitions[1].days == 90 && local.backup_lifecycle_rules[0].transitions[1].storage_class == "GLACIER" && local.backup_lifecycle_rules[0].expiration_days == 365
    error_message = "backups must move to STANDARD_IA at 30 days, GLACIER at 90 and expire at 365"
  }
  assert {
    condition     = local.ecs_log_group_name == "/ecs/hms" && var.log_retention_days == 30
    error_message = "production logs to the design's /ecs/hms, kept 30 days"
  }
  assert {
    condition     = !var.purchase_reserved_db_instance
    error_message = "no reserved instance may be bought unless asked for"
  }
}

run "dev_log_group_beside_production" {
  command = plan

  variables {
    environment = "dev"
    domain_name = "dev.hms.yourcompany.com"
  }

  assert {
    condition     = local.ecs_log_group_name == "/ecs/hms-dev"
    error_message = "dev must not take production's /ecs/hms in a shared account"
  }
}

run "fewer_than_three_zones" {
  command = plan

  variables {
    availability_zones = ["us-east-1a", "us-east-1b"]
  }

  expect_failures = [var.availability_zones]
}

run "duplicate_zones" {
  command = plan

  variables {
    availability_zones = ["us-east-1a", "us-east-1a", "us-east-1b"]
  }

  expect_failures = [var.availability_zones]
}

run "subnets_not_one_per_zone" {
  command = plan

  variables {
    private_app_subnet_cidrs = ["10.0.1.0/24", "10.0.2.0/24"]
  }

  expect_failures = [var.private_app_subnet_cidrs]
}

run "bad_domain" {
  command = plan

  variables {
    domain_name = "HMS.YourCompany.com."
  }

  expect_failures = [var.domain_name]
}

run "latest_image_tag" {
  command = plan

  variables {
    backend_image_tag = "latest"
  }

  expect_failures = [var.backend_image_tag]
}

run "alarms_to_nobody" {
  command = plan

  variables {
    alarm_email_addresses = []
  }

  expect_failures = [var.alarm_email_addresses]
}

run "seed_engine_version_16_0" {
  command = plan

  variables {
    database = { engine_version = "16.0" }
  }

  expect_failures = [var.database]
}

run "backups_switched_off" {
  command = plan

  variables {
    database = { backup_retention_period = 0 }
  }

  expect_failures = [var.database]
}

run "desired_below_min" {
  command = plan

  variables {
    frontend = { desired_count = 1 }
  }

  expect_failures = [var.frontend]
}

run "reserved_instance_without_reservation_id" {
  command = plan

  variables {
    purchase_reserved_db_instance = true
  }

  expect_failures = [var.reserved_db_reservation_id]
}

run "reserved_instance_bad_offering" {
  command = plan

  variables {
    reserved_db_offering_type = "Partial"
  }

  expect_failures = [var.reserved_db_offering_type]
}

run "redis_failover_with_one_node" {
  command = plan

  variables {
    cache = { num_cache_clusters = 1 }
  }

  expect_failures = [var.cache]
}

run "log_retention_not_cloudwatch" {
  command = plan

  variables {
    log_retention_days = 31
  }

  expect_failures = [var.log_retention_days]
}
