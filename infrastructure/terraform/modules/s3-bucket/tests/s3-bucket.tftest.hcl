# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {}

variables {
  bucket_name = "hms-backups-dev"
  common_tags = { Project = "hms" }
}

run "defaults" {
  command = plan

  assert {
    condition     = aws_s3_bucket.this.bucket == "hms-backups-dev" && aws_s3_bucket.this.force_destroy == false
    error_message = "bucket must be named as given and not force-destroyed by default"
  }
  assert {
    condition     = aws_s3_bucket_ownership_controls.this.rule[0].object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled (BucketOwnerEnforced)"
  }
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "every public access block setting must be on"
  }
  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    error_message = "versioning must be enabled by default"
  }
  assert {
    condition = (
      one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
      && one(aws_s3_bucket_server_side_encryption_configuration.this.rule).bucket_key_enabled == false
    )
    error_message = "without a key the bucket must use SSE-S3 (AES256)"
  }
  assert {
    condition     = length(aws_s3_bucket_lifecycle_configuration.this) == 0
    error_message = "no lifecycle configuration without rules"
  }
  assert {
    condition     = aws_s3_bucket.this.tags["Project"] == "hms" && aws_s3_bucket.this.tags["Name"] == "hms-backups-dev"
    error_message = "common tags and Name must be set"
  }
}

run "policy_denies_insecure_transport_and_appends_statements" {
  command = apply

  variables {
    policy_statements = jsonencode([{
      Sid       = "AllowReader"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:role/reader" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::hms-backups-dev/*"
    }])
  }

  assert {
    condition     = jsondecode(aws_s3_bucket_policy.this.policy).Statement[0].Effect == "Deny" && jsondecode(aws_s3_bucket_policy.this.policy).Statement[0].Condition.Bool["aws:SecureTransport"] == "false"
    error_message = "the first statement must deny requests without TLS"
  }
  assert {
    condition     = length(jsondecode(aws_s3_bucket_policy.this.policy).Statement) == 2 && jsondecode(aws_s3_bucket_policy.this.policy).Statement[1].Sid == "AllowReader"
    error_message = "caller statements must follow the TLS statement"
  }
}

run "kms_and_hms_backup_lifecycle" {
  command = plan

  variables {
    kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
    lifecycle_rules = [{
      id = "backup_retention"
      transitions = [
        { days = 30, storage_class = "STANDARD_IA" },
        { days = 90, storage_class = "GLACIER" },
      ]
      expiration_days                    = 365
      noncurrent_version_expiration_days = 30
    }]
  }

  assert {
    condition = (
      one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
      && one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).kms_master_key_id == var.kms_key_arn
      && one(aws_s3_bucket_server_side_encryption_configuration.this.rule).bucket_key_enabled == true
    )
    error_message = "with a key the bucket must use SSE-KMS with a bucket key"
  }
  assert {
    condition     = [for t in aws_s3_bucket_lifecycle_configuration.this[0].rule[0].transition : "${t.days}:${t.storage_class}"] == ["30:STANDARD_IA", "90:GLACIER"]
    error_message = "transitions must follow the rule, in order"
  }
  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.this[0].rule[0].expiration[0].days == 365 && aws_s3_bucket_lifecycle_configuration.this[0].rule[0].status == "Enabled"
    error_message = "objects must expire after 365 days"
  }
  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.this[0].rule[0].abort_incomplete_multipart_upload[0].days_after_initiation == 7
    error_message = "incomplete multipart uploads must be aborted after 7 days by default"
  }
  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.this[0].rule[0].noncurrent_version_expiration[0].noncurrent_days == 30
    error_message = "noncurrent versions must expire as configured"
  }
}

run "versioning_suspended" {
  command = plan
  variables {
    versioning_enabled = false
  }
  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Suspended"
    error_message = "versioning_enabled = false must suspend versioning"
  }
}

run "rejects_upper_case_bucket_name" {
  command = plan
  variables {
    bucket_name = "HMS-Backups"
  }
  expect_failures = [var.bucket_name]
}

run "rejects_ip_like_bucket_name" {
  command = plan
  variables {
    bucket_name = "192.168.1.10"
  }
  expect_failures = [var.bucket_name]
}

run "rejects_bad_kms_key_arn" {
  command = plan
  variables {
    kms_key_arn = "11111111-2222-3333-4444-555555555555"
  }
  expect_failures = [var.kms_key_arn]
}

run "rejects_duplicate_rule_ids" {
  command = plan
  variables {
    lifecycle_rules = [
      { id = "a", expiration_days = 30 },
      { id = "a", expiration_days = 60 },
    ]
  }
  expect_failures = [var.lifecycle_rules]
}

run "rejects_unknown_storage_class" {
  command = plan
  variables {
    lifecycle_rules = [{ id = "a", transitions = [{ days = 30, storage_class = "REDUCED_REDUNDANCY" }] }]
  }
  expect_failures = [var.lifecycle_rules]
}

run "rejects_decreasing_transition_days" {
  command = plan
  variables {
    lifecycle_rules = [{ id = "a", transitions = [
      { days = 90, storage_class = "GLACIER" },
      { days = 60, storage_class = "DEEP_ARCHIVE" },
    ] }]
  }
  expect_failures = [var.lifecycle_rules]
}

run "rejects_infrequent_access_before_30_days" {
  command = plan
  variables {
    lifecycle_rules = [{ id = "a", transitions = [{ days = 7, storage_class = "STANDARD_IA" }] }]
  }
  expect_failures = [var.lifecycle_rules]
}

run "rejects_expiration_before_last_transition" {
  command = plan
  variables {
    lifecycle_rules = [{ id = "a", transitions = [{ days = 90, storage_class = "GLACIER" }], expiration_days = 60 }]
  }
  expect_failures = [var.lifecycle_rules]
}

run "rejects_zero_noncurrent_days" {
  command = plan
  variables {
    lifecycle_rules = [{ id = "a", noncurrent_version_expiration_days = 0 }]
  }
  expect_failures = [var.lifecycle_rules]
}

run "rejects_policy_statements_object" {
  command = plan
  variables {
    policy_statements = jsonencode({ Effect = "Allow" })
  }
  expect_failures = [var.policy_statements]
}

run "rejects_policy_statement_without_effect" {
  command = plan
  variables {
    policy_statements = jsonencode([{ Action = "s3:GetObject" }])
  }
  expect_failures = [var.policy_statements]
}

run "rejects_public_policy_statement" {
  command = plan
  variables {
    policy_statements = jsonencode([{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::hms-backups-dev/*"
    }])
  }
  expect_failures = [var.policy_statements]
}

run "rejects_public_aws_principal_statement" {
  command = plan
  variables {
    policy_statements = jsonencode([{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::123456789012:root", "*"] }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::hms-backups-dev/*"
    }])
  }
  expect_failures = [var.policy_statements]
}

# Everyone narrowed by a condition is not public (CloudFront's OAC grant).
run "accepts_everyone_with_condition" {
  command = apply
  variables {
    policy_statements = jsonencode([{
      Sid       = "AllowFromAccount"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::hms-backups-dev/*"
      Condition = { StringEquals = { "aws:PrincipalAccount" = "123456789012" } }
    }])
  }

  assert {
    condition     = length(jsondecode(aws_s3_bucket_policy.this.policy).Statement) == 2
    error_message = "a conditioned statement for everyone must be accepted and appended"
  }
}
