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

variable "common_tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

variable "vpc_id" {
  description = "VPC of the load balancer, its security group and target groups."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC ID such as vpc-0123456789abcdef0."
  }
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC: the only destination of the load balancer's egress (targets and health checks)."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && !strcontains(var.vpc_cidr, ":")
    error_message = "vpc_cidr must be an IPv4 CIDR block such as 10.0.0.0/16."
  }
}

variable "subnet_ids" {
  description = "Subnets of the load balancer (public subnets for an internet-facing ALB): at least 2 distinct subnets in different zones."
  type        = list(string)

  validation {
    condition     = length(distinct(var.subnet_ids)) >= 2 && length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must hold at least 2 distinct subnet IDs (an ALB needs two availability zones)."
  }

  validation {
    condition     = alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", s))])
    error_message = "subnet_ids must be subnet IDs such as subnet-0123456789abcdef0."
  }
}

variable "certificate_arn" {
  description = "ARN of the ACM certificate of the HTTPS listener (use the acm-certificate module's certificate_arn so the listener waits for issuance)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/.+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/<id>."
  }
}

variable "ssl_policy" {
  description = "Security policy of the HTTPS listener; only policies with TLS 1.2 as the minimum are allowed."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"

  validation {
    condition = contains([
      "ELBSecurityPolicy-TLS13-1-2-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
      "ELBSecurityPolicy-TLS13-1-3-2021-06",
      "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
      "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
      "ELBSecurityPolicy-TLS-1-2-2017-01",
      "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
      "ELBSecurityPolicy-FS-1-2-2019-08",
      "ELBSecurityPolicy-FS-1-2-Res-2019-08",
      "ELBSecurityPolicy-FS-1-2-Res-2020-10",
    ], var.ssl_policy)
    error_message = "ssl_policy must be a TLS 1.2-minimum policy: ELBSecurityPolicy-TLS13-1-2-2021-06 (recommended), ELBSecurityPolicy-TLS13-1-2-Res-2021-06, ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06, ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06, ELBSecurityPolicy-TLS13-1-3-2021-06, ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04, ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04, ELBSecurityPolicy-TLS-1-2-2017-01, ELBSecurityPolicy-TLS-1-2-Ext-2018-06, ELBSecurityPolicy-FS-1-2-2019-08, ELBSecurityPolicy-FS-1-2-Res-2019-08 or ELBSecurityPolicy-FS-1-2-Res-2020-10."
  }
}

variable "ingress_cidr_blocks" {
  description = "CIDR blocks (IPv4 or IPv6) allowed to reach ports 80 and 443."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.ingress_cidr_blocks) >= 1 && alltrue([for c in var.ingress_cidr_blocks : can(cidrhost(c, 0))]) && length(distinct(var.ingress_cidr_blocks)) == length(var.ingress_cidr_blocks)
    error_message = "ingress_cidr_blocks must hold at least one CIDR block (e.g. 0.0.0.0/0 or 203.0.113.0/24), without duplicates."
  }
}

variable "internal" {
  description = "Internal (private) load balancer instead of internet-facing."
  type        = bool
  default     = false
}

variable "idle_timeout" {
  description = "Seconds a connection may be idle (1-4000)."
  type        = number
  default     = 60

  validation {
    condition     = var.idle_timeout >= 1 && var.idle_timeout <= 4000 && floor(var.idle_timeout) == var.idle_timeout
    error_message = "idle_timeout must be a whole number of seconds from 1 to 4000."
  }
}

variable "deletion_protection" {
  description = "Protect the load balancer from deletion (set true in production)."
  type        = bool
  default     = false
}

variable "access_logs_enabled" {
  description = "Write access logs to an S3 bucket the module creates (<environment>-<project>-alb-logs-<account id>)."
  type        = bool
  default     = true
}

variable "access_logs_force_destroy" {
  description = "Let destroy delete the access-log bucket with its logs (dev/test)."
  type        = bool
  default     = false
}

variable "access_log_expiration_days" {
  description = "Days after which access logs are deleted."
  type        = number
  default     = 90

  validation {
    condition     = var.access_log_expiration_days >= 1 && floor(var.access_log_expiration_days) == var.access_log_expiration_days
    error_message = "access_log_expiration_days must be a whole number >= 1."
  }
}

variable "target_groups" {
  description = <<-EOT
    Target groups (target type ip) by key; each is named <environment>-<project>-<key>.
    Exactly one entry has no path_patterns: the HTTPS listener forwards to it by default.
    Every other entry needs path_patterns (1-5) and becomes a listener rule on the
    HTTPS listener; priority defaults to 10 when there is only one such entry and
    is required (unique, 1-50000; lower wins) when there are several.
  EOT
  type = map(object({
    port                 = number
    protocol             = optional(string, "HTTP")
    health_check_path    = optional(string, "/health")
    health_check_matcher = optional(string, "200")
    deregistration_delay = optional(number, 30)
    path_patterns        = optional(list(string))
    priority             = optional(number)
  }))

  validation {
    condition     = length([for k, tg in var.target_groups : k if tg.path_patterns == null]) == 1
    error_message = "target_groups must have exactly one entry without path_patterns (the HTTPS listener's default action); every other entry needs path_patterns."
  }

  validation {
    condition     = alltrue([for k, tg in var.target_groups : can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", k)) && length("${var.environment}-${var.project}-${k}") <= 32])
    error_message = "target_groups keys must be lower-case letters, digits and inner hyphens, and \"<environment>-<project>-<key>\" must be at most 32 characters (the target group name limit)."
  }

  validation {
    condition = alltrue([for tg in var.target_groups :
      tg.port >= 1 && tg.port <= 65535 && floor(tg.port) == tg.port
      && contains(["HTTP", "HTTPS"], tg.protocol)
      && tg.deregistration_delay >= 0 && tg.deregistration_delay <= 3600
    ])
    error_message = "target_groups[*]: port must be 1-65535, protocol HTTP or HTTPS, deregistration_delay 0-3600 seconds."
  }

  validation {
    condition = alltrue([for tg in var.target_groups :
      can(regex("^/[A-Za-z0-9/._~%!$&'()*+,;=:@-]*$", tg.health_check_path)) && length(tg.health_check_path) <= 1024
      && can(regex("^[0-9]{3}([-,][0-9]{3})*$", tg.health_check_matcher))
    ])
    error_message = "target_groups[*].health_check_path must start with '/' (at most 1024 characters) and health_check_matcher be HTTP codes such as 200, 200,204 or 200-299."
  }

  validation {
    condition = alltrue([for tg in var.target_groups :
      tg.path_patterns == null ? true : (
        length(tg.path_patterns) >= 1 && length(tg.path_patterns) <= 5
        && alltrue([for p in tg.path_patterns : length(p) >= 1 && length(p) <= 128])
      )
    ])
    error_message = "target_groups[*].path_patterns must hold 1-5 patterns of 1-128 characters each, e.g. [\"/api/*\"]."
  }

  validation {
    condition = alltrue([for tg in var.target_groups :
      tg.priority == null ? true : (tg.path_patterns != null && tg.priority >= 1 && tg.priority <= 50000 && floor(tg.priority) == tg.priority)
    ])
    error_message = "target_groups[*].priority must be a whole number from 1 to 50000, and only on entries with path_patterns (the default entry has no rule)."
  }

  validation {
    condition = (
      length([for tg in var.target_groups : tg if tg.path_patterns != null]) <= 1
      || alltrue([for tg in var.target_groups : tg.priority != null if tg.path_patterns != null])
    )
    error_message = "target_groups: with two or more path_patterns entries every one needs an explicit priority (overlapping patterns need a chosen order, and derived numbers would shift when an entry is added)."
  }

  validation {
    condition = length(distinct([for tg in var.target_groups : tg.priority if tg.priority != null])) == length([
      for tg in var.target_groups : tg.priority if tg.priority != null
    ])
    error_message = "target_groups[*].priority values must be unique."
  }
}
