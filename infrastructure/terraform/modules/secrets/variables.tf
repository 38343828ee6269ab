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

variable "kms_key_arn" {
  description = "ARN of the environment's KMS key; the secrets are encrypted with it."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<id> (an alias is not accepted)."
  }
}

variable "recovery_window_in_days" {
  description = "Days a deleted secret can still be restored: 0 (delete at once, for throw-away environments) or 7 to 30."
  type        = number
  default     = 7

  validation {
    condition     = var.recovery_window_in_days == 0 || (var.recovery_window_in_days >= 7 && var.recovery_window_in_days <= 30)
    error_message = "recovery_window_in_days must be 0 or a number of days from 7 to 30."
  }
}

variable "redis" {
  description = "Redis the REDIS_URL secret points at: primary endpoint address, port and the IAM-authenticated user name (TLS, no password). null: no REDIS_URL secret."
  type = object({
    address  = string
    port     = number
    username = string
  })
  default = null
}

variable "generated_secrets" {
  description = "Secrets whose values Secrets Manager generates (never seen by Terraform), keyed by the environment variable the application reads them from, e.g. { JWT_SECRET_KEY = { name = \"jwt-secret\" } }."
  type = map(object({
    name   = string
    length = optional(number, 64)
  }))
  default = {}

  validation {
    condition     = alltrue([for k, v in var.generated_secrets : can(regex("^[A-Z][A-Z0-9_]*$", k)) && can(regex("^[a-z0-9-]{1,64}$", v.name))])
    error_message = "generated_secrets keys must be environment variable names (A-Z, 0-9, _) and each name lower-case letters, digits and hyphens."
  }
  validation {
    condition     = alltrue([for v in values(var.generated_secrets) : v.length >= 32 && v.length <= 4096])
    error_message = "generated_secrets lengths must be from 32 to 4096 characters."
  }
}

variable "secret_version" {
  description = "Bump (1, 2, 3…) to generate the generated_secrets again (e.g. to rotate JWT_SECRET_KEY). Values are write-only: Terraform neither stores nor compares them."
  type        = number
  default     = 1

  validation {
    condition     = var.secret_version >= 1 && floor(var.secret_version) == var.secret_version
    error_message = "secret_version must be a whole number from 1 up."
  }
}

variable "common_tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
