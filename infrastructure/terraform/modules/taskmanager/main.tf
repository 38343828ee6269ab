# One composition for every Task Manager environment (the Task Manager design): the
# environments differ only in the sizes they pass, so staging really has
# production's shape ("Environment Parity") and a fix lands everywhere.

locals {
  name = "${var.environment}-${var.project}"

  api_port = 8000

  # Container health check exactly as the design's API task definition.
  api_health_check = ["CMD-SHELL", "curl -f http://localhost:${local.api_port}/health || exit 1"]

  # The application's own database login (not the master): IAM database
  # authentication, so there is no password to hand out or to go stale.
  db_app_user = "${var.project}_${var.environment == "production" ? "prod" : var.environment}"

  # Connection settings without credentials: the application signs a token
  # for db_app_user with its task role (rds-db:connect) at each connect.
  database_environment = {
    DATABASE_URL      = "mysql://${local.db_app_user}@${module.database.address}:${module.database.port}/${module.database.db_name}?ssl-mode=REQUIRED"
    DATABASE_READ_URL = "mysql://${local.db_app_user}@${coalesce(module.database.replica_address, module.database.address)}:${module.database.port}/${module.database.db_name}?ssl-mode=REQUIRED"
    DATABASE_IAM_AUTH = "true"
    DATABASE_IAM_USER = local.db_app_user
  }
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_ecr_repository" "app" {
  for_each = toset([var.api_repository_name, var.worker_repository_name])

  name = each.value
}

data "aws_route53_zone" "main" {
  name         = var.domain_name
  private_zone = false
}

module "kms" {
  source = "../kms"

  project     = var.project
  environment = var.environment
  description = "Encrypts ${local.name}: logs, database, cache, secrets, alarms"
  common_tags = var.common_tags
}

module "networking" {
  source = "../networking"

  project                 = var.project
  environment             = var.environment
  vpc_cidr                = var.vpc_cidr
  availability_zones      = var.availability_zones
  single_nat_gateway      = var.single_nat_gateway
  flow_log_retention_days = var.log_retention_days
  kms_key_arn             = module.kms.key_arn
  common_tags             = var.common_tags
}

module "certificate" {
  source = "../acm-certificate"

  domain_name = var.api_domain_name
  zone_id     = data.aws_route53_zone.main.zone_id
  common_tags = var.common_tags
}

module "alb" {
  source = "../alb"

  project                   = var.project
  environment               = var.environment
  vpc_id                    = module.networking.vpc_id
  vpc_cidr                  = module.networking.vpc_cidr
  subnet_ids                = module.networking.public_subnet_ids
  certificate_arn           = module.certificate.certificate_arn
  deletion_protection       = var.alb_deletion_protection
  access_logs_force_destroy = !var.alb_deletion_protection

  target_groups = {
    api = {
      port              = local.api_port
      health_check_path = "/health"
    }
  }

  common_tags = var.common_tags
}

resource "aws_route53_record" "api" {
  zone_id = data.aws_route53_zone.main.zone_id
  name    = var.api_domain_name
  type    = "A"

  alias {
    name                   = module.alb.dns_name
    zone_id                = module.alb.zone_id
    evaluate_target_health = true
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
  ingress_security_group_id = module.alb.security_group_id

  # Redis and database users authenticate with IAM tokens (no password
  # anywhere the application can see).
  task_role_policies = {
    redis    = data.aws_iam_policy_document.task.json
    database = data.aws_iam_policy_document.database_connect.json
  }

  services = {
    api = {
      image            = "${data.aws_ecr_repository.app[var.api_repository_name].repository_url}:${var.image_tag}"
      cpu              = var.api.cpu
      memory           = var.api.memory
      container_port   = local.api_port
      desired_count    = var.api.desired_count
      min_capacity     = var.api.min_capacity
      max_capacity     = var.api.max_capacity
      target_group_arn = module.alb.target_group_arns["api"]
      environment      = merge({ LOG_LEVEL = var.log_level }, local.database_environment)
      secrets = {
        REDIS_URL      = module.secrets.env_secret_arns["REDIS_URL"]
        JWT_SECRET_KEY = module.secrets.env_secret_arns["JWT_SECRET_KEY"]
      }
      health_check_command = local.api_health_check
    }
    worker = {
      image         = "${data.aws_ecr_repository.app[var.worker_repository_name].repository_url}:${var.image_tag}"
      cpu           = var.worker.cpu
      memory        = var.worker.memory
      desired_count = var.worker.desired_count
      min_capacity  = var.worker.min_capacity
      max_capacity  = var.worker.max_capacity
      environment   = merge({ LOG_LEVEL = var.log_level }, local.database_environment)
      secrets = {
        REDIS_URL = module.secrets.env_secret_arns["REDIS_URL"]
      }
    }
  }

  # Schema migrations and the application's database user, run with
  # `aws ecs run-task` (see the environment README): the only task that logs
  # in as the master, with the keys of the live master secret, so a task
  # started after a rotation gets the current password.
  tasks = {
    migrate = {
      image   = "${data.aws_ecr_repository.app[var.api_repository_name].repository_url}:${var.image_tag}"
      cpu     = 512
      memory  = 1024
      command = var.migration_command
      environment = {
        LOG_LEVEL         = var.log_level
        DATABASE_HOST     = module.database.address
        DATABASE_PORT     = tostring(module.database.port)
        DATABASE_NAME     = module.database.db_name
        DATABASE_IAM_USER = local.db_app_user
      }
      secrets = {
        DATABASE_MASTER_USERNAME = "${module.database.master_secret_arn}:username::"
        DATABASE_MASTER_PASSWORD = "${module.database.master_secret_arn}:password::"
      }
    }
  }

  common_tags = var.common_tags
}

# ARNs built from names: the replication group and user are created after
# the task role's policies are planned.
data "aws_iam_policy_document" "task" {
  statement {
    sid     = "RedisIAMAuth"
    actions = ["elasticache:Connect"]
    resources = [
      "arn:${data.aws_partition.current.partition}:elasticache:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:replicationgroup:${local.name}-redis",
      "arn:${data.aws_partition.current.partition}:elasticache:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:user:${local.name}-app",
    ]
  }
}

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
  engine                        = "mysql"
  instance_class                = var.database.instance_class
  allocated_storage             = var.database.allocated_storage
  max_allocated_storage         = var.database.max_allocated_storage
  multi_az                      = var.database.multi_az
  vpc_id                        = module.networking.vpc_id
  subnet_ids                    = module.networking.private_data_subnet_ids
  allowed_security_group_ids    = module.ecs.security_group_id_list
  kms_key_arn                   = module.kms.key_arn
  backup_retention_period       = var.database.backup_retention_period
  max_connections               = var.database.max_connections
  deletion_protection           = var.database.deletion_protection
  skip_final_snapshot           = var.database.skip_final_snapshot
  create_read_replica           = var.database.create_read_replica
  replica_instance_class        = var.database.replica_instance_class
  cloudwatch_log_retention_days = var.log_retention_days
  iam_database_users            = [local.db_app_user]
  master_password_version       = var.database.master_password_version

  master_secret_recovery_window_in_days = var.secrets_recovery_window_in_days

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

module "secrets" {
  source = "../secrets"

  project                 = var.project
  environment             = var.environment
  kms_key_arn             = module.kms.key_arn
  recovery_window_in_days = var.secrets_recovery_window_in_days
  secret_version          = var.secret_version

  redis = {
    address  = module.cache.primary_endpoint_address
    port     = module.cache.port
    username = module.cache.app_user_id
  }
  generated_secrets = {
    JWT_SECRET_KEY = { name = "jwt-secret" }
  }

  common_tags = var.common_tags
}

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
  db_instance_ids              = compact([module.database.instance_id, module.database.replica_id])
  db_max_connections_threshold = floor(var.database.max_connections * 0.8)
  # Node ids follow AWS's <group>-00N pattern; known while planning, unlike
  # the computed member_clusters, so alarms can be keyed by them.
  cache_cluster_ids = [for i in range(var.cache.num_cache_clusters) : format("%s-%03d", module.cache.replication_group_id, i + 1)]
  common_tags       = var.common_tags
}
