variable "zone_name" {
  description = "Domain of the public hosted zone, without a trailing dot, e.g. taskmanager.example.com."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.zone_name)) && length(var.zone_name) <= 253
    error_message = "zone_name must be a lower-case DNS name of at least two labels without a trailing dot (for example taskmanager.example.com)."
  }
}

variable "create_zone" {
  description = "Create the public hosted zone. false looks up an existing public zone of that name (e.g. the one of global/route53)."
  type        = bool
  default     = false
}

variable "zone_force_destroy" {
  description = "With create_zone: delete all records of the zone when it is destroyed."
  type        = bool
  default     = false
}

variable "alias_records" {
  description = <<-EOT
    Alias records by key. name: a label relative to the zone ("app", "www.app"), "@" for the apex, or a full name inside the zone.
    target_dns_name / target_zone_id: the alias target (e.g. a CloudFront distribution's domain_name and hosted_zone_id, or an ALB's dns_name and zone_id).
    evaluate_target_health: route only while the target is healthy (CloudFront: must be false). ipv6: also create an AAAA record.
  EOT
  type = map(object({
    name                   = string
    target_dns_name        = string
    target_zone_id         = string
    evaluate_target_health = optional(bool, true)
    ipv6                   = optional(bool, false)
  }))
  default = {}

  validation {
    condition = alltrue([for k, r in var.alias_records :
      can(regex("^[a-z0-9_-]{1,63}$", k))
      && (r.name == "@" || can(regex("^(\\*\\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$", r.name)))
    ])
    error_message = "alias_records keys must be 1-63 lower-case letters, digits, '_' or '-'; each name must be \"@\" (apex), a lower-case relative label such as \"app\" or \"www.app\" (a leading \"*.\" is allowed), or a full lower-case name inside the zone, without a trailing dot."
  }

  validation {
    condition = alltrue([for r in values(var.alias_records) :
      can(regex("^([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}\\.?$", r.target_dns_name))
      && can(regex("^Z[A-Z0-9]{1,31}$", r.target_zone_id))
    ])
    error_message = "alias_records target_dns_name must be a DNS name (e.g. d111111abcdef8.cloudfront.net) and target_zone_id a Route 53 hosted zone ID such as Z2FDTNDATAQYW2 (CloudFront) or the ALB's zone_id."
  }

  validation {
    condition     = length(distinct([for r in values(var.alias_records) : r.name])) == length(var.alias_records)
    error_message = "alias_records must not name the same record twice (one key per name; use ipv6 = true for the AAAA record)."
  }
}

variable "common_tags" {
  description = "Tags added to the hosted zone when the module creates it."
  type        = map(string)
  default     = {}
}
