# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {}

variables {
  project          = "hms"
  repository_names = ["hms-backend", "hms-frontend"]
}

run "immutable_scanned_encrypted" {
  command = plan

  assert {
    condition     = alltrue([for r in aws_ecr_repository.this : r.image_tag_mutability == "IMMUTABLE" && r.image_scanning_configuration[0].scan_on_push && r.encryption_configuration[0].encryption_type == "KMS"])
    error_message = "every repository must have immutable tags, scan on push and KMS encryption"
  }
  assert {
    condition     = aws_kms_alias.ecr.name == "alias/hms-ecr" && aws_kms_key.ecr.enable_key_rotation
    error_message = "the image key must rotate and be named alias/<project>-ecr"
  }
  assert {
    condition     = jsondecode(aws_ecr_lifecycle_policy.this["hms-backend"].policy).rules[0].selection.tagStatus == "untagged" && jsondecode(aws_ecr_lifecycle_policy.this["hms-backend"].policy).rules[1].selection.tagPrefixList == ["v"]
    error_message = "lifecycle: untagged images expire first, then all but the last release-tagged images"
  }
  assert {
    condition     = length(aws_ecr_repository_policy.pull) == 0
    error_message = "no repository policy without pull principals"
  }
}

run "rejects_bad_repository_name" {
  command = plan
  variables {
    repository_names = ["HMS_Backend"]
  }
  expect_failures = [var.repository_names]
}

run "rejects_duplicate_names" {
  command = plan
  variables {
    repository_names = ["hms-backend", "hms-backend"]
  }
  expect_failures = [var.repository_names]
}
