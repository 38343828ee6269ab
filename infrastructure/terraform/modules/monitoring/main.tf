data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  name       = "${var.environment}-${var.project}"
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # Decided by values known at plan time: a cluster name or ALB suffix
  # created in the same run is unknown, and "unknown != null" is unknown.
  alb_enabled = coalesce(var.alb_alarms_enabled, var.alb_arn_suffix != null)

  # What is watched, per resource kind: alarm suffix -> metric. A statistic
  # starting with "p" is a percentile (extended_statistic).
  # missing: counts treat no data as notBreaching (no traffic is not an
  # incident); utilisation/capacity as "missing" (INSUFFICIENT_DATA: visible
  # on the dashboard, no page).
  gt = "GreaterThanThreshold"
  metrics = {
    alb = {
      title     = "ALB"
      namespace = "AWS/ApplicationELB"
      watched = {
        "elb-5xx"     = { metric = "HTTPCode_ELB_5XX_Count", statistic = "Sum", comparison = local.gt, threshold = var.alb_5xx_threshold, missing = "notBreaching", what = "load balancer 5xx responses per period" }
        "target-5xx"  = { metric = "HTTPCode_Target_5XX_Count", statistic = "Sum", comparison = local.gt, threshold = var.alb_5xx_threshold, missing = "notBreaching", what = "target 5xx responses per period" }
        "latency-p95" = { metric = "TargetResponseTime", statistic = "p95", comparison = local.gt, threshold = var.alb_latency_threshold_seconds, missing = "notBreaching", what = "p95 target response time (s)" }
      }
    }
    tg = {
      title     = "ALB target group"
      namespace = "AWS/ApplicationELB"
      watched = {
        "5xx"             = { metric = "HTTPCode_Target_5XX_Count", statistic = "Sum", comparison = local.gt, threshold = var.alb_5xx_threshold, missing = "notBreaching", what = "target 5xx responses per period" }
        "unhealthy-hosts" = { metric = "UnHealthyHostCount", statistic = "Maximum", comparison = local.gt, threshold = 0, missing = "notBreaching", what = "unhealthy targets" }
      }
    }
    ecs = {
      title     = "ECS"
      namespace = "AWS/ECS"
      watched = {
        "cpu"    = { metric = "CPUUtilization", statistic = "Average", comparison = local.gt, threshold = var.ecs_cpu_threshold, missing = "missing", what = "CPU utilisation (%)" }
        "memory" = { metric = "MemoryUtilization", statistic = "Average", comparison = local.gt, threshold = var.ecs_memory_threshold, missing = "missing", what = "memory utilisation (%)" }
      }
    }
    db = {
      title     = "RDS"
      namespace = "AWS/RDS"
      watched = {
        "cpu"          = { metric = "CPUUtilization", statistic = "Average", comparison = local.gt, threshold = var.db_cpu_threshold, missing = "missing", what = "CPU utilisation (%)" }
        "free-storage" = { metric = "FreeStorageSpace", statistic = "Minimum", comparison = "LessThanThreshold", threshold = var.db_free_storage_threshold_bytes, missing = "missing", what = "free storage (bytes)" }
        "connections"  = { metric = "DatabaseConnections", statistic = "Maximum", comparison = local.gt, threshold = var.db_max_connections_threshold, missing = "missing", what = "connections" }
      }
    }
    cache = {
      title     = "ElastiCache"
      namespace = "AWS/ElastiCache"
      watched = {
        "engine-cpu" = { metric = "EngineCPUUtilization", statistic = "Average", comparison = local.gt, threshold = var.cache_cpu_threshold, missing = "missing", what = "Redis engine CPU (%)" }
        "memory"     = { metric = "DatabaseMemoryUsagePercentage", statistic = "Average", comparison = local.gt, threshold = var.cache_memory_threshold, missing = "missing", what = "memory used of maxmemory (%)" }
        "evictions"  = { metric = "Evictions", statistic = "Sum", comparison = local.gt, threshold = var.cache_evictions_threshold, missing = "notBreaching", what = "evicted keys per period" }
      }
    }
  }

  # What each kind watches: key (known at plan time: fixed names, map keys,
  # list positions) -> name in alarm names (may be unknown) and dimensions.
  # "dev-taskmanager-redis-001" -> "redis-001" in alarm names.
  targets = {
    alb   = local.alb_enabled ? { "alb" = { label = "alb", dimensions = { LoadBalancer = var.alb_arn_suffix } } } : {}
    tg    = local.alb_enabled ? { for k, tg in var.target_group_arn_suffixes : "tg-${k}" => { label = "tg-${k}", dimensions = { LoadBalancer = var.alb_arn_suffix, TargetGroup = tg } } } : {}
    ecs   = { for k, service in var.ecs_service_names : "ecs-${k}" => { label = "ecs-${k}", dimensions = { ClusterName = var.ecs_cluster_name, ServiceName = service } } }
    db    = { for i, id in var.db_instance_ids : "db-${i}" => { label = trimprefix(id, "${local.name}-"), dimensions = { DBInstanceIdentifier = id } } }
    cache = { for i, id in var.cache_cluster_ids : "cache-${i}" => { label = trimprefix(id, "${local.name}-"), dimensions = { CacheClusterId = id } } }
  }

  alarms = merge(flatten([
    for kind, kind_targets in local.targets : [
      for key, target in kind_targets : {
        for suffix, m in local.metrics[kind].watched : "${key}-${suffix}" => merge(m, {
          name        = "${target.label}-${suffix}"
          namespace   = local.metrics[kind].namespace
          description = "${local.metrics[kind].title} ${join("/", values(target.dimensions))}: ${m.what} ${m.comparison == local.gt ? "above" : "below"} ${m.threshold}."
          dimensions  = target.dimensions
        })
      }
    ]
  ])...)
}

################################################################################
# Alarm topic
################################################################################

resource "aws_sns_topic" "alarms" {
  name              = "${local.name}-alarms"
  kms_master_key_id = var.kms_key_arn

  tags = merge(var.common_tags, {
    Name = "${local.name}-alarms"
  })
}

resource "aws_sns_topic_policy" "alarms" {
  arn = aws_sns_topic.alarms.arn

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Alarms of this account (and only those) publish to the topic.
        Sid       = "CloudWatchAlarmsPublish"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.alarms.arn
        Condition = {
          StringEquals = { "aws:SourceAccount" = local.account_id }
          ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:*" }
        }
      },
      {
        # The account keeps managing the topic through IAM.
        Sid       = "AccountManagesTopic"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action = [
          "sns:GetTopicAttributes",
          "sns:SetTopicAttributes",
          "sns:AddPermission",
          "sns:RemovePermission",
          "sns:DeleteTopic",
          "sns:Subscribe",
          "sns:ListSubscriptionsByTopic",
          "sns:Publish",
        ]
        Resource = aws_sns_topic.alarms.arn
      },
    ]
  })
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_email_addresses)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

################################################################################
# Alarms
################################################################################

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${local.name}-${each.value.name}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = startswith(each.value.statistic, "p") ? null : each.value.statistic
  extended_statistic  = startswith(each.value.statistic, "p") ? each.value.statistic : null
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  period              = var.period_seconds
  evaluation_periods  = var.evaluation_periods
  datapoints_to_alarm = var.evaluation_periods
  treat_missing_data  = each.value.missing

  actions_enabled = true
  alarm_actions   = [aws_sns_topic.alarms.arn]
  ok_actions      = [aws_sns_topic.alarms.arn]

  tags = merge(var.common_tags, {
    Name = "${local.name}-${each.value.name}"
  })
}

################################################################################
# Dashboard
################################################################################

locals {
  # One graph per watched metric of each kind in use (target groups only
  # as alarms), every target of the kind in it. Built from maps (sorted keys)
  # and lists, so the body is identical on every plan.
  widget_specs = flatten([
    for kind in ["alb", "ecs", "db", "cache"] : [
      for suffix, m in local.metrics[kind].watched : {
        title   = "${local.metrics[kind].title} ${m.what}"
        stat    = m.statistic
        limit   = m.threshold
        metrics = [for t in values(local.targets[kind]) : concat([local.metrics[kind].namespace, m.metric], flatten([for d, v in t.dimensions : [d, v]]))]
      }
    ] if length(local.targets[kind]) > 0
  ])

  header = {
    type   = "text"
    x      = 0
    y      = 0
    width  = 24
    height = 2
    properties = {
      markdown = "# ${local.name}\nAlarms notify the SNS topic `${local.name}-alarms`. Red lines are the alarm thresholds."
    }
  }

  # Two widgets per row below the header.
  widgets = concat([local.header], [
    for i, w in local.widget_specs : {
      type   = "metric"
      x      = (i % 2) * 12
      y      = 2 + floor(i / 2) * 6
      width  = 12
      height = 6
      properties = merge(
        {
          title   = w.title
          region  = local.region
          stat    = w.stat
          period  = var.period_seconds
          view    = "timeSeries"
          stacked = false
          metrics = w.metrics
        },
        { annotations = { horizontal = [{ label = "alarm threshold", value = w.limit }] } },
      )
    }
  ])
}

resource "aws_cloudwatch_dashboard" "this" {
  count = var.create_dashboard ? 1 : 0

  dashboard_name = local.name
  dashboard_body = jsonencode({ widgets = local.widgets })
}
