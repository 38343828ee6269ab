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

variable "rule_name" {
  description = "Sampling rule name (1-32 letters, digits, hyphens or underscores). null (default): <environment>-<project>, cut to 32 characters."
  type        = string
  default     = null

  validation {
    condition     = var.rule_name == null || can(regex("^[A-Za-z0-9_-]{1,32}$", var.rule_name))
    error_message = "rule_name must be null or 1-32 letters, digits, hyphens or underscores."
  }
  validation {
    condition     = var.rule_name != "Default"
    error_message = "rule_name must not be Default (the built-in rule of every account)."
  }
}

variable "priority" {
  description = "Rule priority, 1 (evaluated first) to 9999; the built-in Default rule is 10000."
  type        = number
  default     = 100

  validation {
    condition     = var.priority >= 1 && var.priority <= 9999 && floor(var.priority) == var.priority
    error_message = "priority must be a whole number from 1 to 9999."
  }
}

variable "reservoir_size" {
  description = "Requests per second traced before fixed_rate applies (per service fleet)."
  type        = number
  default     = 1

  validation {
    condition     = var.reservoir_size >= 0 && floor(var.reservoir_size) == var.reservoir_size
    error_message = "reservoir_size must be a whole number >= 0 (requests per second)."
  }
}

variable "fixed_rate" {
  description = "Fraction of the requests beyond the reservoir that are traced, 0 to 1 (0.05 = 5 %)."
  type        = number
  default     = 0.05

  validation {
    condition     = var.fixed_rate >= 0 && var.fixed_rate <= 1
    error_message = "fixed_rate must be a fraction from 0 to 1 (for example 0.05 for 5 %)."
  }
}

variable "service_name" {
  description = "Matches the service name of a traced request (wildcards * and ? allowed)."
  type        = string
  default     = "*"

  validation {
    condition     = length(var.service_name) >= 1 && length(var.service_name) <= 64
    error_message = "service_name must be 1-64 characters (\"*\" matches every service)."
  }
}

variable "service_type" {
  description = "Matches the origin of a traced request, e.g. AWS::ECS::Container (wildcards allowed)."
  type        = string
  default     = "*"

  validation {
    condition     = length(var.service_type) >= 1 && length(var.service_type) <= 64
    error_message = "service_type must be 1-64 characters (\"*\" matches every origin)."
  }
}

variable "host" {
  description = "Matches the Host header of a traced request (wildcards allowed)."
  type        = string
  default     = "*"

  validation {
    condition     = length(var.host) >= 1 && length(var.host) <= 64
    error_message = "host must be 1-64 characters (\"*\" matches every host)."
  }
}

variable "http_method" {
  description = "Matches the HTTP method of a traced request: *, GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS."
  type        = string
  default     = "*"

  validation {
    condition     = contains(["*", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], var.http_method)
    error_message = "http_method must be one of: *, GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS."
  }
}

variable "url_path" {
  description = "Matches the URL path of a traced request (wildcards allowed), e.g. /api/*."
  type        = string
  default     = "*"

  validation {
    condition     = length(var.url_path) >= 1 && length(var.url_path) <= 128
    error_message = "url_path must be 1-128 characters (\"*\" matches every path)."
  }
}

variable "resource_arn" {
  description = "Matches the ARN of the AWS resource running the service (wildcards allowed)."
  type        = string
  default     = "*"

  validation {
    condition     = length(var.resource_arn) >= 1 && length(var.resource_arn) <= 500
    error_message = "resource_arn must be 1-500 characters (\"*\" matches every resource)."
  }
}

variable "attributes" {
  description = "Segment attributes that must match as well (key -> value, wildcards allowed); empty: no condition."
  type        = map(string)
  default     = {}
}
