# Plan-only tests without AWS calls. Mock providers cannot mock ephemeral
# resources yet, so the real provider is configured to never call out, and
# every run leaves the ephemeral resources at zero instances (they would
# call Secrets Manager while planning). Write-only values are checked on the
# emulator by the integration tests (state and plan grepped for secrets).
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "mock"
  secret_key                  = "mock"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variables {
  project     = "taskmanager"
  environment = "dev"
  kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  redis = {
    address  = "master.dev-taskmanager-redis.example.cache.amazonaws.com"
    port     = 6379
    username = "dev-taskmanager-app"
  }
}

run "names_under_the_environment_prefix" {
  command = plan

  assert {
    condition     = aws_secretsmanager_secret.this["REDIS_URL"].name_prefix == "dev/taskmanager/redis-url-"
    error_message = "secrets must be named <environment>/<project>/<name>-<unique suffix> (a rebuilt environment must not collide with a secret still in its recovery window)"
  }
  assert {
    condition     = aws_secretsmanager_secret.this["REDIS_URL"].kms_key_id == var.kms_key_arn
    error_message = "secrets must be encrypted with the environment's key"
  }
  assert {
    condition     = aws_secretsmanager_secret_version.redis_url[0].secret_string == "rediss://dev-taskmanager-app@master.dev-taskmanager-redis.example.cache.amazonaws.com:6379"
    error_message = "REDIS_URL must be TLS (rediss) with the IAM user and no password"
  }
  assert {
    condition     = keys(aws_secretsmanager_secret.this) == ["REDIS_URL"]
    error_message = "only the secrets asked for: REDIS_URL (no generated secrets given)"
  }
}

run "rejects_bad_recovery_window" {
  command = plan
  variables {
    recovery_window_in_days = 3
  }
  expect_failures = [var.recovery_window_in_days]
}

run "rejects_short_generated_secret" {
  command = plan
  variables {
    generated_secrets = { JWT_SECRET_KEY = { name = "jwt-secret", length = 8 } }
  }
  expect_failures = [var.generated_secrets]
}

run "rejects_lower_case_env_name" {
  command = plan
  variables {
    generated_secrets = { jwt_secret = { name = "jwt-secret" } }
  }
  expect_failures = [var.generated_secrets]
}

run "rejects_key_alias" {
  command = plan
  variables {
    kms_key_arn = "alias/dev-taskmanager"
  }
  expect_failures = [var.kms_key_arn]
}

run "rejects_fractional_secret_version" {
  command = plan
  variables {
    secret_version = 1.5
  }
  expect_failures = [var.secret_version]
}
