locals {
  name = "${var.environment}-${var.project}"
  id   = "${local.name}-redis"

  # IAM-authenticated ElastiCache users must have user_id == user_name.
  app_user_id     = "${local.name}-app"
  default_user_id = "${local.name}-default"
}

resource "aws_elasticache_subnet_group" "this" {
  name        = local.id
  description = "Private data subnets of ${local.id}"
  subnet_ids  = var.subnet_ids

  tags = merge(var.common_tags, {
    Name = local.id
  })
}

# The family is in the name so an engine upgrade to a new family creates the
# new group before the attached old one is deleted.
resource "aws_elasticache_parameter_group" "this" {
  name        = "${local.id}-${replace(var.parameter_group_family, ".", "")}"
  family      = var.parameter_group_family
  description = "Parameters of ${local.id}"

  dynamic "parameter" {
    for_each = { for p in var.parameters : p.name => p.value }
    content {
      name  = parameter.key
      value = parameter.value
    }
  }

  tags = var.common_tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "this" {
  name        = "${local.id}-sg"
  description = "Redis ${local.id}: ingress on ${var.port} from the application only"
  vpc_id      = var.vpc_id

  tags = merge(var.common_tags, {
    Name = "${local.id}-sg"
  })
}

resource "aws_vpc_security_group_ingress_rule" "allowed" {
  count = length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "Redis from application security group"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = var.allowed_security_group_ids[count.index]

  tags = merge(var.common_tags, {
    Name = "${local.id}-from-app-${count.index}"
  })
}

# RBAC: every user group needs a user named "default"; ours is switched off
# ("off"), so the only way in is the application user, which authenticates
# with short-lived IAM tokens (elasticache:Connect). No password or auth
# token exists, so none can reach state.
resource "aws_elasticache_user" "default" {
  user_id       = local.default_user_id
  user_name     = "default"
  engine        = "redis"
  access_string = "off -@all"

  authentication_mode {
    type = "no-password-required"
  }

  tags = var.common_tags
}

resource "aws_elasticache_user" "app" {
  user_id       = local.app_user_id
  user_name     = local.app_user_id
  engine        = "redis"
  access_string = var.app_user_access_string

  authentication_mode {
    type = "iam"
  }

  tags = var.common_tags
}

resource "aws_elasticache_user_group" "this" {
  user_group_id = local.id
  engine        = "redis"
  user_ids = [
    aws_elasticache_user.default.user_id,
    aws_elasticache_user.app.user_id,
  ]

  tags = var.common_tags
}

resource "aws_cloudwatch_log_group" "slow_log" {
  count = var.slow_log_enabled ? 1 : 0

  name              = "/aws/elasticache/${local.id}/slow-log"
  retention_in_days = var.cloudwatch_log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.common_tags
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = local.id
  description          = "Redis of ${var.environment} ${var.project}"

  engine               = "redis"
  engine_version       = var.engine_version
  node_type            = var.node_type
  num_cache_clusters   = var.num_cache_clusters
  port                 = var.port
  parameter_group_name = aws_elasticache_parameter_group.this.name

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.this.id]

  automatic_failover_enabled = var.automatic_failover_enabled
  multi_az_enabled           = var.multi_az_enabled

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.this.user_group_id]

  snapshot_retention_limit   = var.snapshot_retention_limit
  snapshot_window            = var.snapshot_window
  maintenance_window         = var.maintenance_window
  auto_minor_version_upgrade = true
  apply_immediately          = var.apply_immediately

  dynamic "log_delivery_configuration" {
    for_each = aws_cloudwatch_log_group.slow_log
    content {
      destination      = log_delivery_configuration.value.name
      destination_type = "cloudwatch-logs"
      log_format       = "json"
      log_type         = "slow-log"
    }
  }

  tags = merge(var.common_tags, {
    Name = local.id
  })

  lifecycle {
    precondition {
      condition     = !var.multi_az_enabled || var.num_cache_clusters >= 2
      error_message = "multi_az_enabled needs num_cache_clusters >= 2."
    }
  }
}
