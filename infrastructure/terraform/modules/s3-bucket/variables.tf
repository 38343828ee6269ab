variable "bucket_name" {
  description = "Globally unique bucket name: 3-63 lower-case letters, digits, hyphens and dots, starting and ending with a letter or digit."
  type        = string

  validation {
    condition = (
      can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
      && !strcontains(var.bucket_name, "..")
      && !strcontains(var.bucket_name, ".-")
      && !strcontains(var.bucket_name, "-.")
      && !can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$", var.bucket_name))
      && !startswith(var.bucket_name, "xn--")
      && !startswith(var.bucket_name, "sthree-")
      && !endswith(var.bucket_name, "-s3alias")
      && !endswith(var.bucket_name, "--ol-s3")
    )
    error_message = "bucket_name must be 3-63 characters of a-z, 0-9, '-' and '.', start and end with a letter or digit, have no '..', '.-' or '-.', not look like an IP address, not start with xn-- or sthree- and not end with -s3alias or --ol-s3."
  }
}

variable "force_destroy" {
  description = "Delete every object (and version) when the bucket is destroyed. Keep false for buckets holding data that matters."
  type        = bool
  default     = false
}

variable "versioning_enabled" {
  description = "Keep every version of every object (Enabled). false suspends versioning."
  type        = bool
  default     = true
}

variable "kms_key_arn" {
  description = "ARN of a KMS key for SSE-KMS (with an S3 bucket key). null uses SSE-S3 (AES256), which is also what ALB/ELB log delivery needs."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be null (SSE-S3) or a KMS key or alias ARN such as arn:aws:kms:us-east-1:123456789012:key/<id>."
  }
}

variable "lifecycle_rules" {
  description = <<-EOT
    Lifecycle rules. Each: id, enabled (true), prefix ("" = whole bucket),
    transitions (list of {days, storage_class}, days strictly increasing),
    expiration_days (after the last transition), noncurrent_version_expiration_days,
    abort_incomplete_multipart_upload_days (7).
  EOT
  type = list(object({
    id      = string
    enabled = optional(bool, true)
    prefix  = optional(string, "")
    transitions = optional(list(object({
      days          = number
      storage_class = string
    })), [])
    expiration_days                        = optional(number)
    noncurrent_version_expiration_days     = optional(number)
    abort_incomplete_multipart_upload_days = optional(number, 7)
  }))
  default = []

  validation {
    condition     = alltrue([for r in var.lifecycle_rules : can(regex("^[A-Za-z0-9 ._-]{1,255}$", r.id))]) && length(distinct([for r in var.lifecycle_rules : r.id])) == length(var.lifecycle_rules)
    error_message = "lifecycle_rules[*].id must be unique, 1-255 characters of letters, digits, space, '.', '_' or '-'."
  }

  validation {
    condition = alltrue(flatten([for r in var.lifecycle_rules : [
      for t in r.transitions : contains(["STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"], t.storage_class)
    ]]))
    error_message = "lifecycle_rules[*].transitions[*].storage_class must be one of: STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER_IR, GLACIER, DEEP_ARCHIVE."
  }

  validation {
    condition = alltrue([for r in var.lifecycle_rules : alltrue(concat(
      [for t in r.transitions : t.days >= 0 && floor(t.days) == t.days],
      [for i in range(1, max(1, length(r.transitions))) : r.transitions[i].days > r.transitions[i - 1].days],
    ))])
    error_message = "lifecycle_rules[*].transitions[*].days must be whole numbers >= 0, strictly increasing within a rule (e.g. STANDARD_IA at 30, then GLACIER at 90)."
  }

  validation {
    condition = alltrue(flatten([for r in var.lifecycle_rules : [
      for t in r.transitions : t.days >= 30 if contains(["STANDARD_IA", "ONEZONE_IA"], t.storage_class)
    ]]))
    error_message = "lifecycle_rules[*].transitions to STANDARD_IA or ONEZONE_IA need days >= 30 (an S3 minimum)."
  }

  validation {
    condition = alltrue([for r in var.lifecycle_rules :
      r.expiration_days == null ? true : (
        r.expiration_days >= 1 && floor(r.expiration_days) == r.expiration_days
        && (length(r.transitions) == 0 ? true : r.expiration_days > r.transitions[length(r.transitions) - 1].days)
      )
    ])
    error_message = "lifecycle_rules[*].expiration_days must be a whole number >= 1 and greater than the days of the rule's last transition."
  }

  validation {
    condition = alltrue([for r in var.lifecycle_rules :
      (r.noncurrent_version_expiration_days == null ? true : r.noncurrent_version_expiration_days >= 1)
      && (r.abort_incomplete_multipart_upload_days == null ? true : r.abort_incomplete_multipart_upload_days >= 1)
    ])
    error_message = "lifecycle_rules[*].noncurrent_version_expiration_days and abort_incomplete_multipart_upload_days must be >= 1 when set."
  }
}

variable "policy_statements" {
  description = "Extra bucket policy statements as a JSON list (e.g. jsonencode([{ Sid = ..., Effect = \"Allow\", ... }])), added after the module's deny-non-TLS statement. null adds none."
  type        = string
  default     = null

  validation {
    condition = var.policy_statements == null ? true : (
      can(regex("^\\s*\\[", var.policy_statements))
      && can([for s in jsondecode(var.policy_statements) : s.Effect])
    )
    error_message = "policy_statements must be null or a JSON list of policy statements, each with an Effect."
  }

  # The bucket blocks public policies (BlockPublicPolicy), so S3 refuses a
  # policy that allows everyone without a condition narrowing it.
  validation {
    condition = var.policy_statements == null ? true : try(length([
      for s in jsondecode(var.policy_statements) : s
      if try(s.Effect, "") == "Allow"
      && (try(s.Principal == "*", false) || contains(try(flatten([s.Principal.AWS]), []), "*"))
      && try(length(s.Condition), 0) == 0
    ]) == 0, true)
    error_message = "policy_statements must not allow everyone (Principal \"*\" or {AWS = \"*\"}) without a Condition: the bucket blocks public policies, so S3 refuses them (AccessDenied). Allowed: a named principal (e.g. { AWS = \"arn:aws:iam::123456789012:role/reader\" } or { Service = \"cloudfront.amazonaws.com\" }), or \"*\" narrowed by a Condition (e.g. AWS:SourceArn)."
  }
}

variable "common_tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
