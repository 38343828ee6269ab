variable "aws_region" {
  description = "AWS region of the state backend and of the regional resources the stacks manage."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region code such as us-east-1 or eu-west-2."
  }
}

variable "github_repository" {
  description = "GitHub repository allowed to assume the roles, as \"org/repo\"."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$", var.github_repository)) && !strcontains(var.github_repository, "*")
    error_message = "github_repository must be \"org/repo\": an organisation or user name (letters, digits, hyphens) and a repository name (letters, digits, '.', '_', '-'); no wildcards."
  }
}

variable "apply_role_name" {
  description = "Name of the role the GitHub Actions workflow assumes to plan and apply (the Task Manager design: github-actions-terraform)."
  type        = string
  default     = "github-actions-terraform"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.apply_role_name))
    error_message = "apply_role_name must be 1-64 characters: letters, digits and + = , . @ _ -."
  }
}

variable "plan_role_name" {
  description = "Name of the read-only role for plan-only pull-request jobs."
  type        = string
  default     = "github-actions-terraform-plan"

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.plan_role_name))
    error_message = "plan_role_name must be 1-64 characters: letters, digits and + = , . @ _ -."
  }
}

variable "apply_role_allows_pull_requests" {
  description = "Whether pull_request jobs may assume the apply role. The workflow plans pull requests with the plan role, so no job needs it; true only restores the Task Manager design's original workflow."
  type        = bool
  default     = false
}

variable "github_oidc_thumbprints" {
  description = "SHA-1 thumbprints of the certificate chain of token.actions.githubusercontent.com (40 hex characters each, 1 to 5)."
  type        = list(string)
  default = [
    "6938fd4d98bab03faadb97b34396831e3780aea1",
    "1c58a3a8518e8759bf075b76b750d4f2df264fcd",
  ]

  validation {
    condition     = length(var.github_oidc_thumbprints) >= 1 && length(var.github_oidc_thumbprints) <= 5 && alltrue([for t in var.github_oidc_thumbprints : can(regex("^[0-9a-f]{40}$", t))])
    error_message = "github_oidc_thumbprints must hold 1 to 5 lower-case 40-character hex SHA-1 thumbprints."
  }
}

variable "state_bucket_name" {
  description = "S3 bucket holding Terraform state (must match every backend.tf)."
  type        = string
  default     = "taskmanager-terraform-state"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "state_bucket_name must be a valid S3 bucket name (3-63 lower-case letters, digits, '.' or '-')."
  }
}

variable "state_lock_table_name" {
  description = "DynamoDB table holding Terraform state locks (must match every backend.tf)."
  type        = string
  default     = "terraform-state-lock"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.state_lock_table_name))
    error_message = "state_lock_table_name must be 3-255 characters: letters, digits, '_', '-' or '.'."
  }
}

variable "state_kms_key_alias" {
  description = "Alias of the KMS key encrypting the state (must match every backend.tf)."
  type        = string
  default     = "alias/taskmanager-terraform-state"

  validation {
    condition     = can(regex("^alias/[A-Za-z0-9/_-]+$", var.state_kms_key_alias)) && !startswith(var.state_kms_key_alias, "alias/aws/")
    error_message = "state_kms_key_alias must be \"alias/<name>\" (letters, digits, '/', '_', '-'), not an AWS managed alias/aws/… key."
  }
}

variable "managed_name_prefixes" {
  description = "Name prefixes of the S3 buckets, IAM roles and IAM policies the apply role may manage (the stacks' naming: <project>-… and <environment>-…)."
  type        = list(string)
  default     = ["taskmanager-", "hms-", "dev-", "staging-", "production-"]

  validation {
    condition     = length(var.managed_name_prefixes) > 0 && alltrue([for p in var.managed_name_prefixes : can(regex("^[a-z0-9][a-z0-9-]{1,30}-$", p))])
    error_message = "managed_name_prefixes must be a non-empty list of lower-case prefixes ending in '-' (for example \"taskmanager-\"); no wildcards."
  }
}

variable "managed_environments" {
  description = "Environments whose Secrets Manager secrets (<environment>/<project>/…) the roles may read and the apply role may manage."
  type        = list(string)
  default     = ["dev", "staging", "production"]

  validation {
    condition     = length(var.managed_environments) > 0 && alltrue([for e in var.managed_environments : can(regex("^[a-z][a-z0-9-]{0,30}$", e))])
    error_message = "managed_environments must be a non-empty list of lower-case environment names (letters, digits, '-'), for example [\"dev\", \"staging\", \"production\"]; no wildcards."
  }
}

variable "managed_log_group_paths" {
  description = "Path prefixes of the CloudWatch log groups the apply role may manage (the stacks' /aws/ecs/, /aws/vpc/, /aws/elasticache/ and the HMS design's /ecs/)."
  type        = list(string)
  default     = ["/aws/ecs/", "/aws/vpc/", "/aws/elasticache/", "/ecs/"]

  validation {
    condition     = length(var.managed_log_group_paths) > 0 && alltrue([for p in var.managed_log_group_paths : can(regex("^/[A-Za-z0-9._/-]+/$", p))])
    error_message = "managed_log_group_paths must be a non-empty list of paths that start and end with '/' (letters, digits, '.', '_', '-', '/'), for example \"/aws/ecs/\"; no wildcards."
  }
}

variable "max_session_duration" {
  description = "Maximum session length of the roles in seconds (3600 to 43200)."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "max_session_duration must be from 3600 to 43200 seconds."
  }
}
