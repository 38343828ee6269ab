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
    Stack       = "global-ecr"
    # Which stack owns a resource: `infra drift --unmanaged` finds resources
    # carrying it that are not in the stack's state (a run that died mid-apply).
    "infra:stack" = "global-ecr"
  }
}

# The Task Manager's images (API and worker); the same library module holds
# the HMS images in hms/global.
module "ecr" {
  source = "../../modules/ecr"

  project                     = local.project
  repository_names            = var.repository_names
  keep_tagged_images          = var.keep_tagged_images
  release_tag_prefix          = var.release_tag_prefix
  untagged_expiry_days        = var.untagged_expiry_days
  pull_principal_arns         = var.pull_principal_arns
  kms_deletion_window_in_days = var.kms_deletion_window_in_days
  force_delete                = var.force_delete
}

# The resources were declared in this root before the module existed.
moved {
  from = aws_kms_key.ecr
  to   = module.ecr.aws_kms_key.ecr
}

moved {
  from = aws_kms_alias.ecr
  to   = module.ecr.aws_kms_alias.ecr
}

moved {
  from = aws_ecr_repository.this
  to   = module.ecr.aws_ecr_repository.this
}

moved {
  from = aws_ecr_lifecycle_policy.this
  to   = module.ecr.aws_ecr_lifecycle_policy.this
}

moved {
  from = aws_ecr_repository_policy.pull
  to   = module.ecr.aws_ecr_repository_policy.pull
}
