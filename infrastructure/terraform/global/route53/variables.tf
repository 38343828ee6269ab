variable "aws_region" {
  description = "AWS region of the provider (Route 53 itself is global)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region code such as us-east-1 or eu-west-2."
  }
}

variable "domain_name" {
  description = "Domain of the public hosted zone, without a trailing dot. Environments add their records to it."
  type        = string
  default     = "taskmanager.example.com"

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name)) && length(var.domain_name) <= 253
    error_message = "domain_name must be a lower-case DNS name of at least two labels without a trailing dot (for example taskmanager.example.com), at most 253 characters."
  }
}

variable "caa_issuers" {
  description = "Certificate authorities allowed to issue for the domain (CAA issue records). amazon.com lets ACM issue."
  type        = list(string)
  default     = ["amazon.com"]

  validation {
    condition     = length(var.caa_issuers) > 0 && alltrue([for i in var.caa_issuers : can(regex("^([a-z0-9-]+\\.)+[a-z]{2,63}$", i))])
    error_message = "caa_issuers must be a non-empty list of CA domain names such as amazon.com or amazontrust.com."
  }
}

variable "caa_iodef" {
  description = "Optional mailto: or https: URL where CAs report issuance requests that violate the CAA policy (null: none)."
  type        = string
  default     = null

  validation {
    condition     = var.caa_iodef == null || can(regex("^(mailto:[^@\\s]+@[^@\\s]+|https://\\S+)$", var.caa_iodef))
    error_message = "caa_iodef must be null, a mailto:address or an https:// URL."
  }
}

variable "force_destroy" {
  description = "Delete all records when the zone is destroyed. Keep false: records of the environments live in this zone."
  type        = bool
  default     = false
}
