variable "project" {
  description = "Short project name used in resource names."
  type        = string
  default     = "hms"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,15}$", var.project))
    error_message = "project must be 2-16 lower-case letters or digits, starting with a letter (for example hms)."
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
  description = "Tags added to every resource (the roots also set them as provider default_tags)."
  type        = map(string)
  default     = {}
}

################################################################################
# Network (the HMS design: 10.0.0.0/16 over three zones, one NAT gateway)
################################################################################

variable "vpc_cidr" {
  description = "CIDR block of the VPC (design: 10.0.0.0/16)."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 20
    error_message = "vpc_cidr must be a CIDR block from /16 to /20, such as 10.0.0.0/16."
  }
}

variable "availability_zones" {
  description = "Exactly three distinct availability zones (design: us-east-1a, us-east-1b, us-east-1c), one subnet of each tier per zone."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) == 3 && length(distinct(var.availability_zones)) == 3
    error_message = "availability_zones must list exactly 3 distinct zones, e.g. [\"us-east-1a\", \"us-east-1b\", \"us-east-1c\"]: the HMS network spans three zones (the HMS design)."
  }
}

variable "public_subnet_cidrs" {
  description = "Public subnets (ALB, NAT gateway), one per zone, inside vpc_cidr."
  type        = list(string)
  default     = ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"]

  validation {
    condition     = length(var.public_subnet_cidrs) == 3 && alltrue([for c in var.public_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "public_subnet_cidrs must be 3 CIDR blocks (one per zone) such as 10.0.101.0/24."
  }
}

variable "private_app_subnet_cidrs" {
  description = "Private application subnets (ECS tasks), one per zone, inside vpc_cidr."
  type        = list(string)
  default     = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]

  validation {
    condition     = length(var.private_app_subnet_cidrs) == 3 && alltrue([for c in var.private_app_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "private_app_subnet_cidrs must be 3 CIDR blocks (one per zone) such as 10.0.1.0/24."
  }
}

variable "private_data_subnet_cidrs" {
  description = "Private data subnets (RDS, Redis), one per zone, inside vpc_cidr."
  type        = list(string)
  default     = ["10.0.201.0/24", "10.0.202.0/24", "10.0.203.0/24"]

  validation {
    condition     = length(var.private_data_subnet_cidrs) == 3 && alltrue([for c in var.private_data_subnet_cidrs : can(cidrhost(c, 0))])
    error_message = "private_data_subnet_cidrs must be 3 CIDR blocks (one per zone) such as 10.0.201.0/24."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway shared by all zones (the HMS design asks for it: cheaper, but a zone failure cuts the other zones' egress); false puts one in each zone."
  type        = bool
  default     = true
}

################################################################################
# Names
################################################################################

variable "domain_name" {
  description = "Domain of the environment (design: hms.yourcompany.com). Its public Route 53 zone comes from the hms-global stack and must be delegated; the apex and www point at CloudFront, api.<domain> at the ALB."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name)) && length(var.domain_name) <= 200
    error_message = "domain_name must be a lower-case DNS name without trailing dot, such as hms.yourcompany.com or dev.hms.yourcompany.com."
  }
}

################################################################################
# Containers
################################################################################

variable "backend_repository_name" {
  description = "ECR repository of the backend image (created by the hms-global stack)."
  type        = string
  default     = "hms-backend"

  validation {
    condition     = can(regex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$", var.backend_repository_name))
    error_message = "backend_repository_name must be an ECR repository name such as hms-backend."
  }
}

variable "frontend_repository_name" {
  description = "ECR repository of the frontend image (created by the hms-global stack)."
  type        = string
  default     = "hms-frontend"

  validation {
    condition     = can(regex("^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$", var.frontend_repository_name))
    error_message = "frontend_repository_name must be an ECR repository name such as hms-frontend."
  }
}

variable "backend_image_tag" {
  description = "Immutable release tag of the backend image (design: v1.2.0)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.backend_image_tag)) && var.backend_image_tag != "latest"
    error_message = "backend_image_tag must be a release tag such as v1.2.0 (1-128 letters, digits, _ . -; not latest)."
  }
}

variable "frontend_image_tag" {
  description = "Immutable release tag of the frontend image (design: v1.2.0)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.frontend_image_tag)) && var.frontend_image_tag != "latest"
    error_message = "frontend_image_tag must be a release tag such as v1.2.0 (1-128 letters, digits, _ . -; not latest)."
  }
}

variable "migration_command" {
  description = "Command of the one-off migrate task (the backend image): applies the schema and creates the application's IAM-authenticated database user (see the README)."
  type        = list(string)
  default     = ["python", "-m", "app.migrate"]

  validation {
    condition     = length(var.migration_command) >= 1
    error_message = "migration_command must name a command, for example [\"python\", \"-m\", \"app.migrate\"]."
  }
}

variable "static_path_patterns" {
  description = "Paths CloudFront serves from the static bucket (cached); everything else goes to the application (frontend, and /api/* to the backend)."
  type        = list(string)
  default     = ["/static/*"]
}

variable "backend" {
  description = "Backend service size (design: 512 CPU units, 1024 MiB, 2 tasks; CPU target tracking between 2 and 10 tasks). The ecs module checks the Fargate cpu/memory pairs."
  type = object({
    cpu           = optional(number, 512)
    memory        = optional(number, 1024)
    desired_count = optional(number, 2)
    min_capacity  = optional(number, 2)
    max_capacity  = optional(number, 10)
  })
  default = {}

  validation {
    condition     = var.backend.min_capacity >= 1 && var.backend.min_capacity <= var.backend.desired_count && var.backend.desired_count <= var.backend.max_capacity
    error_message = "backend counts must satisfy 1 <= min_capacity <= desired_count <= max_capacity."
  }
}

variable "frontend" {
  description = "Frontend service size (design: 256 CPU units, 512 MiB, 2 tasks; CPU target tracking between 2 and 10 tasks)."
  type = object({
    cpu           = optional(number, 256)
    memory        = optional(number, 512)
    desired_count = optional(number, 2)
    min_capacity  = optional(number, 2)
    max_capacity  = optional(number, 10)
  })
  default = {}

  validation {
    condition     = var.frontend.min_capacity >= 1 && var.frontend.min_capacity <= var.frontend.desired_count && var.frontend.desired_count <= var.frontend.max_capacity
    error_message = "frontend counts must satisfy 1 <= min_capacity <= desired_count <= max_capacity."
  }
}

variable "cpu_target_value" {
  description = "Average CPU utilisation (percent) the services' target tracking keeps (design: 70)."
  type        = number
  default     = 70

  validation {
    condition     = var.cpu_target_value >= 10 && var.cpu_target_value <= 90
    error_message = "cpu_target_value must be from 10 to 90 (percent)."
  }
}

variable "log_retention_days" {
  description = "Retention of the log groups (/ecs/hms and the others), in days (design: 30); one of CloudWatch's values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of CloudWatch's values: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

################################################################################
# Data
################################################################################

variable "database" {
  description = "PostgreSQL (design: 16 — pinned to the valid minor 16.4 —, db.t3.medium, 100 GB encrypted, 7-day backups 03:00-04:00, maintenance sun:04:00-sun:05:00). The master password is generated into a Secrets Manager secret and given to RDS write-only; the backend logs in as hms_<environment> with IAM database authentication. Optional read replica."
  type = object({
    engine_version          = optional(string, "16.4")
    instance_class          = optional(string, "db.t3.medium")
    allocated_storage       = optional(number, 100)
    max_allocated_storage   = optional(number, 200)
    multi_az                = optional(bool, false)
    backup_retention_period = optional(number, 7)
    backup_window           = optional(string, "03:00-04:00")
    maintenance_window      = optional(string, "sun:04:00-sun:05:00")
    max_connections         = optional(number, 200)
    deletion_protection     = optional(bool, true)
    skip_final_snapshot     = optional(bool, false)
    create_read_replica     = optional(bool, false)
    replica_instance_class  = optional(string)
    master_password_version = optional(number, 1)
  })
  default = {}

  validation {
    condition     = contains(["16.1", "16.2", "16.3", "16.4", "16.5", "16.6", "16.8", "16.9"], var.database.engine_version)
    error_message = "database.engine_version must be a released PostgreSQL 16 minor on RDS: 16.1, 16.2, 16.3, 16.4, 16.5, 16.6, 16.8 or 16.9 (there is no 16.0)."
  }

  validation {
    condition     = var.database.backup_retention_period >= 1 && var.database.backup_retention_period <= 35
    error_message = "database.backup_retention_period must be 1 to 35 days (0 would switch automated backups off)."
  }

  validation {
    condition     = var.database.allocated_storage >= 20 && var.database.max_allocated_storage >= var.database.allocated_storage
    error_message = "database.allocated_storage must be at least 20 GB and max_allocated_storage at least allocated_storage."
  }
}

variable "cache" {
  description = "Redis for caching and sessions: node type and replicas (failover and Multi-AZ need 2 or more nodes)."
  type = object({
    node_type                  = optional(string, "cache.t4g.small")
    num_cache_clusters         = optional(number, 2)
    automatic_failover_enabled = optional(bool, true)
    multi_az_enabled           = optional(bool, true)
  })
  default = {}

  validation {
    condition     = var.cache.num_cache_clusters >= 1 && var.cache.num_cache_clusters <= 6 && (!var.cache.automatic_failover_enabled || var.cache.num_cache_clusters >= 2) && (!var.cache.multi_az_enabled || var.cache.automatic_failover_enabled)
    error_message = "cache.num_cache_clusters must be 1 to 6; automatic_failover_enabled needs 2 or more nodes and multi_az_enabled needs automatic_failover_enabled."
  }
}

variable "purchase_reserved_db_instance" {
  description = "Buy a reserved DB instance for the database's class (design: Partial Upfront). This is a FINANCIAL COMMITMENT for the whole term that cannot be cancelled or refunded; default false buys nothing."
  type        = bool
  default     = false
}

variable "reserved_db_offering_type" {
  description = "Payment option of the reservation: No Upfront, Partial Upfront (the HMS design) or All Upfront."
  type        = string
  default     = "Partial Upfront"

  validation {
    condition     = contains(["No Upfront", "Partial Upfront", "All Upfront"], var.reserved_db_offering_type)
    error_message = "reserved_db_offering_type must be one of: No Upfront, Partial Upfront, All Upfront."
  }
}

variable "reserved_db_duration_years" {
  description = "Term of the reservation: 1 or 3 years."
  type        = number
  default     = 1

  validation {
    condition     = contains([1, 3], var.reserved_db_duration_years)
    error_message = "reserved_db_duration_years must be 1 or 3."
  }
}

variable "reserved_db_reservation_id" {
  description = "Your identifier of the reservation (design: hms-db-reservation); required when purchase_reserved_db_instance = true."
  type        = string
  default     = null

  validation {
    condition     = var.reserved_db_reservation_id == null ? !var.purchase_reserved_db_instance : can(regex("^[A-Za-z][A-Za-z0-9-]{0,62}$", var.reserved_db_reservation_id))
    error_message = "reserved_db_reservation_id must be 1-63 letters, digits or hyphens starting with a letter (e.g. hms-db-reservation); it is required when purchase_reserved_db_instance = true."
  }
}

################################################################################
# Edge
################################################################################

variable "cdn_price_class" {
  description = "CloudFront edge locations: PriceClass_100, PriceClass_200 or PriceClass_All."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.cdn_price_class)
    error_message = "cdn_price_class must be one of: PriceClass_100, PriceClass_200, PriceClass_All."
  }
}

variable "cdn_wait_for_deployment" {
  description = "Wait until CloudFront has deployed the distribution (minutes on AWS); false saves time in dev."
  type        = bool
  default     = true
}

variable "alb_deletion_protection" {
  description = "Protect the load balancer from deletion (production: true)."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Let destroy empty the buckets and delete the master secret at once (dev only; production keeps its backups and a 30-day secret recovery window)."
  type        = bool
  default     = false
}

variable "alarm_email_addresses" {
  description = "E-mail addresses that receive the alarms (each must confirm the subscription AWS mails it). At least one: alarms that reach nobody are not monitoring."
  type        = list(string)

  validation {
    condition     = length(var.alarm_email_addresses) >= 1 && alltrue([for a in var.alarm_email_addresses : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", a))])
    error_message = "alarm_email_addresses must list at least one e-mail address (for example [\"oncall@example.com\"]): alarms that reach nobody are not monitoring."
  }
}
