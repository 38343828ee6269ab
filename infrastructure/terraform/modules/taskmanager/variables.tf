variable "project" {
  description = "Short project name used in resource names, e.g. taskmanager or hms."
  type        = string
  default     = "taskmanager"

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

variable "vpc_cidr" {
  description = "CIDR block of the environment's VPC (/16 to /24); the networking module validates it."
  type        = string
}

variable "availability_zones" {
  description = "Availability zones of the environment (2 to 4)."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 4
    error_message = "availability_zones must list 2 to 4 zones: the ALB, Multi-AZ RDS and Redis failover need at least 2."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheap, dev) instead of one per zone (design: high availability)."
  type        = bool
  default     = false
}

variable "domain_name" {
  description = "Public hosted zone of the system (made by the global route53 stack), e.g. taskmanager.example.com."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "domain_name must be a lower-case DNS name such as taskmanager.example.com."
  }
}

variable "api_domain_name" {
  description = "Host name of the API inside domain_name, e.g. api.dev.taskmanager.example.com; gets a certificate and an alias to the ALB."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,}$", var.api_domain_name))
    error_message = "api_domain_name must be a lower-case DNS name such as api.dev.taskmanager.example.com."
  }
}

variable "api_repository_name" {
  description = "ECR repository of the API image (global ecr stack)."
  type        = string
  default     = "taskmanager-api"
}

variable "worker_repository_name" {
  description = "ECR repository of the worker image (global ecr stack)."
  type        = string
  default     = "taskmanager-worker"
}

variable "image_tag" {
  description = "Image tag deployed for the API and the worker; tags are immutable in ECR, so a release is a new tag (e.g. v1.2.3)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag)) && var.image_tag != "latest"
    error_message = "image_tag must be a Docker tag (letters, digits, _ . -, up to 128) other than \"latest\", such as v1.2.3: ECR tags are immutable."
  }
}

variable "log_level" {
  description = "LOG_LEVEL of the containers: DEBUG, INFO, WARNING or ERROR."
  type        = string
  default     = "INFO"

  validation {
    condition     = contains(["DEBUG", "INFO", "WARNING", "ERROR"], var.log_level)
    error_message = "log_level must be one of: DEBUG, INFO, WARNING, ERROR."
  }
}

variable "log_retention_days" {
  description = "Retention of every log group of the environment, in days (a value CloudWatch accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of CloudWatch's values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "database" {
  description = "RDS MySQL sizing: instance class, storage (GB, autoscaling up to max), Multi-AZ, backup days, deletion protection, final snapshot, read replica, max_connections; master_password_version (bump to reset the master password)."
  type = object({
    instance_class          = string
    allocated_storage       = number
    max_allocated_storage   = number
    multi_az                = bool
    backup_retention_period = number
    deletion_protection     = bool
    skip_final_snapshot     = bool
    create_read_replica     = bool
    replica_instance_class  = optional(string)
    max_connections         = number
    master_password_version = optional(number, 1)
  })

  validation {
    condition     = var.database.max_allocated_storage >= var.database.allocated_storage
    error_message = "database.max_allocated_storage must be at least database.allocated_storage (storage autoscaling only grows)."
  }
}

variable "cache" {
  description = "Redis sizing: node type, nodes (1 primary + replicas), automatic failover, Multi-AZ."
  type = object({
    node_type                  = string
    num_cache_clusters         = number
    automatic_failover_enabled = bool
    multi_az_enabled           = bool
  })

  validation {
    condition     = !var.cache.automatic_failover_enabled || var.cache.num_cache_clusters >= 2
    error_message = "cache.automatic_failover_enabled needs cache.num_cache_clusters >= 2 (a replica to fail over to)."
  }
}

variable "api" {
  description = "API service: Fargate cpu/memory and task counts (desired, autoscaling min and max)."
  type = object({
    cpu           = number
    memory        = number
    desired_count = number
    min_capacity  = number
    max_capacity  = number
  })
}

variable "worker" {
  description = "Worker service: Fargate cpu/memory and task counts (desired, autoscaling min and max)."
  type = object({
    cpu           = number
    memory        = number
    desired_count = number
    min_capacity  = number
    max_capacity  = number
  })
}

variable "alb_deletion_protection" {
  description = "Protect the load balancer from deletion (production); its access-log bucket is then kept on destroy too."
  type        = bool
  default     = false
}

variable "alarm_email_addresses" {
  description = "E-mail addresses subscribed to the alarm topic (each must confirm the subscription AWS mails it). At least one: alarms that reach nobody are not monitoring."
  type        = list(string)

  validation {
    condition     = length(var.alarm_email_addresses) >= 1 && alltrue([for a in var.alarm_email_addresses : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", a))])
    error_message = "alarm_email_addresses must list at least one e-mail address (for example [\"oncall@example.com\"]): alarms that reach nobody are not monitoring."
  }
}

variable "secrets_recovery_window_in_days" {
  description = "Days a deleted secret stays restorable: 0 (throw-away environments) or 7 to 30."
  type        = number
  default     = 7
}

variable "secret_version" {
  description = "Bump to generate the application's generated secrets again (JWT_SECRET_KEY). Database credentials are not affected: see database.master_password_version and `infra db rotate`."
  type        = number
  default     = 1
}

variable "migration_command" {
  description = "Command of the one-off migrate task (the API image): applies the schema and creates the application's IAM-authenticated database user (see the README)."
  type        = list(string)
  default     = ["python", "-m", "app.migrate"]

  validation {
    condition     = length(var.migration_command) >= 1
    error_message = "migration_command must name a command, for example [\"python\", \"-m\", \"app.migrate\"]."
  }
}

variable "common_tags" {
  description = "Tags applied to every resource (the provider's default_tags usually carry them too)."
  type        = map(string)
  default     = {}
}
