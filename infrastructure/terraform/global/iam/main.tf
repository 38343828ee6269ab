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

  region_account = "${var.aws_region}:${local.account_id}"

  # ARNs of the names the stacks give their resources. Environment stacks
  # name everything <environment>-<project>-…; buckets, ECR repositories,
  # key aliases and IAM names also start with <project>- (global/ecr,
  # hms-backups-<env>, alias/<project>-ecr): managed_name_prefixes.
  environment_prefixes = [for e in var.managed_environments : "${e}-"]
  named = merge(
    {
      for kind, fmt in {
        alb          = "arn:${local.partition}:elasticloadbalancing:${local.region_account}:loadbalancer/app/%s*"
        alb_listener = "arn:${local.partition}:elasticloadbalancing:${local.region_account}:listener/app/%s*"
        alb_rule     = "arn:${local.partition}:elasticloadbalancing:${local.region_account}:listener-rule/app/%s*"
        target_group = "arn:${local.partition}:elasticloadbalancing:${local.region_account}:targetgroup/%s*"
        ecs_cluster  = "arn:${local.partition}:ecs:${local.region_account}:cluster/%s*"
        ecs_service  = "arn:${local.partition}:ecs:${local.region_account}:service/%s*"
        ecs_taskdef  = "arn:${local.partition}:ecs:${local.region_account}:task-definition/%s*"
        rds_db       = "arn:${local.partition}:rds:${local.region_account}:db:%s*"
        rds_subgrp   = "arn:${local.partition}:rds:${local.region_account}:subgrp:%s*"
        rds_pg       = "arn:${local.partition}:rds:${local.region_account}:pg:%s*"
        rds_snapshot = "arn:${local.partition}:rds:${local.region_account}:snapshot:%s*"
        cache_group  = "arn:${local.partition}:elasticache:${local.region_account}:replicationgroup:%s*"
        cache_node   = "arn:${local.partition}:elasticache:${local.region_account}:cluster:%s*"
        cache_subnet = "arn:${local.partition}:elasticache:${local.region_account}:subnetgroup:%s*"
        cache_params = "arn:${local.partition}:elasticache:${local.region_account}:parametergroup:%s*"
        cache_user   = "arn:${local.partition}:elasticache:${local.region_account}:user:%s*"
        cache_users  = "arn:${local.partition}:elasticache:${local.region_account}:usergroup:%s*"
        sns_topic    = "arn:${local.partition}:sns:${local.region_account}:%s*"
        alarm        = "arn:${local.partition}:cloudwatch:${local.region_account}:alarm:%s*"
        dashboard    = "arn:${local.partition}:cloudwatch::${local.account_id}:dashboard/%s*"
        xray_rule    = "arn:${local.partition}:xray:${local.region_account}:sampling-rule/%s*"
      } : kind => [for p in local.environment_prefixes : format(fmt, p)]
    },
    {
      for kind, fmt in {
        ecr_repo  = "arn:${local.partition}:ecr:${local.region_account}:repository/%s*"
        kms_alias = "arn:${local.partition}:kms:${local.region_account}:alias/%s*"
        bucket    = "arn:${local.partition}:s3:::%s*"
        object    = "arn:${local.partition}:s3:::%s*/*"
        role      = "arn:${local.partition}:iam::${local.account_id}:role/%s*"
        policy    = "arn:${local.partition}:iam::${local.account_id}:policy/%s*"
        profile   = "arn:${local.partition}:iam::${local.account_id}:instance-profile/%s*"
      } : kind => [for p in var.managed_name_prefixes : format(fmt, p)]
    },
  )

  # Secrets are named <environment>/<project>/…; log groups by path.
  secret_arns    = [for e in var.managed_environments : "arn:${local.partition}:secretsmanager:${local.region_account}:secret:${e}/*"]
  log_group_arns = [for p in var.managed_log_group_paths : "arn:${local.partition}:logs:${local.region_account}:log-group:${p}*"]

  # Resources whose ARNs carry an identifier AWS assigns (vpc-…, a key id, a
  # certificate id, a zone id, a distribution id): scoped to this account
  # and region, not to a name.
  ec2_arns        = ["arn:${local.partition}:ec2:${local.region_account}:*"]
  kms_key_arns    = ["arn:${local.partition}:kms:${local.region_account}:key/*"]
  acm_arns        = ["arn:${local.partition}:acm:${local.region_account}:certificate/*"]
  scaling_arns    = ["arn:${local.partition}:application-autoscaling:${local.region_account}:scalable-target/*"]
  route53_arns    = ["arn:${local.partition}:route53:::hostedzone/*", "arn:${local.partition}:route53:::change/*"]
  cloudfront_arns = [for t in ["distribution", "origin-access-control", "cache-policy", "origin-request-policy", "response-headers-policy"] : "arn:${local.partition}:cloudfront::${local.account_id}:${t}/*"]

  ci_role_arns = [
    "arn:${local.partition}:iam::${local.account_id}:role/${var.apply_role_name}",
    "arn:${local.partition}:iam::${local.account_id}:role/${var.plan_role_name}",
  ]
  # The apply role's managed policies (aws_iam_policy.apply).
  ci_policy_arns = ["arn:${local.partition}:iam::${local.account_id}:policy/${var.apply_role_name}-*"]
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
# infra:waive INFRA-IAM-008 until=2027-06-30 reason="no statement is on *: tfsec reads the state object keys (bucket/*) and lockfiles (*.tflock) of the one state bucket as wildcards"
#tfsec:ignore:aws-iam-no-policy-wildcards:exp:2027-06-30
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
# infra:waive INFRA-IAM-008 until=2027-06-30 reason="no statement is on *: the state object keys of the one state bucket (bucket/*)"
#tfsec:ignore:aws-iam-no-policy-wildcards:exp:2027-06-30
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

# What the stacks' resources need, service by service, from AWS's "Actions,
# resources, and condition keys" pages (Service Authorization Reference,
# https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html;
# per service list_<service>.html, e.g. list_amazonec2.html,
# list_amazonrds.html, list_awscertificatemanager.html). Actions that take a
# resource type are scoped to the stacks' names (or, where AWS assigns the
# identifier, to this account and region); only actions with no resource
# type, and read-only Describe/List calls, are on "*" (statements UnscopedRegional, UnscopedGlobal).
#
# The statements are split over managed policies by area: one role's
# inline policies hold at most 10,240 characters together, a managed
# policy 6,144 (IAM quotas, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).

# Network, load balancers, containers, scaling, logs.
# infra:waive INFRA-IAM-008 until=2027-06-30 reason="Describe/List actions and actions without a resource type in the Service Authorization Reference are on *; the rest name the stacks' resources by name prefix or, where AWS assigns the id, by account and region"
#tfsec:ignore:aws-iam-no-policy-wildcards:exp:2027-06-30
data "aws_iam_policy_document" "apply_compute" {
  statement {
    sid = "UnscopedRegional"
    actions = [
      "ec2:Describe*",
      "elasticloadbalancing:Describe*",
      "ecs:Describe*", "ecs:List*", "ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition",
      "rds:Describe*", "rds:ListTagsForResource",
      "elasticache:Describe*", "elasticache:ListTagsForResource",
      "logs:DescribeLogGroups", "logs:ListTagsForResource", "logs:ListTagsLogGroup",
      "kms:CreateKey", "kms:ListAliases", "kms:ListKeys",
      "secretsmanager:GetRandomPassword", "secretsmanager:ListSecrets",
      "sns:ListTopics",
      "cloudwatch:DescribeAlarms", "cloudwatch:ListDashboards", "cloudwatch:ListTagsForResource",
      "application-autoscaling:Describe*",
      "xray:GetSamplingRules",
      "acm:RequestCertificate", "acm:ListCertificates",
    ]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [var.aws_region]
    }
  }

  statement {
    sid = "UnscopedGlobal"
    actions = [
      "sts:GetCallerIdentity",
      "route53:CreateHostedZone", "route53:ListHostedZones", "route53:ListHostedZonesByName", "route53:GetHostedZoneCount",
      "cloudfront:ListCachePolicies", "cloudfront:ListOriginRequestPolicies", "cloudfront:ListResponseHeadersPolicies",
      "cloudfront:ListOriginAccessControls", "cloudfront:ListDistributions",
      "s3:ListAllMyBuckets",
      "iam:Get*", "iam:List*",
    ]
    resources = ["*"]
  }

  statement {
    sid = "Network"
    actions = [
      "ec2:CreateVpc", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute",
      "ec2:CreateSubnet", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute",
      "ec2:CreateInternetGateway", "ec2:AttachInternetGateway", "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway",
      "ec2:AllocateAddress", "ec2:ReleaseAddress", "ec2:DisassociateAddress",
      "ec2:CreateNatGateway", "ec2:DeleteNatGateway",
      "ec2:CreateRouteTable", "ec2:DeleteRouteTable", "ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute",
      "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable",
      "ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup",
      "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
      "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:ModifySecurityGroupRules",
      "ec2:UpdateSecurityGroupRuleDescriptionsIngress", "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
      "ec2:CreateFlowLogs", "ec2:DeleteFlowLogs", "ec2:CreateTags", "ec2:DeleteTags",
    ]
    resources = local.ec2_arns
  }

  statement {
    sid = "LoadBalancers"
    actions = [
      "elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:DeleteLoadBalancer",
      "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
      "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:DeleteTargetGroup",
      "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes",
      "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:ModifyListener",
      "elasticloadbalancing:ModifyListenerAttributes", "elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:RemoveListenerCertificates",
      "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule", "elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities",
      "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags",
    ]
    resources = concat(local.named.alb, local.named.alb_listener, local.named.alb_rule, local.named.target_group)
  }

  statement {
    sid = "ContainerServices"
    actions = [
      "ecs:CreateCluster", "ecs:DeleteCluster", "ecs:UpdateCluster", "ecs:UpdateClusterSettings", "ecs:PutClusterCapacityProviders",
      "ecs:CreateService", "ecs:UpdateService", "ecs:DeleteService", "ecs:TagResource", "ecs:UntagResource",
    ]
    resources = concat(local.named.ecs_cluster, local.named.ecs_service, local.named.ecs_taskdef)
  }

  statement {
    sid = "ScalingTargets"
    actions = [
      "application-autoscaling:RegisterScalableTarget", "application-autoscaling:DeregisterScalableTarget",
      "application-autoscaling:PutScalingPolicy", "application-autoscaling:DeleteScalingPolicy",
      "application-autoscaling:TagResource", "application-autoscaling:UntagResource", "application-autoscaling:ListTagsForResource",
    ]
    resources = local.scaling_arns
  }

  statement {
    sid = "LogGroups"
    actions = [
      "logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
      "logs:AssociateKmsKey", "logs:DisassociateKmsKey", "logs:TagResource", "logs:UntagResource", "logs:TagLogGroup", "logs:UntagLogGroup",
    ]
    resources = local.log_group_arns
  }


}

# Databases, caches, keys, secrets, buckets.
# infra:waive INFRA-IAM-008 until=2027-06-30 reason="Describe/List actions and actions without a resource type in the Service Authorization Reference are on *; the rest name the stacks' resources by name prefix or, where AWS assigns the id, by account and region"
#tfsec:ignore:aws-iam-no-policy-wildcards:exp:2027-06-30
data "aws_iam_policy_document" "apply_data" {
  statement {
    sid = "Databases"
    actions = [
      "rds:CreateDBInstance", "rds:CreateDBInstanceReadReplica", "rds:ModifyDBInstance", "rds:DeleteDBInstance", "rds:RebootDBInstance",
      "rds:CreateDBSnapshot", "rds:CreateDBSubnetGroup", "rds:ModifyDBSubnetGroup", "rds:DeleteDBSubnetGroup",
      "rds:CreateDBParameterGroup", "rds:ModifyDBParameterGroup", "rds:DeleteDBParameterGroup",
      "rds:AddTagsToResource", "rds:RemoveTagsFromResource",
    ]
    resources = concat(local.named.rds_db, local.named.rds_subgrp, local.named.rds_pg, local.named.rds_snapshot,
    ["arn:${local.partition}:rds:${local.region_account}:og:default:*"])
  }

  statement {
    sid       = "ReservedDatabases"
    actions   = ["rds:PurchaseReservedDBInstancesOffering", "rds:AddTagsToResource", "rds:RemoveTagsFromResource"]
    resources = ["arn:${local.partition}:rds:${local.region_account}:ri:*"]
  }

  statement {
    sid = "Caches"
    actions = [
      "elasticache:CreateReplicationGroup", "elasticache:ModifyReplicationGroup", "elasticache:DeleteReplicationGroup",
      "elasticache:CreateCacheCluster", "elasticache:DeleteCacheCluster",
      "elasticache:CreateCacheSubnetGroup", "elasticache:ModifyCacheSubnetGroup", "elasticache:DeleteCacheSubnetGroup",
      "elasticache:CreateCacheParameterGroup", "elasticache:ModifyCacheParameterGroup", "elasticache:ResetCacheParameterGroup", "elasticache:DeleteCacheParameterGroup",
      "elasticache:CreateUser", "elasticache:ModifyUser", "elasticache:DeleteUser",
      "elasticache:CreateUserGroup", "elasticache:ModifyUserGroup", "elasticache:DeleteUserGroup",
      "elasticache:AddTagsToResource", "elasticache:RemoveTagsFromResource",
    ]
    resources = concat(local.named.cache_group, local.named.cache_node, local.named.cache_subnet, local.named.cache_params,
    local.named.cache_user, local.named.cache_users)
  }

  statement {
    sid = "Keys"
    actions = [
      "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags",
      "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:UpdateKeyDescription",
      "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource",
      "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant",
    ]
    resources = local.kms_key_arns
  }

  statement {
    sid       = "KeyAliases"
    actions   = ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"]
    resources = concat(local.named.kms_alias, local.kms_key_arns)
  }

  statement {
    sid = "Secrets"
    actions = [
      "secretsmanager:CreateSecret", "secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue",
      "secretsmanager:UpdateSecret", "secretsmanager:DeleteSecret", "secretsmanager:GetResourcePolicy",
      "secretsmanager:TagResource", "secretsmanager:UntagResource",
    ]
    resources = local.secret_arns
  }

  statement {
    sid = "StackBuckets"
    actions = [
      "s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket", "s3:ListBucketVersions", "s3:GetBucket*",
      "s3:GetAccelerateConfiguration", "s3:GetLifecycleConfiguration", "s3:GetReplicationConfiguration", "s3:GetEncryptionConfiguration",
      "s3:PutBucketTagging", "s3:PutBucketVersioning", "s3:PutEncryptionConfiguration", "s3:PutBucketOwnershipControls",
      "s3:PutBucketPublicAccessBlock", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutLifecycleConfiguration",
      "s3:DeleteObject", "s3:DeleteObjectVersion",
    ]
    resources = concat(local.named.bucket, local.named.object)
  }
}

# Alarms, images, certificates, zones, distributions, the stacks' own roles.
# infra:waive INFRA-IAM-008 until=2027-06-30 reason="Describe/List actions and actions without a resource type in the Service Authorization Reference are on *; the rest name the stacks' resources by name prefix or, where AWS assigns the id, by account and region"
#tfsec:ignore:aws-iam-no-policy-wildcards:exp:2027-06-30
data "aws_iam_policy_document" "apply_edge_identity" {
  statement {
    sid = "AlarmsAndDashboards"
    actions = [
      "sns:CreateTopic", "sns:DeleteTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes",
      "sns:Subscribe", "sns:Unsubscribe", "sns:GetSubscriptionAttributes", "sns:SetSubscriptionAttributes", "sns:ListSubscriptionsByTopic",
      "sns:ListTagsForResource", "sns:TagResource", "sns:UntagResource",
      "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource",
      "cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards",
      "xray:CreateSamplingRule", "xray:UpdateSamplingRule", "xray:DeleteSamplingRule",
      "xray:TagResource", "xray:UntagResource", "xray:ListTagsForResource",
    ]
    # Target-tracking scaling policies create their alarms as the caller:
    # TargetTracking-service/<cluster>/<service>-… (the cluster is <environment>-…).
    resources = concat(local.named.sns_topic, local.named.alarm, local.named.dashboard, local.named.xray_rule,
    [for p in local.environment_prefixes : "arn:${local.partition}:cloudwatch:${local.region_account}:alarm:TargetTracking-service/${p}*"])
  }

  statement {
    sid = "ImageRepositories"
    actions = [
      "ecr:CreateRepository", "ecr:DeleteRepository", "ecr:DescribeRepositories", "ecr:ListTagsForResource",
      "ecr:PutLifecyclePolicy", "ecr:GetLifecyclePolicy", "ecr:DeleteLifecyclePolicy",
      "ecr:SetRepositoryPolicy", "ecr:GetRepositoryPolicy", "ecr:DeleteRepositoryPolicy",
      "ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability", "ecr:TagResource", "ecr:UntagResource",
    ]
    resources = local.named.ecr_repo
  }

  statement {
    sid = "CertificatesZonesDistributions"
    actions = [
      "acm:DescribeCertificate", "acm:GetCertificate", "acm:DeleteCertificate",
      "acm:AddTagsToCertificate", "acm:RemoveTagsFromCertificate", "acm:ListTagsForCertificate",
      "route53:GetHostedZone", "route53:DeleteHostedZone", "route53:UpdateHostedZoneComment",
      "route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:GetChange",
      "route53:ChangeTagsForResource", "route53:ListTagsForResource", "route53:GetDNSSEC",
      "cloudfront:CreateDistribution", "cloudfront:GetDistribution", "cloudfront:GetDistributionConfig",
      "cloudfront:UpdateDistribution", "cloudfront:DeleteDistribution",
      "cloudfront:TagResource", "cloudfront:UntagResource", "cloudfront:ListTagsForResource",
      "cloudfront:CreateOriginAccessControl", "cloudfront:GetOriginAccessControl",
      "cloudfront:UpdateOriginAccessControl", "cloudfront:DeleteOriginAccessControl",
      "cloudfront:GetCachePolicy", "cloudfront:GetOriginRequestPolicy", "cloudfront:GetResponseHeadersPolicy",
    ]
    resources = concat(local.acm_arns, local.route53_arns, local.cloudfront_arns)
  }

  statement {
    sid = "StackRolesAndPolicies"
    actions = [
      "iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole",
      "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
      "iam:CreatePolicy", "iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:TagPolicy", "iam:UntagPolicy",
      "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile",
    ]
    resources = concat(local.named.role, local.named.policy, local.named.profile)
  }

  statement {
    sid       = "PassStackRolesToServices"
    actions   = ["iam:PassRole"]
    resources = local.named.role

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
}

# Guard rails: CI can neither widen its own access nor break the backend.
data "aws_iam_policy_document" "apply_guard_rails" {
  statement {
    sid    = "DenyOwnIdentityChanges"
    effect = "Deny"
    actions = [
      "iam:CreateRole", "iam:DeleteRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy",
      "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
      "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:TagRole", "iam:UntagRole", "iam:PassRole",
      "iam:CreateOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider", "iam:UpdateOpenIDConnectProviderThumbprint",
      "iam:AddClientIDToOpenIDConnectProvider", "iam:RemoveClientIDFromOpenIDConnectProvider",
      "iam:TagOpenIDConnectProvider", "iam:UntagOpenIDConnectProvider",
      "iam:CreatePolicy", "iam:DeletePolicy", "iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion",
      "iam:TagPolicy", "iam:UntagPolicy",
    ]
    resources = concat(local.ci_role_arns, local.ci_policy_arns, [
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

# infra:waive INFRA-IAM-003 until=2027-06-30 reason="kms:CreateKey has no resource type (the key id does not exist yet); keys are then scoped to this account and region, the state key is denied"
# infra:waive INFRA-IAM-008 until=2027-06-30 reason="UnscopedRegional/UnscopedGlobal: Describe/List actions and actions without a resource type (kms:CreateKey, acm:RequestCertificate, route53:CreateHostedZone, ecs:RegisterTaskDefinition, secretsmanager:GetRandomPassword)"
resource "aws_iam_policy" "apply_compute" {
  name        = "${var.apply_role_name}-compute"
  description = "GitHub Actions (${var.github_repository}): the apply role's permissions: network, load balancers, containers, scaling, logs."
  policy      = data.aws_iam_policy_document.apply_compute.json
}

resource "aws_iam_policy" "apply_data" {
  name        = "${var.apply_role_name}-data"
  description = "GitHub Actions (${var.github_repository}): the apply role's permissions: databases, caches, keys, secrets, buckets."
  policy      = data.aws_iam_policy_document.apply_data.json
}

resource "aws_iam_policy" "apply_edge_identity" {
  name        = "${var.apply_role_name}-edge-identity"
  description = "GitHub Actions (${var.github_repository}): the apply role's permissions: alarms, images, certificates, zones, distributions, the stacks' roles."
  policy      = data.aws_iam_policy_document.apply_edge_identity.json
}

resource "aws_iam_policy" "apply_guard_rails" {
  name        = "${var.apply_role_name}-guard-rails"
  description = "GitHub Actions (${var.github_repository}): the apply role's permissions: the guard rails."
  policy      = data.aws_iam_policy_document.apply_guard_rails.json
}

# One managed policy per area (see above); attached to the apply role only.
resource "aws_iam_role_policy_attachment" "apply" {
  for_each = {
    compute       = aws_iam_policy.apply_compute.arn
    data          = aws_iam_policy.apply_data.arn
    edge-identity = aws_iam_policy.apply_edge_identity.arn
    guard-rails   = aws_iam_policy.apply_guard_rails.arn
  }

  role       = aws_iam_role.apply.name
  policy_arn = each.value
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

# ReadOnlyAccess has neither of these, and a plan needs both: the secrets
# module's ephemeral aws_secretsmanager_random_password is opened on every
# plan (GetRandomPassword), and refreshing an aws_secretsmanager_secret_version
# (and the database module's ephemeral read of its master secret) calls
# GetSecretValue, which Secrets Manager decrypts with the caller's kms:Decrypt.
# infra:waive INFRA-IAM-008 until=2027-06-30 reason="secretsmanager:GetRandomPassword has no resource type; secret reads are scoped to <environment>/… and decrypts to Secrets Manager on this account's keys"
#tfsec:ignore:aws-iam-no-policy-wildcards:exp:2027-06-30
data "aws_iam_policy_document" "plan_secrets" {
  statement {
    sid       = "RandomPasswords"
    actions   = ["secretsmanager:GetRandomPassword"]
    resources = ["*"]
  }

  statement {
    sid       = "StackSecretsRead"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = local.secret_arns
  }

  statement {
    sid       = "StackSecretsDecrypt"
    actions   = ["kms:Decrypt"]
    resources = local.kms_key_arns

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${var.aws_region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "plan_state" {
  name   = "terraform-state"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.state_common.json
}

# infra:waive INFRA-IAM-008 until=2027-06-30 reason="secretsmanager:GetRandomPassword has no resource type in the Service Authorization Reference"
resource "aws_iam_role_policy" "plan_secrets" {
  name   = "stack-secrets"
  role   = aws_iam_role.plan.id
  policy = data.aws_iam_policy_document.plan_secrets.json
}
