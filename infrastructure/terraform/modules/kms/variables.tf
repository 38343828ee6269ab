variable "project" {
  description = "Short project name used in resource names, e.g. taskmanager or hms."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,15}$", var.project))
    error_message = "project must be 2-16 lower-case letters or digits, starting with a letter (for example taskmanager or hms)."
  }
}

variable "environment" {
  description = "Environment name: dev, staging or production."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of: dev, staging, production."
  }
}

variable "description" {
  description = "Description of the key; null gives \"<environment> <project> data encryption key\"."
  type        = string
  default     = null
}

variable "deletion_window_in_days" {
  description = "Days KMS waits before deleting the key once deletion is scheduled (7-30)."
  type        = number
  default     = 30

  validation {
    condition     = var.deletion_window_in_days >= 7 && var.deletion_window_in_days <= 30 && floor(var.deletion_window_in_days) == var.deletion_window_in_days
    error_message = "deletion_window_in_days must be a whole number from 7 to 30."
  }
}

variable "rotation_period_in_days" {
  description = "Days between automatic rotations of the key material (90-2560); rotation is always on."
  type        = number
  default     = 365

  validation {
    condition     = var.rotation_period_in_days >= 90 && var.rotation_period_in_days <= 2560 && floor(var.rotation_period_in_days) == var.rotation_period_in_days
    error_message = "rotation_period_in_days must be a whole number from 90 to 2560."
  }
}

variable "alias_name" {
  description = "Alias of the key, starting with alias/; null gives alias/<environment>-<project>."
  type        = string
  default     = null

  validation {
    condition     = var.alias_name == null || can(regex("^alias/[a-zA-Z0-9/_-]{1,250}$", coalesce(var.alias_name, "x"))) && !startswith(coalesce(var.alias_name, "x"), "alias/aws/")
    error_message = "alias_name must be null or alias/<name> with letters, digits, /, _ or - (for example alias/dev-taskmanager); the alias/aws/ prefix is reserved for AWS managed keys."
  }
}

variable "via_services" {
  description = "AWS services (short names) that principals of this account may use the key through, granted with kms:ViaService conditions."
  type        = list(string)
  default     = ["rds", "elasticache", "secretsmanager", "sns", "s3", "ssm"]

  validation {
    condition     = alltrue([for s in var.via_services : contains(["rds", "elasticache", "secretsmanager", "sns", "sqs", "s3", "ssm", "ecs", "logs", "ec2", "dynamodb", "backup"], s)])
    error_message = "via_services entries must be among: rds, elasticache, secretsmanager, sns, sqs, s3, ssm, ecs, logs, ec2, dynamodb, backup."
  }
}

variable "service_principals" {
  description = "Extra AWS service principals (e.g. cloudfront.amazonaws.com, events.amazonaws.com) allowed to GenerateDataKey*/Decrypt with the key on behalf of this account (aws:SourceAccount condition). CloudWatch alarms (cloudwatch.amazonaws.com, for encrypted SNS topics) are always allowed."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.service_principals : can(regex("^[a-z0-9.-]+\\.amazonaws\\.com$", p))])
    error_message = "service_principals must be service principal names ending in .amazonaws.com, such as cloudfront.amazonaws.com."
  }
}

variable "administrator_arns" {
  description = "IAM principals (roles/users) that administer the key in addition to the account root; the root statement already lets IAM policies of this account grant access."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.administrator_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/", a))])
    error_message = "administrator_arns must be IAM role or user ARNs, such as arn:aws:iam::123456789012:role/platform-admin."
  }
}

variable "common_tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
