# One composition for every HMS environment (the HMS design): the roots pass sizes
# only, so dev has production's shape. Every part comes from the shared
# module library, wired once here.

locals {
  name = "${var.environment}-${var.project}"

  backend_port = 8000
  # Not the design's 80: the container runs as uid 1000 with every
  # capability dropped, and binding a port below 1024 needs
  # NET_BIND_SERVICE. 8080 is what unprivileged web servers (e.g.
  # nginx-unprivileged) listen on; the ALB still answers on 80/443.
  frontend_port = 8080

  # The application's database login: the design's hms_prod in production,
  # hms_<environment> elsewhere; IAM database authentication, no password.
  db_app_user = "${var.project}_${var.environment == "production" ? "prod" : var.environment}"

  # The design's /ecs/hms in production; other environments in the same
  # account get their own group next to it.
  ecs_log_group_name = var.environment == "production" ? "/ecs/${var.project}" : "/ecs/${var.project}-${var.environment}"

  api_domain_name = "api.${var.domain_name}"
  www_domain_name = "www.${var.domain_name}"

  # Design: "backup_retention" rule of the backups bucket.
  backup_lifecycle_rules = [
    {
      id = "backup_retention"
      transitions = [
        { days = 30, storage_class = "STANDARD_IA" },
        { days = 90, storage_class = "GLACIER" },
      ]
      expiration_days                    = 365
      noncurrent_version_expiration_days = 30
    },
  ]
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# Repositories of the hms-global stack; the tags are immutable releases.
data "aws_ecr_repository" "app" {
  for_each = toset([var.backend_repository_name, var.frontend_repository_name])

  name = each.value
}

module "kms" {
  source = "../kms"

  project     = var.project
  environment = var.environment
  description = "Encrypts ${local.name}: logs, database, cache, backups, alarms"
  common_tags = var.common_tags
}

module "networking" {
  source = "../networking"

  project                   = var.project
  environment               = var.environment
  vpc_cidr                  = var.vpc_cidr
  availability_zones        = var.availability_zones
  public_subnet_cidrs       = var.public_subnet_cidrs
  private_app_subnet_cidrs  = var.private_app_subnet_cidrs
  private_data_subnet_cidrs = var.private_data_subnet_cidrs
  single_nat_gateway        = var.single_nat_gateway
  flow_log_retention_days   = var.log_retention_days
  kms_key_arn               = module.kms.key_arn
  common_tags               = var.common_tags
}

################################################################################
# DNS and certificates
################################################################################

# The zone belongs to the hms-global stack, which is applied (and delegated)
# first: certificates here are validated through it, and that can only
# succeed once the domain is delegated to the zone's name servers.
module "dns" {
  source = "../dns"

  zone_name   = var.domain_name
  create_zone = false

  alias_records = {
    apex = {
      name                   = "@"
      target_dns_name        = module.cdn.domain_name
      target_zone_id         = module.cdn.hosted_zone_id
      evaluate_target_health = false
    }
    www = {
      name                   = "www"
      target_dns_name        = module.cdn.domain_name
      target_zone_id         = module.cdn.hosted_zone_id
      evaluate_target_health = false
    }
    api = {
      name            = "api"
      target_dns_name = module.alb.dns_name
      target_zone_id  = module.alb.zone_id
    }
  }

  common_tags = var.common_tags
}

# CloudFront's certificate (apex and www) must live in us-east-1.
module "cdn_certificate" {
  source = "../acm-certificate"

  providers = {
    aws = aws.us_east_1
  }

  domain_name               = var.domain_name
  subject_alternative_names = [local.www_domain_name]
  zone_id                   = module.dns.zone_id
  common_tags               = var.common_tags
}

# The ALB's certificate (api.<domain>) lives in the ALB's region.
module "alb_certificate" {
  source = "../acm-certificate"

  domain_name = local.api_domain_name
  zone_id     = module.dns.zone_id
  common_tags = var.common_tags
}

################################################################################
# Load balancer and containers
################################################################################

module "alb" {
  source = "../alb"

  project                   = var.project
  environment               = var.environment
  vpc_id                    = module.networking.vpc_id
  vpc_cidr                  = module.networking.vpc_cidr
  subnet_ids                = module.networking.public_subnet_ids
  certificate_arn           = module.alb_certificate.certificate_arn
  deletion_protection       = var.alb_deletion_protection
  access_logs_force_destroy = var.force_destroy

  target_groups = {
    # Default action of the HTTPS listener.
    frontend = {
      port              = local.frontend_port
      health_check_path = "/"
    }
    backend = {
      port              = local.backend_port
      health_check_path = "/health"
      path_patterns     = ["/api/*"]
    }
  }

  common_tags = var.common_tags
}

module "xray" {
  source = "../xray-sampling"

  project        = var.project
  environment    = var.environment
  priority       = 100
  reservoir_size = 1
  fixed_rate     = 0.05
  common_tags    = var.common_tags
}

# The Redis ARNs are built from names: the group and user are created after
# the task role's policies are planned.
data "aws_iam_policy_document" "task" {
  source_policy_documents = [module.xray.task_role_policy_json]

  statement {
    sid     = "RedisIAMAuth"
    actions = ["elasticache:Connect"]
    resources = [
      "arn:${data.aws_partition.current.partition}:elasticache:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:replicationgroup:${local.name}-redis",
      "arn:${data.aws_partition.current.partition}:elasticache:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:user:${local.name}-app",
    ]
  }
}

module "ecs" {
  source = "../ecs"

  project                   = var.project
  environment               = var.environment
  vpc_id                    = module.networking.vpc_id
  subnet_ids                = module.networking.private_app_subnet_ids
  kms_key_arn               = module.kms.key_arn
  log_retention_days        = var.log_retention_days
  shared_log_group_name     = local.ecs_log_group_name
  ingress_security_group_id = module.alb.security_group_id
  task_role_policies = {
    application = data.aws_iam_policy_document.task.json
    database    = data.aws_iam_policy_document.database_connect.json
  }

  services = {
    backend = {
      image            = "${data.aws_ecr_repository.app[var.backend_repository_name].repository_url}:${var.backend_image_tag}"
      cpu              = var.backend.cpu
      memory           = var.backend.memory
      container_port   = local.backend_port
      desired_count    = var.backend.desired_count
      min_capacity     = var.backend.min_capacity
      max_capacity     = var.backend.max_capacity
      cpu_target_value = var.cpu_target_value
      target_group_arn = module.alb.target_group_arns["backend"]
      environment = {
        DB_HOST          = module.database.address
        DB_PORT          = tostring(module.database.port)
        DB_NAME          = module.database.db_name
        DB_USERNAME      = local.db_app_user
        DB_IAM_AUTH      = "true"
        DB_SSLMODE       = "require"
        REDIS_HOST       = module.cache.primary_endpoint_address
        REDIS_PORT       = tostring(module.cache.port)
        REDIS_USERNAME   = module.cache.app_user_id
        REDIS_TLS        = "true"
        AWS_XRAY_ENABLED = "true"
      }
      health_check_command = ["CMD-SHELL", "curl -f http://localhost:${local.backend_port}/health || exit 1"]
    }
    frontend = {
      image                = "${data.aws_ecr_repository.app[var.frontend_repository_name].repository_url}:${var.frontend_image_tag}"
      cpu                  = var.frontend.cpu
      memory               = var.frontend.memory
      container_port       = local.frontend_port
      desired_count        = var.frontend.desired_count
      min_capacity         = var.frontend.min_capacity
      max_capacity         = var.frontend.max_capacity
      cpu_target_value     = var.cpu_target_value
      target_group_arn     = module.alb.target_group_arns["frontend"]
      health_check_command = ["CMD-SHELL", "curl -f http://localhost:${local.frontend_port}/ || exit 1"]
    }
  }

  # Schema migrations and the application's database user, run with
  # `aws ecs run-task`: the only task that logs in as the master, with the
  # keys of the live master secret (a task started after a rotation gets the
  # current password).
  tasks = {
    migrate = {
      image   = "${data.aws_ecr_repository.app[var.backend_repository_name].repository_url}:${var.backend_image_tag}"
      cpu     = 512
      memory  = 1024
      command = var.migration_command
      environment = {
        DB_HOST     = module.database.address
        DB_PORT     = tostring(module.database.port)
        DB_NAME     = module.database.db_name
        DB_APP_USER = local.db_app_user
        DB_SSLMODE  = "require"
      }
      secrets = {
        DB_MASTER_USERNAME = "${module.database.master_secret_arn}:username::"
        DB_MASTER_PASSWORD = "${module.database.master_secret_arn}:password::"
      }
    }
  }

  common_tags = var.common_tags
}

################################################################################
# Data
################################################################################

data "aws_iam_policy_document" "database_connect" {
  statement {
    sid       = "DatabaseIAMAuth"
    actions   = ["rds-db:connect"]
    resources = module.database.iam_connect_arns
  }
}

module "database" {
  source = "../database"

  project                       = var.project
  environment                   = var.environment
  engine                        = "postgres"
  engine_version                = var.database.engine_version
  auto_minor_version_upgrade    = false
  instance_class                = var.database.instance_class
  allocated_storage             = var.database.allocated_storage
  max_allocated_storage         = var.database.max_allocated_storage
  multi_az                      = var.database.multi_az
  vpc_id                        = module.networking.vpc_id
  subnet_ids                    = module.networking.private_data_subnet_ids
  allowed_security_group_ids    = module.ecs.security_group_id_list
  kms_key_arn                   = module.kms.key_arn
  backup_retention_period       = var.database.backup_retention_period
  backup_window                 = var.database.backup_window
  maintenance_window            = var.database.maintenance_window
  max_connections               = var.database.max_connections
  deletion_protection           = var.database.deletion_protection
  skip_final_snapshot           = var.database.skip_final_snapshot
  create_read_replica           = var.database.create_read_replica
  replica_instance_class        = var.database.replica_instance_class
  cloudwatch_log_retention_days = var.log_retention_days
  iam_database_users            = [local.db_app_user]
  master_password_version       = var.database.master_password_version

  master_secret_recovery_window_in_days = var.force_destroy ? 0 : 30

  common_tags = var.common_tags
}

module "cache" {
  source = "../cache"

  project                       = var.project
  environment                   = var.environment
  node_type                     = var.cache.node_type
  num_cache_clusters            = var.cache.num_cache_clusters
  automatic_failover_enabled    = var.cache.automatic_failover_enabled
  multi_az_enabled              = var.cache.multi_az_enabled
  vpc_id                        = module.networking.vpc_id
  subnet_ids                    = module.networking.private_data_subnet_ids
  allowed_security_group_ids    = module.ecs.security_group_id_list
  kms_key_arn                   = module.kms.key_arn
  cloudwatch_log_retention_days = var.log_retention_days
  common_tags                   = var.common_tags
}

module "reserved_db_instance" {
  source = "../rds-reserved-instance"

  purchase            = var.purchase_reserved_db_instance
  db_instance_class   = var.purchase_reserved_db_instance ? var.database.instance_class : null
  product_description = var.purchase_reserved_db_instance ? "postgresql" : null
  multi_az            = var.database.multi_az
  offering_type       = var.reserved_db_offering_type
  duration_years      = var.reserved_db_duration_years
  reservation_id      = var.purchase_reserved_db_instance ? var.reserved_db_reservation_id : null
  common_tags         = var.common_tags
}

################################################################################
# Storage and CDN
################################################################################

module "backups_bucket" {
  source = "../s3-bucket"

  bucket_name        = "${var.project}-backups-${var.environment}"
  force_destroy      = var.force_destroy
  versioning_enabled = true
  kms_key_arn        = module.kms.key_arn
  lifecycle_rules    = local.backup_lifecycle_rules
  common_tags        = var.common_tags
}

# Static assets are public web content served through CloudFront (OAC);
# SSE-S3 spares CloudFront a grant on the environment's key.
module "static_bucket" {
  source = "../s3-bucket"

  bucket_name        = "${var.project}-static-${var.environment}"
  force_destroy      = var.force_destroy
  versioning_enabled = true
  kms_key_arn        = null
  policy_statements  = module.cdn.bucket_policy_statements_json
  common_tags        = var.common_tags
}

module "cdn" {
  source = "../cdn"

  project                            = var.project
  environment                        = var.environment
  aliases                            = [var.domain_name, local.www_domain_name]
  acm_certificate_arn                = module.cdn_certificate.certificate_arn
  acm_certificate_domain_names       = module.cdn_certificate.domain_names
  static_bucket_id                   = module.static_bucket.bucket_id
  static_bucket_arn                  = module.static_bucket.bucket_arn
  static_bucket_regional_domain_name = module.static_bucket.bucket_regional_domain_name
  # A name the ALB's certificate covers, so CloudFront's TLS check passes.
  alb_dns_name = local.api_domain_name
  # The design's path: users reach the application through CloudFront; the
  # static assets come from the bucket, /api/* goes to the backend.
  default_origin        = "alb"
  static_path_patterns  = var.static_path_patterns
  dynamic_path_patterns = ["/api/*"]
  price_class           = var.cdn_price_class
  wait_for_deployment   = var.cdn_wait_for_deployment
  common_tags           = var.common_tags
}

################################################################################
# Monitoring
################################################################################

module "monitoring" {
  source = "../monitoring"

  project                      = var.project
  environment                  = var.environment
  kms_key_arn                  = module.kms.key_arn
  alarm_email_addresses        = var.alarm_email_addresses
  alb_alarms_enabled           = true
  alb_arn_suffix               = module.alb.arn_suffix
  target_group_arn_suffixes    = module.alb.target_group_arn_suffixes
  ecs_cluster_name             = module.ecs.cluster_name
  ecs_service_names            = module.ecs.service_names
  ecs_cpu_threshold            = 80
  evaluation_periods           = 2
  period_seconds               = 300
  db_instance_ids              = compact([module.database.instance_id, module.database.replica_id])
  db_max_connections_threshold = floor(var.database.max_connections * 0.8)
  # Node ids follow AWS's <group>-00N pattern; known while planning.
  cache_cluster_ids = [for i in range(var.cache.num_cache_clusters) : format("%s-%03d", module.cache.replication_group_id, i + 1)]
  common_tags       = var.common_tags
}
