# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {}

variables {
  project     = "hms"
  environment = "production"
}

run "seed_003_defaults" {
  command = plan

  assert {
    condition     = aws_xray_sampling_rule.this.rule_name == "production-hms" && output.rule_name == "production-hms"
    error_message = "default rule name must be <environment>-<project>"
  }
  assert {
    condition = (
      aws_xray_sampling_rule.this.priority == 100 && aws_xray_sampling_rule.this.reservoir_size == 1
      && aws_xray_sampling_rule.this.fixed_rate == 0.05 && aws_xray_sampling_rule.this.version == 1
    )
    error_message = "the HMS design values: priority 100, reservoir 1, 5 %, version 1"
  }
  assert {
    condition = alltrue([for v in [
      aws_xray_sampling_rule.this.service_name, aws_xray_sampling_rule.this.service_type, aws_xray_sampling_rule.this.host,
      aws_xray_sampling_rule.this.http_method, aws_xray_sampling_rule.this.url_path, aws_xray_sampling_rule.this.resource_arn,
    ] : v == "*"])
    error_message = "every matcher defaults to *"
  }
  assert {
    condition = toset(jsondecode(output.task_role_policy_json).Statement[0].Action) == toset([
      "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
      "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
    ]) && jsondecode(output.task_role_policy_json).Statement[0].Resource == "*"
    error_message = "task role policy must allow writing traces and reading sampling rules/targets"
  }
}

run "longest_default_name_fits" {
  command = plan

  variables {
    project     = "averyverylongnam"
    environment = "production"
  }

  assert {
    condition     = aws_xray_sampling_rule.this.rule_name == "production-averyverylongnam"
    error_message = "default rule name must fit 32 characters"
  }
}

run "explicit_values" {
  command = plan

  variables {
    rule_name    = "hms-api"
    priority     = 10
    fixed_rate   = 1
    url_path     = "/api/*"
    http_method  = "GET"
    service_type = "AWS::ECS::Container"
  }

  assert {
    condition     = aws_xray_sampling_rule.this.rule_name == "hms-api" && aws_xray_sampling_rule.this.url_path == "/api/*" && aws_xray_sampling_rule.this.fixed_rate == 1
    error_message = "explicit values must be used"
  }
}

run "rejects_bad_environment" {
  command = plan
  variables { environment = "prod" }
  expect_failures = [var.environment]
}

run "rejects_bad_project" {
  command = plan
  variables { project = "HMS" }
  expect_failures = [var.project]
}

run "rejects_long_rule_name" {
  command = plan
  variables { rule_name = "this-rule-name-is-far-too-long-for-x-ray" }
  expect_failures = [var.rule_name]
}

run "rejects_default_rule_name" {
  command = plan
  variables { rule_name = "Default" }
  expect_failures = [var.rule_name]
}

run "rejects_priority_zero" {
  command = plan
  variables { priority = 0 }
  expect_failures = [var.priority]
}

run "rejects_priority_10000" {
  command = plan
  variables { priority = 10000 }
  expect_failures = [var.priority]
}

run "rejects_negative_reservoir" {
  command = plan
  variables { reservoir_size = -1 }
  expect_failures = [var.reservoir_size]
}

run "rejects_fixed_rate_over_1" {
  command = plan
  variables { fixed_rate = 5 }
  expect_failures = [var.fixed_rate]
}

run "rejects_empty_service_name" {
  command = plan
  variables { service_name = "" }
  expect_failures = [var.service_name]
}

run "rejects_empty_service_type" {
  command = plan
  variables { service_type = "" }
  expect_failures = [var.service_type]
}

run "rejects_empty_host" {
  command = plan
  variables { host = "" }
  expect_failures = [var.host]
}

run "rejects_bad_http_method" {
  command = plan
  variables { http_method = "get" }
  expect_failures = [var.http_method]
}

run "rejects_empty_url_path" {
  command = plan
  variables { url_path = "" }
  expect_failures = [var.url_path]
}

run "rejects_empty_resource_arn" {
  command = plan
  variables { resource_arn = "" }
  expect_failures = [var.resource_arn]
}
