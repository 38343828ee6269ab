variable "aws_region" {
  description = "AWS region of the image registry."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region code such as us-east-1 or eu-west-2."
  }
}

variable "domain_name" {
  description = "The HMS domain (design: hms.yourcompany.com); production serves it, the environments get subdomains of it."
  type        = string
  default     = "hms.yourcompany.com"

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lower-case DNS name without trailing dot, such as hms.yourcompany.com."
  }
}

variable "environment_subdomains" {
  description = "Environments with a zone of their own below domain_name (e.g. dev gives dev.hms.yourcompany.com), delegated from the domain's zone."
  type        = list(string)
  default     = ["dev"]

  validation {
    condition     = alltrue([for s in var.environment_subdomains : can(regex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", s))])
    error_message = "environment_subdomains must be single DNS labels such as dev or staging."
  }
}

variable "caa_issuers" {
  description = "Certificate authorities allowed to issue for the domain (CAA records)."
  type        = list(string)
  default     = ["amazon.com"]

  validation {
    condition     = length(var.caa_issuers) >= 1
    error_message = "caa_issuers must name at least one certificate authority, such as amazon.com."
  }
}

variable "repository_names" {
  description = "ECR repositories of the HMS images."
  type        = list(string)
  default     = ["hms-backend", "hms-frontend"]
}

variable "kms_deletion_window_in_days" {
  description = "Waiting period (7-30 days) before the image key is deleted."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30
    error_message = "kms_deletion_window_in_days must be from 7 to 30."
  }
}

variable "force_delete" {
  description = "Let destroy delete repositories that still hold images (throw-away accounts only)."
  type        = bool
  default     = false
}
