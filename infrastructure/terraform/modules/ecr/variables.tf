variable "project" {
  description = "Short project name: the KMS alias is alias/<project>-ecr."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,15}$", var.project))
    error_message = "project must be 2-16 lower-case letters or digits, starting with a letter (for example taskmanager or hms)."
  }
}

variable "repository_names" {
  description = "ECR repositories to create, one per container image."
  type        = list(string)

  validation {
    condition     = length(var.repository_names) > 0 && length(var.repository_names) == length(distinct(var.repository_names)) && alltrue([for n in var.repository_names : can(regex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$", n)) && length(n) >= 2 && length(n) <= 256])
    error_message = "repository_names must be a non-empty list of distinct ECR names: 2-256 lower-case letters, digits, '.', '_', '-' and '/' separators, e.g. taskmanager-api."
  }
}

variable "keep_tagged_images" {
  description = "How many images tagged with the release prefix to keep per repository (older ones expire)."
  type        = number
  default     = 30

  validation {
    condition     = var.keep_tagged_images >= 1 && var.keep_tagged_images <= 1000 && floor(var.keep_tagged_images) == var.keep_tagged_images
    error_message = "keep_tagged_images must be a whole number from 1 to 1000."
  }
}

variable "release_tag_prefix" {
  description = "Tag prefix of release images that the lifecycle policy counts (e.g. v for v1.2.3)."
  type        = string
  default     = "v"

  validation {
    condition     = can(regex("^[A-Za-z0-9._-]{1,30}$", var.release_tag_prefix))
    error_message = "release_tag_prefix must be 1-30 letters, digits, '.', '_' or '-'."
  }
}

variable "untagged_expiry_days" {
  description = "Days after which untagged images expire."
  type        = number
  default     = 7

  validation {
    condition     = var.untagged_expiry_days >= 1 && var.untagged_expiry_days <= 365 && floor(var.untagged_expiry_days) == var.untagged_expiry_days
    error_message = "untagged_expiry_days must be a whole number from 1 to 365."
  }
}

variable "pull_principal_arns" {
  description = "IAM principals (accounts or roles) of other accounts allowed to pull images. Empty: no repository policy, only this account's IAM decides."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.pull_principal_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:(root|role/.+)$", a))])
    error_message = "pull_principal_arns must hold IAM ARNs of the form arn:aws:iam::<12-digit account>:root or arn:aws:iam::<account>:role/<name>."
  }
}

variable "kms_deletion_window_in_days" {
  description = "Waiting period before the registry's KMS key is deleted (7-30 days)."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_deletion_window_in_days >= 7 && var.kms_deletion_window_in_days <= 30
    error_message = "kms_deletion_window_in_days must be from 7 to 30."
  }
}

variable "force_delete" {
  description = "Allow destroying repositories that still hold images. Keep false outside throw-away accounts."
  type        = bool
  default     = false
}

variable "common_tags" {
  description = "Tags applied to every resource."
  type        = map(string)
  default     = {}
}
