data "aws_partition" "current" {}

locals {
  name       = "${var.environment}-${var.project}"
  identifier = "${local.name}-${var.identifier}"

  engine_version = coalesce(var.engine_version, var.engine == "mysql" ? "8.0" : "16")
  # mysql8.0 / postgres16: the family follows the major version.
  parameter_group_family = var.engine == "mysql" ? "mysql${join(".", slice(split(".", local.engine_version), 0, 2))}" : "postgres${split(".", local.engine_version)[0]}"
  port                   = coalesce(var.port, var.engine == "mysql" ? 3306 : 5432)
  database_name          = coalesce(var.database_name, var.project)

  default_parameters = {
    mysql = [
      { name = "character_set_server", value = "utf8mb4", apply_method = "immediate" },
      { name = "collation_server", value = "utf8mb4_unicode_ci", apply_method = "immediate" },
      { name = "max_connections", value = tostring(var.max_connections), apply_method = "immediate" },
      { name = "slow_query_log", value = "1", apply_method = "immediate" },
      { name = "long_query_time", value = "2", apply_method = "immediate" },
      { name = "require_secure_transport", value = "1", apply_method = "immediate" },
    ]
    postgres = [
      { name = "log_min_duration_statement", value = "2000", apply_method = "immediate" },
      { name = "log_connections", value = "1", apply_method = "immediate" },
      { name = "log_disconnections", value = "1", apply_method = "immediate" },
      { name = "max_connections", value = tostring(var.max_connections), apply_method = "pending-reboot" },
      { name = "rds.force_ssl", value = "1", apply_method = "immediate" },
    ]
  }
  parameters = merge(
    { for p in local.default_parameters[var.engine] : p.name => p },
    { for p in var.parameters : p.name => p },
  )

  log_exports = coalesce(var.enabled_cloudwatch_logs_exports, var.engine == "mysql" ? ["error", "slowquery"] : ["postgresql", "upgrade"])

  replica_identifier = "${local.identifier}-replica"
  log_groups = merge(
    { for l in local.log_exports : "primary/${l}" => "/aws/rds/instance/${local.identifier}/${l}" },
    var.create_read_replica ? { for l in local.log_exports : "replica/${l}" => "/aws/rds/instance/${local.replica_identifier}/${l}" } : {},
  )

  # 160 random bits (crypto/rand, through uuid()) as 40 hex characters: within
  # MySQL's 41-character limit and free of the / " @ RDS refuses. A new value
  # on every run, but used only where it is write-only (never stored) and
  # written only on create or when master_password_version changes.
  generated_master_password = sensitive(substr(replace("${uuid()}${uuid()}", "-", ""), 0, 40))
}

# Partition, region and account for rds-db:connect ARNs, from the instance's
# own ARN (arn:<partition>:rds:<region>:<account>:db:<id>).
locals {
  arn_parts = split(":", aws_db_instance.this.arn)
  iam_connect_arns = flatten([
    for resource_id in concat([aws_db_instance.this.resource_id], aws_db_instance.replica[*].resource_id) : [
      for user in var.iam_database_users :
      "arn:${local.arn_parts[1]}:rds-db:${local.arn_parts[3]}:${local.arn_parts[4]}:dbuser:${resource_id}/${user}"
    ]
  ])
}

# A new name for every incarnation of the instance: a rebuilt environment's
# final snapshot must not collide with the one its predecessor left
# (DBSnapshotAlreadyExists). The id is kept in state, so plans are stable.
resource "terraform_data" "incarnation" {
  triggers_replace = local.identifier
}

################################################################################
# Master credentials
#
# The secret is the only holder of the master password. RDS-managed master
# passwords (manage_master_user_password) cannot be used: RDS refuses to
# create a read replica of an instance whose master password it manages. So
# the password is generated here, written (write-only) to the secret, read
# back (ephemeral) and given write-only to the instance: it is never in state
# or a plan, and the instance always gets what the secret holds — also when
# it is re-created after a rotation. Rotation (`infra db rotate`) changes the
# instance and the secret together, as RDS does for its own secrets.
################################################################################

resource "aws_secretsmanager_secret" "master" {
  name_prefix             = "${var.environment}/${var.project}/${var.identifier}-master-"
  description             = "Master credentials of ${local.identifier} (JSON username/password, the shape of an RDS-managed master secret). Administration and migrations only; applications use IAM database authentication."
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.master_secret_recovery_window_in_days

  tags = merge(var.common_tags, {
    Name = "${local.identifier}-master"
  })
}

resource "aws_secretsmanager_secret_version" "master" {
  secret_id = aws_secretsmanager_secret.master.id
  secret_string_wo = jsonencode({
    username = var.master_username
    password = local.generated_master_password
  })
  secret_string_wo_version = var.master_password_version
}

# secret_id comes from the version, so the read happens after the write.
ephemeral "aws_secretsmanager_secret_version" "master" {
  secret_id = aws_secretsmanager_secret_version.master.secret_id
}

# The zones of the given subnets, for the check on the subnet group. Read
# while planning when the IDs are known; in the compositions the subnets are
# created in the same run, so the read (and the check) happen at apply,
# still before the group is requested, and the networking module already
# spreads each tier over two or more zones.
data "aws_subnet" "this" {
  count = length(var.subnet_ids)

  id = var.subnet_ids[count.index]
}

resource "aws_db_subnet_group" "this" {
  name        = "${local.identifier}-subnets"
  description = "Private data subnets of ${local.identifier}"
  subnet_ids  = var.subnet_ids

  tags = merge(var.common_tags, {
    Name = "${local.identifier}-subnets"
  })

  lifecycle {
    precondition {
      condition     = length(distinct(data.aws_subnet.this[*].availability_zone)) >= 2
      error_message = "subnet_ids must be in at least two availability zones (an RDS subnet group must cover two); they are all in ${join(", ", distinct(data.aws_subnet.this[*].availability_zone))}."
    }
  }
}

# The family is in the name so an engine major upgrade creates the new group
# before the old one (still attached) is deleted.
resource "aws_db_parameter_group" "this" {
  name        = "${local.identifier}-${replace(local.parameter_group_family, ".", "")}"
  family      = local.parameter_group_family
  description = "${var.engine} parameters of ${local.identifier}"

  dynamic "parameter" {
    for_each = local.parameters
    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = parameter.value.apply_method
    }
  }

  tags = merge(var.common_tags, {
    Name = "${local.identifier}-${replace(local.parameter_group_family, ".", "")}"
  })

  lifecycle {
    create_before_destroy = true
  }
}

# No inline rules: ingress only from the allowed security groups on the
# database port; no egress (RDS needs none).
resource "aws_security_group" "this" {
  name        = "${local.identifier}-sg"
  description = "${var.engine} ${local.identifier}: ingress on ${local.port} from the application only"
  vpc_id      = var.vpc_id

  tags = merge(var.common_tags, {
    Name = "${local.identifier}-sg"
  })
}

resource "aws_vpc_security_group_ingress_rule" "allowed" {
  count = length(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "${var.engine} from application security group"
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  referenced_security_group_id = var.allowed_security_group_ids[count.index]

  tags = merge(var.common_tags, {
    Name = "${local.identifier}-from-app-${count.index}"
  })
}

# RDS creates these groups itself on first export, unencrypted and kept
# forever; creating them first sets retention and encryption.
resource "aws_cloudwatch_log_group" "exports" {
  for_each = local.log_groups

  name              = each.value
  retention_in_days = var.cloudwatch_log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.common_tags
}

data "aws_iam_policy_document" "monitoring_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  count = var.monitoring_interval > 0 ? 1 : 0

  name               = "${local.identifier}-rds-monitoring"
  assume_role_policy = data.aws_iam_policy_document.monitoring_assume.json

  tags = var.common_tags
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  count = var.monitoring_interval > 0 ? 1 : 0

  role       = aws_iam_role.monitoring[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "this" {
  identifier     = local.identifier
  engine         = var.engine
  engine_version = local.engine_version
  instance_class = var.instance_class

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = var.storage_type
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  db_name  = local.database_name
  username = var.master_username
  port     = local.port

  password_wo                         = jsondecode(ephemeral.aws_secretsmanager_secret_version.master.secret_string).password
  password_wo_version                 = var.master_password_version
  iam_database_authentication_enabled = var.iam_database_authentication_enabled

  db_subnet_group_name   = aws_db_subnet_group.this.name
  parameter_group_name   = aws_db_parameter_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  publicly_accessible    = false
  multi_az               = var.multi_az

  backup_retention_period    = var.backup_retention_period
  backup_window              = var.backup_window
  maintenance_window         = var.maintenance_window
  copy_tags_to_snapshot      = true
  auto_minor_version_upgrade = var.auto_minor_version_upgrade
  apply_immediately          = var.apply_immediately

  enabled_cloudwatch_logs_exports = local.log_exports

  performance_insights_enabled          = var.performance_insights_enabled
  performance_insights_kms_key_id       = var.performance_insights_enabled ? var.kms_key_arn : null
  performance_insights_retention_period = var.performance_insights_enabled ? 7 : null

  monitoring_interval = var.monitoring_interval
  monitoring_role_arn = var.monitoring_interval > 0 ? aws_iam_role.monitoring[0].arn : null

  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = var.skip_final_snapshot
  final_snapshot_identifier = coalesce(var.final_snapshot_identifier, "${local.identifier}-final-${substr(terraform_data.incarnation.id, 0, 8)}")

  tags = merge(var.common_tags, {
    Name = local.identifier
  })

  depends_on = [
    aws_cloudwatch_log_group.exports,
    aws_iam_role_policy_attachment.monitoring,
  ]
}

# Same-region replica: engine, version, storage encryption, credentials and
# subnet group come from the source.
resource "aws_db_instance" "replica" {
  count = var.create_read_replica ? 1 : 0

  identifier          = local.replica_identifier
  replicate_source_db = aws_db_instance.this.identifier
  instance_class      = coalesce(var.replica_instance_class, var.instance_class)

  storage_type          = var.storage_type
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn
  max_allocated_storage = var.max_allocated_storage

  iam_database_authentication_enabled = var.iam_database_authentication_enabled

  parameter_group_name   = aws_db_parameter_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  publicly_accessible    = false
  multi_az               = false

  backup_retention_period    = 0
  maintenance_window         = var.maintenance_window
  auto_minor_version_upgrade = var.auto_minor_version_upgrade
  apply_immediately          = var.apply_immediately

  enabled_cloudwatch_logs_exports = local.log_exports

  performance_insights_enabled          = var.performance_insights_enabled
  performance_insights_kms_key_id       = var.performance_insights_enabled ? var.kms_key_arn : null
  performance_insights_retention_period = var.performance_insights_enabled ? 7 : null

  monitoring_interval = var.monitoring_interval
  monitoring_role_arn = var.monitoring_interval > 0 ? aws_iam_role.monitoring[0].arn : null

  deletion_protection = var.deletion_protection
  skip_final_snapshot = true

  tags = merge(var.common_tags, {
    Name = local.replica_identifier
    Role = "read-replica"
  })

  depends_on = [aws_cloudwatch_log_group.exports]
}
