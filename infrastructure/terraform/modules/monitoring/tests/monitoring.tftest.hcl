# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
}

# Known topic ARN at plan time so policy and alarm actions can be checked.
override_resource {
  target          = aws_sns_topic.alarms
  override_during = plan
  values = {
    arn = "arn:aws:sns:us-east-1:123456789012:dev-taskmanager-alarms"
  }
}

variables {
  project     = "taskmanager"
  environment = "dev"
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
}

run "topic_only" {
  command = plan

  assert {
    condition     = aws_sns_topic.alarms.name == "dev-taskmanager-alarms" && aws_sns_topic.alarms.kms_master_key_id == var.kms_key_arn
    error_message = "topic must be <environment>-<project>-alarms, encrypted with the key"
  }
  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 0 && length(aws_sns_topic_subscription.email) == 0
    error_message = "no inputs, no alarms and no subscriptions"
  }
  assert {
    condition     = aws_cloudwatch_dashboard.this[0].dashboard_name == "dev-taskmanager"
    error_message = "dashboard must be <environment>-<project>"
  }
  assert {
    condition     = jsondecode(aws_sns_topic_policy.alarms.policy).Statement[0].Principal.Service == "cloudwatch.amazonaws.com" && jsondecode(aws_sns_topic_policy.alarms.policy).Statement[0].Action == "sns:Publish"
    error_message = "the topic policy must let CloudWatch publish"
  }
  assert {
    condition     = jsondecode(aws_sns_topic_policy.alarms.policy).Statement[0].Condition.StringEquals["aws:SourceAccount"] == "123456789012"
    error_message = "only alarms of this account may publish"
  }
}

run "everything" {
  command = plan

  variables {
    alarm_email_addresses     = ["ops@example.com", "oncall@example.com"]
    alb_arn_suffix            = "app/dev-taskmanager-alb/0123456789abcdef"
    target_group_arn_suffixes = { api = "targetgroup/dev-taskmanager-api/0123456789abcdef" }
    ecs_cluster_name          = "dev-taskmanager"
    ecs_service_names         = { api = "dev-taskmanager-api", worker = "dev-taskmanager-worker" }
    db_instance_ids           = ["dev-taskmanager-db"]
    cache_cluster_ids         = ["dev-taskmanager-redis-001", "dev-taskmanager-redis-002"]
  }

  assert {
    # 3 ALB + 2 target group + 2x2 ECS + 3 DB + 2x3 cache
    condition     = length(aws_cloudwatch_metric_alarm.this) == 18
    error_message = "expected 18 alarms"
  }
  assert {
    condition     = length(aws_sns_topic_subscription.email) == 2 && aws_sns_topic_subscription.email["ops@example.com"].protocol == "email"
    error_message = "one e-mail subscription per address"
  }
  assert {
    condition = alltrue([for a in aws_cloudwatch_metric_alarm.this :
      a.alarm_actions == toset([aws_sns_topic.alarms.arn]) && a.ok_actions == toset([aws_sns_topic.alarms.arn])
      && a.period == 300 && a.evaluation_periods == 2 && startswith(a.alarm_name, "dev-taskmanager-")
    ])
    error_message = "every alarm: <environment>-<project>- name, 2 x 300 s, alarm and OK actions to the topic"
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["ecs-api-cpu"].alarm_name == "dev-taskmanager-ecs-api-cpu"
      && aws_cloudwatch_metric_alarm.this["ecs-api-cpu"].namespace == "AWS/ECS"
      && aws_cloudwatch_metric_alarm.this["ecs-api-cpu"].threshold == 80
      && aws_cloudwatch_metric_alarm.this["ecs-api-cpu"].dimensions == tomap({ ClusterName = "dev-taskmanager", ServiceName = "dev-taskmanager-api" })
    )
    error_message = "ECS CPU alarm must watch the real cluster and service (the HMS design: 80 % over 2 x 300 s)"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["ecs-worker-memory"].metric_name == "MemoryUtilization"
    error_message = "ECS memory alarm per service"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["alb-latency-p95"].extended_statistic == "p95" && aws_cloudwatch_metric_alarm.this["alb-latency-p95"].statistic == null && aws_cloudwatch_metric_alarm.this["alb-latency-p95"].threshold == 1
    error_message = "latency alarm must use p95 against the threshold in seconds"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["alb-elb-5xx"].metric_name == "HTTPCode_ELB_5XX_Count" && aws_cloudwatch_metric_alarm.this["alb-target-5xx"].metric_name == "HTTPCode_Target_5XX_Count" && aws_cloudwatch_metric_alarm.this["alb-elb-5xx"].treat_missing_data == "notBreaching"
    error_message = "ALB 5xx alarms for the load balancer and the targets; no requests is not an alarm"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["tg-api-5xx"].dimensions == tomap({ LoadBalancer = "app/dev-taskmanager-alb/0123456789abcdef", TargetGroup = "targetgroup/dev-taskmanager-api/0123456789abcdef" })
    error_message = "target group alarm dimensions"
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["db-0-free-storage"].alarm_name == "dev-taskmanager-db-free-storage"
      && aws_cloudwatch_metric_alarm.this["db-0-free-storage"].comparison_operator == "LessThanThreshold"
      && aws_cloudwatch_metric_alarm.this["db-0-free-storage"].threshold == 10737418240
      && aws_cloudwatch_metric_alarm.this["db-0-connections"].threshold == 400
    )
    error_message = "RDS storage alarm fires below 10 GiB, connections above 400"
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.this["cache-1-engine-cpu"].alarm_name == "dev-taskmanager-redis-002-engine-cpu"
      && aws_cloudwatch_metric_alarm.this["cache-1-engine-cpu"].dimensions == tomap({ CacheClusterId = "dev-taskmanager-redis-002" })
      && aws_cloudwatch_metric_alarm.this["cache-0-memory"].metric_name == "DatabaseMemoryUsagePercentage"
      && aws_cloudwatch_metric_alarm.this["cache-0-evictions"].threshold == 100
    )
    error_message = "ElastiCache alarms per member cluster"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["cache-0-evictions"].treat_missing_data == "notBreaching" && aws_cloudwatch_metric_alarm.this["db-0-cpu"].treat_missing_data == "missing" && aws_cloudwatch_metric_alarm.this["db-0-cpu"].statistic == "Average"
    error_message = "counts: no data is not breaching; utilisation: no data is missing"
  }
  assert {
    condition     = length(jsondecode(aws_cloudwatch_dashboard.this[0].dashboard_body).widgets) == 12
    error_message = "dashboard: header + 3 ALB + 2 ECS + 3 RDS + 3 cache widgets"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_dashboard.this[0].dashboard_body).widgets[4].properties.metrics[1] == ["AWS/ECS", "CPUUtilization", "ClusterName", "dev-taskmanager", "ServiceName", "dev-taskmanager-worker"]
    error_message = "ECS CPU widget must show every service"
  }
  assert {
    condition     = contains(output.alarm_names, "dev-taskmanager-ecs-api-cpu") && length(output.alarm_names) == 18
    error_message = "alarm_names lists every alarm"
  }
}

run "no_dashboard_custom_period" {
  command = plan

  variables {
    create_dashboard   = false
    period_seconds     = 60
    evaluation_periods = 5
    db_instance_ids    = ["hms-db"]
  }

  assert {
    condition     = length(aws_cloudwatch_dashboard.this) == 0 && output.dashboard_name == null
    error_message = "create_dashboard = false creates no dashboard"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.this["db-0-cpu"].alarm_name == "dev-taskmanager-hms-db-cpu" && aws_cloudwatch_metric_alarm.this["db-0-cpu"].period == 60 && aws_cloudwatch_metric_alarm.this["db-0-cpu"].evaluation_periods == 5
    error_message = "foreign identifiers are kept whole; period and evaluation periods are applied"
  }
}

run "alb_enabled_explicitly" {
  command = plan

  variables {
    alb_alarms_enabled = false
    alb_arn_suffix     = "app/dev-taskmanager-alb/0123456789abcdef"
  }

  assert {
    condition     = length(aws_cloudwatch_metric_alarm.this) == 0
    error_message = "alb_alarms_enabled = false overrides alb_arn_suffix"
  }
}

run "rejects_bad_environment" {
  command = plan
  variables { environment = "prod" }
  expect_failures = [var.environment]
}

run "rejects_bad_project" {
  command = plan
  variables { project = "Task-Manager" }
  expect_failures = [var.project]
}

run "rejects_bad_kms_key" {
  command = plan
  variables { kms_key_arn = "alias/taskmanager" }
  expect_failures = [var.kms_key_arn]
}

run "rejects_bad_email" {
  command = plan
  variables { alarm_email_addresses = ["not-an-address"] }
  expect_failures = [var.alarm_email_addresses]
}

run "rejects_bad_alb_suffix" {
  command = plan
  variables { alb_arn_suffix = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/y" }
  expect_failures = [var.alb_arn_suffix]
}

run "rejects_bad_target_group_key" {
  command = plan
  variables { target_group_arn_suffixes = { "API Group" = "targetgroup/x/y" } }
  expect_failures = [var.target_group_arn_suffixes]
}

run "rejects_alb_alarms_without_suffix" {
  command = plan
  variables { alb_alarms_enabled = true }
  expect_failures = [var.alb_alarms_enabled]
}

run "rejects_target_groups_without_alb" {
  command = plan
  variables { target_group_arn_suffixes = { api = "targetgroup/x/y" } }
  expect_failures = [var.target_group_arn_suffixes]
}

run "rejects_negative_5xx_threshold" {
  command = plan
  variables { alb_5xx_threshold = -1 }
  expect_failures = [var.alb_5xx_threshold]
}

run "rejects_zero_latency_threshold" {
  command = plan
  variables { alb_latency_threshold_seconds = 0 }
  expect_failures = [var.alb_latency_threshold_seconds]
}

run "rejects_services_without_cluster" {
  command = plan
  variables { ecs_service_names = { api = "dev-taskmanager-api" } }
  expect_failures = [var.ecs_service_names]
}

run "rejects_ecs_cpu_over_100" {
  command = plan
  variables { ecs_cpu_threshold = 101 }
  expect_failures = [var.ecs_cpu_threshold]
}

run "rejects_ecs_memory_zero" {
  command = plan
  variables { ecs_memory_threshold = 0 }
  expect_failures = [var.ecs_memory_threshold]
}

run "rejects_db_cpu_over_100" {
  command = plan
  variables { db_cpu_threshold = 150 }
  expect_failures = [var.db_cpu_threshold]
}

run "rejects_tiny_free_storage_threshold" {
  command = plan
  variables { db_free_storage_threshold_bytes = 10 }
  expect_failures = [var.db_free_storage_threshold_bytes]
}

run "rejects_fractional_connections_threshold" {
  command = plan
  variables { db_max_connections_threshold = 0.5 }
  expect_failures = [var.db_max_connections_threshold]
}

run "rejects_cache_cpu_zero" {
  command = plan
  variables { cache_cpu_threshold = 0 }
  expect_failures = [var.cache_cpu_threshold]
}

run "rejects_cache_memory_over_100" {
  command = plan
  variables { cache_memory_threshold = 101 }
  expect_failures = [var.cache_memory_threshold]
}

run "rejects_negative_evictions_threshold" {
  command = plan
  variables { cache_evictions_threshold = -5 }
  expect_failures = [var.cache_evictions_threshold]
}

run "rejects_period_not_multiple_of_60" {
  command = plan
  variables { period_seconds = 90 }
  expect_failures = [var.period_seconds]
}

run "rejects_zero_evaluation_periods" {
  command = plan
  variables { evaluation_periods = 0 }
  expect_failures = [var.evaluation_periods]
}

run "rejects_evaluation_longer_than_a_day" {
  command = plan
  variables {
    period_seconds     = 3600
    evaluation_periods = 25
  }
  expect_failures = [var.evaluation_periods]
}
