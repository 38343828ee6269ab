provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.common_tags
  }
}

locals {
  project = "taskmanager"

  common_tags = {
    Environment = "global"
    Project     = local.project
    ManagedBy   = "terraform"
    Stack       = "global-iam"
    # Which stack owns a resource: `infra drift --unmanaged` finds resources
    # carrying it that are not in the stack's state (a run that died mid-apply).
    "infra:stack" = "global-iam"
  }

  oidc_host = "token.actions.githubusercontent.com"

  # Subjects GitHub puts in the token: pushes to main, pull requests, and
  # jobs bound to a GitHub environment (where required reviewers gate applies).
  main_subject        = "repo:${var.github_repository}:ref:refs/heads/main"
  pull_request_subj   = "repo:${var.github_repository}:pull_request"
  environment_subject = "repo:${var.github_repository}:environment:*"

  apply_subjects = concat(
    [local.main_subject, local.environment_subject],
    var.apply_role_allows_pull_requests ? [local.pull_request_subj] : [],
  )
  role_subjects = {
    apply = local.apply_subjects
    plan  = [local.main_subject, local.pull_request_subj, local.environment_subject]
  }

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition

  state_bucket_arn = "arn:${local.partition}:s3:::${var.state_bucket_name}"
  lock_table_arn   = "arn:${local.partition}:dynamodb:${var.aws_region}:${local.account_id}:table/${var.state_lock_table_name}"

  # Regional services the stacks (environments/*, global/*) create.
  regional_services = [
    "acm", "application-autoscaling", "cloudwatch", "dynamodb", "ec2", "ecr", "ecs",
    "elasticache", "elasticloadbalancing", "events", "kms", "logs", "rds",
    "secretsmanager", "sns", "ssm", "xray",
  ]
  # Global services (their API is served from us-east-1).
  global_services = ["cloudfront", "route53"]

  ci_role_arns = [
    "arn:${local.partition}:iam::${local.account_id}:role/${var.apply_role_name}",
    "arn:${local.partition}:iam::${local.account_id}:role/${var.plan_role_name}",
  ]
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# The state key, found by the alias every backend.tf names.
data "aws_kms_alias" "state" {
  name = var.state_kms_key_alias
}

################################################################################
# GitHub OIDC identity provider
################################################################################

resource "aws_iam_openid_connect_provider" "github" {
  url             = "https://${local.oidc_host}"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = var.github_oidc_thumbprints
}

# One trust policy per role: the GitHub OIDC provider, audience STS, and
# only the listed subjects of this repository.
data "aws_iam_policy_document" "trust" {
  for_each = local.role_subjects

  statement {
    sid     = "GitHubActionsOIDC"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.github.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_host}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "${local.oidc_host}:sub"
      values   = each.value
    }
  }
}

################################################################################
# State access: both roles
################################################################################

# What both roles need of the backend: list the bucket, take and release the
# lock (DynamoDB item and S3 lockfile), and use the state key. A plan takes
# the lock too.
data "aws_iam_policy_document" "state_common" {
  statement {
    sid       = "StateBucketList"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation", "s3:GetBucketVersioning"]
    resources = [local.state_bucket_arn]
  }

  statement {
    sid       = "StateObjectsRead"
    actions   = ["s3:GetObject"]
    resources = ["${local.state_bucket_arn}/*"]
  }

  statement {
    sid       = "StateLockfiles"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.state_bucket_arn}/*.tflock"]
  }

  statement {
    sid       = "LockTableItems"
    actions   = ["dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
    resources = [local.lock_table_arn]
  }

  statement {
    sid       = "StateKey"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
    resources = [data.aws_kms_alias.state.target_key_arn]
  }
}

# The apply role also writes the state objects themselves.
data "aws_iam_policy_document" "state_apply" {
  source_policy_documents = [data.aws_iam_policy_document.state_common.json]

  statement {
    sid       = "StateObjectsWrite"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.state_bucket_arn}/*"]
  }
}

################################################################################
# Managing the stacks: apply role only
################################################################################

data "aws_iam_policy_document" "manage_stacks" {
  statement {
    sid       = "RegionalServices"
    actions   = [for s in local.regional_services : "${s}:*"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [var.aws_region]
    }
  }

  statement {
    sid       = "GlobalServices"
    actions   = concat([for s in local.global_services : "${s}:*"], ["sts:GetCallerIdentity", "iam:Get*", "iam:List*"])
    resources = ["*"]
  }

  statement {
    sid       = "StackBuckets"
    actions   = ["s3:*"]
    resources = flatten([for p in var.managed_name_prefixes : ["arn:${local.partition}:s3:::${p}*", "arn:${local.partition}:s3:::${p}*/*"]])
  }

  statement {
    sid = "StackRolesAndPolicies"
    actions = [
      "iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole",
      "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
      "iam:CreatePolicy", "iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:TagPolicy", "iam:UntagPolicy",
      "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
    ]
    resources = flatten([for p in var.managed_name_prefixes : [
      "arn:${local.partition}:iam::${local.account_id}:role/${p}*",
      "arn:${local.partition}:iam::${local.account_id}:policy/${p}*",
      "arn:${local.partition}:iam::${local.account_id}:instance-profile/${p}*",
    ]])
  }

  statement {
    sid       = "PassStackRolesToServices"
    actions   = ["iam:PassRole"]
    resources = [for p in var.managed_name_prefixes : "arn:${local.partition}:iam::${local.account_id}:role/${p}*"]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values = [
        "ecs-tasks.amazonaws.com", "ecs.amazonaws.com", "monitoring.rds.amazonaws.com",
        "vpc-flow-logs.amazonaws.com", "application-autoscaling.amazonaws.com", "events.amazonaws.com",
      ]
    }
  }

  statement {
    sid       = "ServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/*"]

    condition {
      test     = "StringLike"
      variable = "iam:AWSServiceName"
      values = [
        "ecs.amazonaws.com", "rds.amazonaws.com", "elasticache.amazonaws.com",
        "elasticloadbalancing.amazonaws.com", "ecs.application-autoscaling.amazonaws.com",
      ]
    }
  }

  # Guard rails: CI can neither widen its own access nor break the backend.
  statement {
    sid     = "DenyOwnIdentityChanges"
    effect  = "Deny"
    actions = ["iam:*"]
    resources = concat(local.ci_role_arns, [
      aws_iam_openid_connect_provider.github.arn,
    ])
  }

  statement {
    sid    = "DenyStateBackendDestruction"
    effect = "Deny"
    actions = [
      "s3:DeleteBucket", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketVersioning",
      "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration", "s3:DeleteObjectVersion",
    ]
    resources = [local.state_bucket_arn, "${local.state_bucket_arn}/*"]
  }

  statement {
    sid       = "DenyLockTableDestruction"
    effect    = "Deny"
    actions   = ["dynamodb:DeleteTable", "dynamodb:UpdateTable"]
    resources = [local.lock_table_arn]
  }

  statement {
    sid       = "DenyStateKeyDestruction"
    effect    = "Deny"
    actions   = ["kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:PutKeyPolicy", "kms:DeleteAlias", "kms:UpdateAlias"]
    resources = [data.aws_kms_alias.state.target_key_arn, data.aws_kms_alias.state.arn]
  }

  statement {
    sid       = "DenyIamUsersAndKeys"
    effect    = "Deny"
    actions   = ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"]
    resources = ["*"]
  }
}

################################################################################
# Roles
################################################################################

resource "aws_iam_role" "apply" {
  name                 = var.apply_role_name
  description          = "GitHub Actions (${var.github_repository}): plan and apply the Terraform stacks."
  assume_role_policy   = data.aws_iam_policy_document.trust["apply"].json
  max_session_duration = var.max_session_duration
}

resource "aws_iam_role_policy" "apply_state" {
  name   = "terraform-state"
  role   = aws_iam_role.apply.id
  policy = data.aws_iam_policy_document.state_apply.json
}

resource "aws_iam_role_policy" "apply_manage" {
  name   = "manage-stacks"
  role   = aws_iam_role.apply.id
  policy = data.aws_iam_policy_document.manage_stacks.json
}

resource "aws_iam_role" "plan" {
  name                 = var.plan_role_name
  description          = "GitHub Actions (${var.github_repository}): plan only (read-only, takes the state lock)."
  assume_role_policy   = data.aws_iam_policy_document.trust["plan"].json
  max_session_duration = var.max_session_duration
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  role       = aws_iam_role.plan.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy" "plan_state" {
  name   = "terraform-state"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.state_common.json
}
