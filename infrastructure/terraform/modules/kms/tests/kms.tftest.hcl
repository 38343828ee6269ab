# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {
  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = data.aws_region.current
    values = { name = "us-east-1" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
}

variables {
  project     = "taskmanager"
  environment = "dev"
}

run "defaults" {
  command = plan

  assert {
    condition     = aws_kms_key.this.enable_key_rotation
    error_message = "key rotation must be on"
  }
  assert {
    condition     = aws_kms_alias.this.name == "alias/dev-taskmanager"
    error_message = "default alias must be alias/<environment>-<project>"
  }
  assert {
    condition     = aws_kms_key.this.deletion_window_in_days == 30
    error_message = "default deletion window must be 30 days"
  }
  assert {
    condition = anytrue([
      for s in jsondecode(aws_kms_key.this.policy).Statement :
      try(s.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"], "") == "arn:aws:logs:us-east-1:123456789012:log-group:*"
    ])
    error_message = "CloudWatch Logs may only use the key for this account's log groups"
  }
  assert {
    condition = contains(
      [for s in jsondecode(aws_kms_key.this.policy).Statement : s if s.Sid == "UseThroughAwsServices"][0].Condition.StringEquals["kms:ViaService"],
      "rds.us-east-1.amazonaws.com"
    )
    error_message = "RDS must be able to use the key through kms:ViaService"
  }
}

run "custom_alias_and_principals" {
  command = plan

  variables {
    alias_name         = "alias/hms-production-data"
    service_principals = ["cloudfront.amazonaws.com"]
  }

  assert {
    condition     = aws_kms_alias.this.name == "alias/hms-production-data"
    error_message = "alias_name must be used as given"
  }
  assert {
    condition = contains(
      [for s in jsondecode(aws_kms_key.this.policy).Statement : s if s.Sid == "ServicePrincipalsUseKey"][0].Principal.Service,
      "cloudfront.amazonaws.com"
    )
    error_message = "extra service principals must be in the key policy"
  }
}

run "rejects_bad_environment" {
  command = plan

  variables {
    environment = "prod"
  }

  expect_failures = [var.environment]
}

run "rejects_short_deletion_window" {
  command = plan

  variables {
    deletion_window_in_days = 5
  }

  expect_failures = [var.deletion_window_in_days]
}

run "rejects_aws_reserved_alias" {
  command = plan

  variables {
    alias_name = "alias/aws/rds"
  }

  expect_failures = [var.alias_name]
}
