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

variable "identifier" {
  description = "Suffix of the instance identifier: the instance is <environment>-<project>-<identifier>."
  type        = string
  default     = "db"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$", var.identifier)) && length(var.identifier) <= 20
    error_message = "identifier must be up to 20 lower-case letters, digits and single hyphens, starting with a letter (for example db or reporting-db)."
  }
}

variable "engine" {
  description = "Database engine: mysql (Task Manager, the Task Manager design) or postgres (HMS, the HMS design)."
  type        = string
  default     = "mysql"

  validation {
    condition     = contains(["mysql", "postgres"], var.engine)
    error_message = "engine must be one of: mysql, postgres."
  }
}

variable "engine_version" {
  description = "Engine version. null selects the major version (mysql 8.0, postgres 16) and lets RDS apply minor upgrades; a full minor version pins it (then set auto_minor_version_upgrade = false)."
  type        = string
  default     = null

  validation {
    condition = var.engine_version == null || contains(
      var.engine == "mysql"
      ? ["8.0", "8.0.36", "8.0.37", "8.0.39", "8.0.40", "8.0.41", "8.0.42"]
      : ["16", "16.1", "16.2", "16.3", "16.4", "16.5", "16.6", "16.8", "16.9"],
      coalesce(var.engine_version, "-")
    )
    error_message = "engine_version must be valid for the engine: mysql 8.0, 8.0.36, 8.0.37, 8.0.39, 8.0.40, 8.0.41, 8.0.42; postgres 16, 16.1, 16.2, 16.3, 16.4, 16.5, 16.6, 16.8, 16.9 (there is no RDS PostgreSQL 16.0)."
  }
}

variable "auto_minor_version_upgrade" {
  description = "Let RDS apply minor engine upgrades in the maintenance window."
  type        = bool
  default     = true
}

variable "instance_class" {
  description = "Instance class, e.g. db.t3.micro (dev) or db.r6g.xlarge (production)."
  type        = string
  default     = "db.t3.micro"

  validation {
    condition     = can(regex("^db\\.[a-z0-9-]+\\.[a-z0-9]+$", var.instance_class))
    error_message = "instance_class must be an RDS instance class such as db.t3.micro, db.t4g.medium or db.r6g.xlarge."
  }
}

variable "allocated_storage" {
  description = "Initial storage in GiB (20-65536)."
  type        = number
  default     = 20

  validation {
    condition     = var.allocated_storage >= 20 && var.allocated_storage <= 65536 && floor(var.allocated_storage) == var.allocated_storage
    error_message = "allocated_storage must be a whole number of GiB from 20 to 65536."
  }
}

variable "max_allocated_storage" {
  description = "Upper limit in GiB for storage autoscaling; 0 disables autoscaling. Must be at least 10% above allocated_storage."
  type        = number
  default     = 100

  validation {
    condition     = var.max_allocated_storage == 0 || (var.max_allocated_storage >= ceil(var.allocated_storage * 1.1) && var.max_allocated_storage <= 65536)
    error_message = "max_allocated_storage must be 0 (no autoscaling) or from 10% above allocated_storage up to 65536 GiB."
  }
}

variable "storage_type" {
  description = "Storage type: gp3 (default), gp2, io1 or io2."
  type        = string
  default     = "gp3"

  validation {
    condition     = contains(["gp3", "gp2", "io1", "io2"], var.storage_type)
    error_message = "storage_type must be one of: gp3, gp2, io1, io2."
  }
}

variable "multi_az" {
  description = "Run a synchronous standby in a second zone (production)."
  type        = bool
  default     = false
}

variable "vpc_id" {
  description = "VPC of the instance and its security group."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the DB subnet group (the private data tier): at least 2, in different zones."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must list at least 2 distinct subnets (in different availability zones): RDS subnet groups and Multi-AZ need two zones."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups (the application's) allowed to connect on the database port; nothing else is."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.allowed_security_group_ids : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "allowed_security_group_ids must be security group IDs such as sg-0123456789abcdef0."
  }
}

variable "port" {
  description = "Listener port; null uses the engine's default (3306 mysql, 5432 postgres)."
  type        = number
  default     = null

  validation {
    condition     = var.port == null || try(var.port >= 1150 && var.port <= 65535, false)
    error_message = "port must be null or from 1150 to 65535 (RDS range)."
  }
}

variable "database_name" {
  description = "Name of the database created with the instance; null uses project."
  type        = string
  default     = null

  validation {
    condition     = var.database_name == null || can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,62}$", coalesce(var.database_name, "x")))
    error_message = "database_name must start with a letter and contain up to 63 letters, digits or underscores."
  }
}

variable "master_username" {
  description = "Master user name. Its password is generated into the module's Secrets Manager secret; it is never an input."
  type        = string
  default     = "dbadmin"

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,15}$", var.master_username)) && !contains(["admin", "rdsadmin", "postgres", "root", "mysql", "user", "public"], lower(var.master_username))
    error_message = "master_username must be 1-16 letters, digits or underscores starting with a letter, and not a reserved name (admin, rdsadmin, postgres, root, mysql, user, public)."
  }
}

variable "master_password_version" {
  description = "Bump (1, 2, 3…) to have Terraform generate a new master password and set it on the secret and the instance (a reset). Routine rotation is `infra db rotate <stack>`, which needs no change here."
  type        = number
  default     = 1

  validation {
    condition     = var.master_password_version >= 1 && floor(var.master_password_version) == var.master_password_version
    error_message = "master_password_version must be a whole number from 1 up."
  }
}

variable "master_secret_recovery_window_in_days" {
  description = "Days a deleted master secret can still be restored: 0 (delete at once) or 7 to 30. Its name has a unique suffix, so a rebuilt environment never waits for it."
  type        = number
  default     = 7

  validation {
    condition     = var.master_secret_recovery_window_in_days == 0 || (var.master_secret_recovery_window_in_days >= 7 && var.master_secret_recovery_window_in_days <= 30)
    error_message = "master_secret_recovery_window_in_days must be 0 or a number of days from 7 to 30."
  }
}

variable "iam_database_users" {
  description = "Database users the applications log in as with IAM database authentication (created in the database by the migration, see README); the module outputs their rds-db:connect ARNs for the primary and the replica."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for u in var.iam_database_users : can(regex("^[a-zA-Z][a-zA-Z0-9_]{0,31}$", u))])
    error_message = "iam_database_users must be names of 1-32 letters, digits or underscores starting with a letter (for example hms_prod)."
  }
}

variable "kms_key_arn" {
  description = "KMS key ARN encrypting storage, the master user secret, Performance Insights and the log groups."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<id>."
  }
}

variable "backup_retention_period" {
  description = "Days of automated backups (0-35); 0 disables backups and read replicas."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_period >= 0 && var.backup_retention_period <= 35 && floor(var.backup_retention_period) == var.backup_retention_period
    error_message = "backup_retention_period must be a whole number of days from 0 to 35."
  }
}

variable "backup_window" {
  description = "Daily backup window in UTC, hh:mm-hh:mm (at least 30 minutes, not overlapping maintenance_window)."
  type        = string
  default     = "03:00-04:00"

  validation {
    condition     = can(regex("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", var.backup_window))
    error_message = "backup_window must be hh:mm-hh:mm in 24-hour UTC, such as 03:00-04:00."
  }
}

variable "maintenance_window" {
  description = "Weekly maintenance window in UTC, ddd:hh:mm-ddd:hh:mm."
  type        = string
  default     = "sun:04:00-sun:05:00"

  validation {
    condition     = can(regex("^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$", var.maintenance_window))
    error_message = "maintenance_window must be ddd:hh:mm-ddd:hh:mm in UTC with ddd one of mon, tue, wed, thu, fri, sat, sun, such as sun:04:00-sun:05:00."
  }
}

variable "max_connections" {
  description = "max_connections in the engine's default parameters (the Task Manager design: 100 dev, 500 production)."
  type        = number
  default     = 100

  validation {
    condition     = var.max_connections >= 10 && var.max_connections <= 16000 && floor(var.max_connections) == var.max_connections
    error_message = "max_connections must be a whole number from 10 to 16000."
  }
}

variable "parameters" {
  description = "DB parameters, merged by name over the engine defaults (mysql: utf8mb4 charset/collation, slow query log with long_query_time 2, max_connections, TLS required; postgres: statements over 2 s logged, connections logged, max_connections, TLS required). apply_method: immediate or pending-reboot (static parameters)."
  type = list(object({
    name         = string
    value        = string
    apply_method = optional(string, "immediate")
  }))
  default = []

  validation {
    condition     = alltrue([for p in var.parameters : contains(["immediate", "pending-reboot"], p.apply_method)])
    error_message = "parameters[*].apply_method must be one of: immediate, pending-reboot."
  }
}

variable "enabled_cloudwatch_logs_exports" {
  description = "Logs exported to CloudWatch; null uses the engine default (mysql: error, slowquery; postgres: postgresql, upgrade). Allowed: mysql audit, error, general, slowquery, iam-db-auth-error; postgres postgresql, upgrade, iam-db-auth-error."
  type        = list(string)
  default     = null

  validation {
    condition = var.enabled_cloudwatch_logs_exports == null || alltrue([
      for l in coalesce(var.enabled_cloudwatch_logs_exports, []) :
      contains(var.engine == "mysql" ? ["audit", "error", "general", "slowquery", "iam-db-auth-error"] : ["postgresql", "upgrade", "iam-db-auth-error"], l)
    ])
    error_message = "enabled_cloudwatch_logs_exports must be valid for the engine: mysql audit, error, general, slowquery, iam-db-auth-error; postgres postgresql, upgrade, iam-db-auth-error."
  }
}

variable "cloudwatch_log_retention_days" {
  description = "Retention of the exported log groups, in days; one of the values CloudWatch Logs accepts."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.cloudwatch_log_retention_days)
    error_message = "cloudwatch_log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (and replica) while set."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Delete without a final snapshot (dev only)."
  type        = bool
  default     = false
}

variable "final_snapshot_identifier" {
  description = "Name of the final snapshot taken on deletion; null gives <instance identifier>-final-<8 characters unique to this incarnation of the instance>, stable between plans and new after a rebuild (RDS refuses a snapshot name that exists)."
  type        = string
  default     = null

  validation {
    condition     = var.final_snapshot_identifier == null || (can(regex("^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$", coalesce(var.final_snapshot_identifier, "x"))) && length(coalesce(var.final_snapshot_identifier, "x")) <= 255)
    error_message = "final_snapshot_identifier must be 1-255 characters, start with a letter and contain only letters, digits and single hyphens, not ending in a hyphen."
  }
}

variable "iam_database_authentication_enabled" {
  description = "Allow IAM database authentication on the primary and the replica (applications connect with short-lived tokens instead of passwords)."
  type        = bool
  default     = true
}

variable "performance_insights_enabled" {
  description = "Enable Performance Insights (encrypted with kms_key_arn; 7 days retention). Not available on db.t3.micro/small for MySQL."
  type        = bool
  default     = false
}

variable "monitoring_interval" {
  description = "Enhanced Monitoring interval in seconds: 0 (off), 1, 5, 10, 15, 30 or 60. A monitoring role is created when > 0."
  type        = number
  default     = 0

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.monitoring_interval)
    error_message = "monitoring_interval must be one of: 0, 1, 5, 10, 15, 30, 60."
  }
}

variable "create_read_replica" {
  description = "Create one read replica (needs backup_retention_period > 0)."
  type        = bool
  default     = false

  validation {
    condition     = !var.create_read_replica || var.backup_retention_period > 0
    error_message = "create_read_replica needs backup_retention_period > 0: RDS replicates from automated backups."
  }
}

variable "replica_instance_class" {
  description = "Instance class of the read replica; null uses instance_class."
  type        = string
  default     = null

  validation {
    condition     = var.replica_instance_class == null || can(regex("^db\\.[a-z0-9-]+\\.[a-z0-9]+$", coalesce(var.replica_instance_class, "x")))
    error_message = "replica_instance_class must be null or an RDS instance class such as db.r6g.large."
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
