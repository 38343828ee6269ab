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

variable "kms_key_arn" {
  description = "ARN of the KMS key encrypting the alarm topic. Its key policy must let cloudwatch.amazonaws.com use it (modules/kms does)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key or alias ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "alarm_email_addresses" {
  description = "E-mail addresses subscribed to the alarm topic (each must confirm the subscription)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.alarm_email_addresses : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", a))])
    error_message = "alarm_email_addresses must contain only e-mail addresses such as ops@example.com."
  }
}

# --- Application Load Balancer -------------------------------------------------

variable "alb_arn_suffix" {
  description = "ARN suffix of the ALB (app/<name>/<id>, the LoadBalancer dimension); null: no ALB alarms or widgets."
  type        = string
  default     = null

  validation {
    condition     = var.alb_arn_suffix == null || can(regex("^app/[^/]+/[^/]+$", var.alb_arn_suffix))
    error_message = "alb_arn_suffix must be null or an ALB ARN suffix app/<name>/<id> (aws_lb.arn_suffix)."
  }
}

variable "alb_alarms_enabled" {
  description = "Create the ALB alarms. null (default): when alb_arn_suffix is set. Set true when alb_arn_suffix is only known after apply (the ALB is created in the same run), or Terraform cannot plan the alarms."
  type        = bool
  default     = null

  validation {
    condition     = var.alb_alarms_enabled != true || var.alb_arn_suffix != null
    error_message = "alb_alarms_enabled = true needs alb_arn_suffix (the LoadBalancer dimension)."
  }
}

variable "target_group_arn_suffixes" {
  description = "Target groups watched one by one (Target 5xx, unhealthy hosts): key (e.g. api) -> ARN suffix targetgroup/<name>/<id>. Needs the ALB."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.target_group_arn_suffixes : can(regex("^[a-z0-9-]{1,32}$", k))])
    error_message = "target_group_arn_suffixes keys must be 1-32 lower-case letters, digits or hyphens (they become part of alarm names)."
  }
  validation {
    condition     = length(var.target_group_arn_suffixes) == 0 || var.alb_arn_suffix != null
    error_message = "target_group_arn_suffixes needs alb_arn_suffix (target group metrics carry the LoadBalancer dimension too)."
  }
}

variable "alb_5xx_threshold" {
  description = "Alarm when more 5xx responses than this are counted in one period (load balancer and targets separately)."
  type        = number
  default     = 10

  validation {
    condition     = var.alb_5xx_threshold >= 0 && floor(var.alb_5xx_threshold) == var.alb_5xx_threshold
    error_message = "alb_5xx_threshold must be a whole number >= 0 (count of 5xx responses per period)."
  }
}

variable "alb_latency_threshold_seconds" {
  description = "Alarm when the p95 target response time exceeds this many seconds."
  type        = number
  default     = 1

  validation {
    condition     = var.alb_latency_threshold_seconds > 0 && var.alb_latency_threshold_seconds <= 60
    error_message = "alb_latency_threshold_seconds must be greater than 0 and at most 60 (seconds)."
  }
}

# --- ECS -------------------------------------------------------------------------

variable "ecs_cluster_name" {
  description = "ECS cluster name (ClusterName dimension); required when ecs_service_names is not empty."
  type        = string
  default     = null
}

variable "ecs_service_names" {
  description = "ECS services watched: key (e.g. api, worker; part of alarm names) -> service name (ServiceName dimension). Needs ecs_cluster_name."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for k, v in var.ecs_service_names : can(regex("^[a-z0-9-]{1,32}$", k))])
    error_message = "ecs_service_names keys must be 1-32 lower-case letters, digits or hyphens (they become part of alarm names)."
  }
  validation {
    condition     = length(var.ecs_service_names) == 0 || var.ecs_cluster_name != null
    error_message = "ecs_service_names needs ecs_cluster_name (the ClusterName dimension)."
  }
}

variable "ecs_cpu_threshold" {
  description = "Alarm when a service's average CPUUtilization is above this percentage."
  type        = number
  default     = 80

  validation {
    condition     = var.ecs_cpu_threshold >= 1 && var.ecs_cpu_threshold <= 100
    error_message = "ecs_cpu_threshold must be a percentage from 1 to 100."
  }
}

variable "ecs_memory_threshold" {
  description = "Alarm when a service's average MemoryUtilization is above this percentage."
  type        = number
  default     = 80

  validation {
    condition     = var.ecs_memory_threshold >= 1 && var.ecs_memory_threshold <= 100
    error_message = "ecs_memory_threshold must be a percentage from 1 to 100."
  }
}

# --- RDS -------------------------------------------------------------------------

variable "db_instance_ids" {
  description = "RDS instance identifiers watched (DBInstanceIdentifier dimension). Alarms are keyed by position: append, do not reorder."
  type        = list(string)
  default     = []
}

variable "db_cpu_threshold" {
  description = "Alarm when an instance's average CPUUtilization is above this percentage."
  type        = number
  default     = 80

  validation {
    condition     = var.db_cpu_threshold >= 1 && var.db_cpu_threshold <= 100
    error_message = "db_cpu_threshold must be a percentage from 1 to 100."
  }
}

variable "db_free_storage_threshold_bytes" {
  description = "Alarm when an instance's FreeStorageSpace falls below this many bytes (default 10 GiB)."
  type        = number
  default     = 10737418240

  validation {
    condition     = var.db_free_storage_threshold_bytes >= 1073741824
    error_message = "db_free_storage_threshold_bytes must be at least 1073741824 (1 GiB), given in bytes."
  }
}

variable "db_max_connections_threshold" {
  description = "Alarm when an instance's DatabaseConnections exceed this number (set it below the engine's max_connections)."
  type        = number
  default     = 400

  validation {
    condition     = var.db_max_connections_threshold >= 1 && floor(var.db_max_connections_threshold) == var.db_max_connections_threshold
    error_message = "db_max_connections_threshold must be a whole number >= 1."
  }
}

# --- ElastiCache -----------------------------------------------------------------

variable "cache_cluster_ids" {
  description = "ElastiCache member cluster (node) IDs watched, e.g. dev-taskmanager-redis-001 (CacheClusterId dimension). Alarms are keyed by position: append, do not reorder."
  type        = list(string)
  default     = []
}

variable "cache_cpu_threshold" {
  description = "Alarm when a node's EngineCPUUtilization (the Redis thread) is above this percentage."
  type        = number
  default     = 75

  validation {
    condition     = var.cache_cpu_threshold >= 1 && var.cache_cpu_threshold <= 100
    error_message = "cache_cpu_threshold must be a percentage from 1 to 100."
  }
}

variable "cache_memory_threshold" {
  description = "Alarm when a node's DatabaseMemoryUsagePercentage is above this percentage."
  type        = number
  default     = 80

  validation {
    condition     = var.cache_memory_threshold >= 1 && var.cache_memory_threshold <= 100
    error_message = "cache_memory_threshold must be a percentage from 1 to 100."
  }
}

variable "cache_evictions_threshold" {
  description = "Alarm when a node evicts more keys than this in one period."
  type        = number
  default     = 100

  validation {
    condition     = var.cache_evictions_threshold >= 0 && floor(var.cache_evictions_threshold) == var.cache_evictions_threshold
    error_message = "cache_evictions_threshold must be a whole number >= 0 (evicted keys per period)."
  }
}

# --- Alarm evaluation and dashboard ---------------------------------------------

variable "evaluation_periods" {
  description = "Consecutive periods over the threshold before an alarm fires."
  type        = number
  default     = 2

  validation {
    condition     = var.evaluation_periods >= 1 && floor(var.evaluation_periods) == var.evaluation_periods && var.evaluation_periods * var.period_seconds <= 86400
    error_message = "evaluation_periods must be a whole number >= 1, and evaluation_periods * period_seconds at most 86400 (one day, the CloudWatch limit)."
  }
}

variable "period_seconds" {
  description = "Length of one alarm evaluation period in seconds: 10, 30 or a multiple of 60."
  type        = number
  default     = 300

  validation {
    condition     = contains([10, 30], var.period_seconds) || (var.period_seconds >= 60 && var.period_seconds % 60 == 0)
    error_message = "period_seconds must be 10, 30 or a multiple of 60 (60, 120, 300, ...)."
  }
}

variable "create_dashboard" {
  description = "Create the CloudWatch dashboard <environment>-<project>."
  type        = bool
  default     = true
}
