variable "domain_name" {
  description = "Primary domain name of the certificate, e.g. app.example.com or *.example.com."
  type        = string

  validation {
    condition     = can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.domain_name)) && length(var.domain_name) <= 253
    error_message = "domain_name must be a lower-case fully qualified domain name (at most 253 characters), optionally starting with '*.', e.g. app.example.com."
  }
}

variable "subject_alternative_names" {
  description = "Further names on the certificate (lower-case FQDNs, '*.' allowed), validated in the same zone."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([for n in var.subject_alternative_names :
      can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$", n)) && length(n) <= 253
    ])
    error_message = "subject_alternative_names must be lower-case fully qualified domain names, optionally starting with '*.'."
  }

  validation {
    condition     = length(distinct(var.subject_alternative_names)) == length(var.subject_alternative_names) && !contains(var.subject_alternative_names, var.domain_name)
    error_message = "subject_alternative_names must be unique and must not repeat domain_name."
  }
}

variable "zone_id" {
  description = "ID of the public Route 53 hosted zone that gets the DNS validation records (without the /hostedzone/ prefix)."
  type        = string

  validation {
    condition     = can(regex("^[A-Z0-9]{1,32}$", var.zone_id))
    error_message = "zone_id must be a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ (upper-case letters and digits, no /hostedzone/ prefix)."
  }
}

variable "common_tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
