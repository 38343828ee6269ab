data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  name       = "${var.environment}-${var.project}"
  alias_name = coalesce(var.alias_name, "alias/${local.name}")

  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.name
  partition  = data.aws_partition.current.partition
  dns_suffix = data.aws_partition.current.dns_suffix
  root_arn   = "arn:${local.partition}:iam::${local.account_id}:root"

  # Data-plane actions every user of the key needs; grants for the services
  # that hold the key on the caller's behalf (RDS, ElastiCache, EBS).
  use_actions = [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:DescribeKey",
  ]

  statements = concat(
    [
      {
        # Key policy root statement: the account administers the key and
        # IAM policies in the account can grant its use.
        Sid       = "AccountRootAdministers"
        Effect    = "Allow"
        Principal = { AWS = local.root_arn }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        # CloudWatch Logs encrypts log groups of this account only.
        Sid       = "CloudWatchLogsEncryptLogGroups"
        Effect    = "Allow"
        Principal = { Service = "logs.${local.region}.${local.dns_suffix}" }
        Action = [
          "kms:Encrypt*",
          "kms:Decrypt*",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Describe*",
        ]
        Resource = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"
          }
        }
      },
      {
        # Principals of this account may use the key only through the
        # services that store data with it.
        Sid       = "UseThroughAwsServices"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = concat(local.use_actions, ["kms:CreateGrant", "kms:ListGrants"])
        Resource  = "*"
        Condition = {
          StringEquals = {
            "kms:CallerAccount" = local.account_id
            "kms:ViaService"    = [for s in var.via_services : "${s}.${local.region}.${local.dns_suffix}"]
          }
        }
      },
      {
        # CloudWatch alarms publish to SNS topics encrypted with this key.
        Sid       = "ServicePrincipalsUseKey"
        Effect    = "Allow"
        Principal = { Service = distinct(concat(["cloudwatch.${local.dns_suffix}"], var.service_principals)) }
        Action    = ["kms:GenerateDataKey*", "kms:Decrypt"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.account_id }
        }
      },
    ],
    length(var.administrator_arns) == 0 ? [] : [
      {
        Sid       = "KeyAdministrators"
        Effect    = "Allow"
        Principal = { AWS = var.administrator_arns }
        Action = [
          "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
          "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
          "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
        ]
        Resource = "*"
      },
    ],
  )
}

resource "aws_kms_key" "this" {
  description             = coalesce(var.description, "${var.environment} ${var.project} data encryption key")
  deletion_window_in_days = var.deletion_window_in_days
  enable_key_rotation     = true
  rotation_period_in_days = var.rotation_period_in_days
  key_usage               = "ENCRYPT_DECRYPT"

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.statements
  })

  tags = merge(var.common_tags, {
    Name = "${local.name}-kms"
  })
}

resource "aws_kms_alias" "this" {
  name          = local.alias_name
  target_key_id = aws_kms_key.this.key_id
}
