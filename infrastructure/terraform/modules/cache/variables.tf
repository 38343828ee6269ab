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

variable "node_type" {
  description = "Cache node type, e.g. cache.t4g.micro (dev) or cache.r7g.large (production)."
  type        = string
  default     = "cache.t4g.micro"

  validation {
    condition     = can(regex("^cache\\.[a-z0-9-]+\\.[a-z0-9]+$", var.node_type))
    error_message = "node_type must be an ElastiCache node type such as cache.t4g.micro or cache.r7g.large."
  }
}

variable "num_cache_clusters" {
  description = "Nodes in the replication group: 1 primary plus 0-5 replicas (1-6)."
  type        = number
  default     = 1

  validation {
    condition     = var.num_cache_clusters >= 1 && var.num_cache_clusters <= 6 && floor(var.num_cache_clusters) == var.num_cache_clusters
    error_message = "num_cache_clusters must be a whole number from 1 to 6."
  }
}

variable "automatic_failover_enabled" {
  description = "Promote a replica when the primary fails; needs num_cache_clusters >= 2."
  type        = bool
  default     = false

  validation {
    condition     = !var.automatic_failover_enabled || var.num_cache_clusters >= 2
    error_message = "automatic_failover_enabled needs num_cache_clusters >= 2 (a replica to fail over to)."
  }
}

variable "multi_az_enabled" {
  description = "Spread nodes over zones with automatic failover; needs num_cache_clusters >= 2 and automatic_failover_enabled."
  type        = bool
  default     = false

  validation {
    condition     = !var.multi_az_enabled || (var.num_cache_clusters >= 2 && var.automatic_failover_enabled)
    error_message = "multi_az_enabled needs num_cache_clusters >= 2 and automatic_failover_enabled = true."
  }
}

variable "engine_version" {
  description = "Redis engine version: 7.0 or 7.1 (IAM authentication needs Redis 7)."
  type        = string
  default     = "7.1"

  validation {
    condition     = contains(["7.0", "7.1"], var.engine_version)
    error_message = "engine_version must be one of: 7.0, 7.1 (IAM authentication of the application user needs Redis 7)."
  }
}

variable "parameter_group_family" {
  description = "Parameter group family; only redis7 matches the allowed engine versions."
  type        = string
  default     = "redis7"

  validation {
    condition     = contains(["redis7"], var.parameter_group_family)
    error_message = "parameter_group_family must be redis7 (the family of Redis 7.0 and 7.1)."
  }
}

variable "parameters" {
  description = "Redis parameters of the group."
  type = list(object({
    name  = string
    value = string
  }))
  default = [{ name = "maxmemory-policy", value = "allkeys-lru" }]

  validation {
    condition     = alltrue([for p in var.parameters : can(regex("^[a-z][a-z0-9-]*$", p.name))])
    error_message = "parameters[*].name must be a Redis parameter name such as maxmemory-policy."
  }
}

variable "port" {
  description = "Port the nodes listen on."
  type        = number
  default     = 6379

  validation {
    condition     = var.port >= 1024 && var.port <= 65535
    error_message = "port must be from 1024 to 65535."
  }
}

variable "vpc_id" {
  description = "VPC of the cache and its security group."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the cache subnet group (private data tier): at least 2 distinct subnets in different zones."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must list at least 2 distinct subnets in different availability zones."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups (the application's) allowed to connect on the Redis port; nothing else is."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.allowed_security_group_ids : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "allowed_security_group_ids must be security group IDs such as sg-0123456789abcdef0."
  }
}

variable "kms_key_arn" {
  description = "KMS key ARN encrypting data at rest, snapshots and the slow-log group."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<id>."
  }
}

variable "app_user_access_string" {
  description = "Redis ACL of the IAM-authenticated application user."
  type        = string
  default     = "on ~* +@all"

  validation {
    condition     = startswith(var.app_user_access_string, "on ")
    error_message = "app_user_access_string must be a Redis ACL that starts with \"on \" (an enabled user), such as \"on ~* +@all -@dangerous\"."
  }
}

variable "snapshot_retention_limit" {
  description = "Days of automatic snapshots (0 disables, up to 35)."
  type        = number
  default     = 7

  validation {
    condition     = var.snapshot_retention_limit >= 0 && var.snapshot_retention_limit <= 35 && floor(var.snapshot_retention_limit) == var.snapshot_retention_limit
    error_message = "snapshot_retention_limit must be a whole number of days from 0 to 35."
  }
}

variable "snapshot_window" {
  description = "Daily snapshot window in UTC, hh:mm-hh:mm (not overlapping maintenance_window)."
  type        = string
  default     = "02:00-03:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.snapshot_window))
    error_message = "snapshot_window must be hh:mm-hh:mm in 24-hour UTC, such as 02:00-03:00."
  }
}

variable "maintenance_window" {
  description = "Weekly maintenance window in UTC, ddd:hh:mm-ddd:hh:mm."
  type        = string
  default     = "sun:05:00-sun:06:00"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window))
    error_message = "maintenance_window must be ddd:hh:mm-ddd:hh:mm in UTC with ddd one of mon, tue, wed, thu, fri, sat, sun, such as sun:05:00-sun:06:00."
  }
}

variable "slow_log_enabled" {
  description = "Deliver the Redis slow log to a KMS-encrypted CloudWatch log group."
  type        = bool
  default     = true
}

variable "cloudwatch_log_retention_days" {
  description = "Retention of the slow-log group, in days; one of the values CloudWatch Logs accepts."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cloudwatch_log_retention_days)
    error_message = "cloudwatch_log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "apply_immediately" {
  description = "Apply modifications now instead of in the next maintenance window."
  type        = bool
  default     = false
}

variable "common_tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
