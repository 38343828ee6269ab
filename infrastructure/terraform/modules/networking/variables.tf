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

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC, a network address with a prefix from /16 to /24 (e.g. 10.0.0.0/16)."
  type        = string

  validation {
    condition = (
      can(cidrhost(var.vpc_cidr, 0)) &&
      try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 24, false) &&
      try(cidrhost(var.vpc_cidr, 0) == split("/", var.vpc_cidr)[0], false)
    )
    error_message = "vpc_cidr must be a network address with a prefix from /16 to /24, such as 10.0.0.0/16 (host bits must be zero)."
  }
}

variable "availability_zones" {
  description = "Availability zones to spread every subnet tier over: 2 to 4 distinct zones (RDS and Multi-AZ need at least 2)."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 4 && length(distinct(var.availability_zones)) == length(var.availability_zones)
    error_message = "availability_zones must list 2 to 4 distinct zones, e.g. [\"us-east-1a\", \"us-east-1b\"]; Multi-AZ databases and subnet groups need at least 2."
  }
}

variable "public_subnet_cidrs" {
  description = "Explicit CIDRs of the public subnets, one per zone; null derives /20-sized blocks (newbits 4, offsets 0..3) from vpc_cidr as the Task Manager design does."
  type        = list(string)
  default     = null

  validation {
    condition     = var.public_subnet_cidrs == null || alltrue([for c in coalesce(var.public_subnet_cidrs, []) : can(cidrhost(c, 0))])
    error_message = "public_subnet_cidrs must be null or a list of CIDR blocks such as 10.0.101.0/24."
  }
}

variable "private_app_subnet_cidrs" {
  description = "Explicit CIDRs of the private application subnets, one per zone; null derives them (offsets 4..7)."
  type        = list(string)
  default     = null

  validation {
    condition     = var.private_app_subnet_cidrs == null || alltrue([for c in coalesce(var.private_app_subnet_cidrs, []) : can(cidrhost(c, 0))])
    error_message = "private_app_subnet_cidrs must be null or a list of CIDR blocks such as 10.0.1.0/24."
  }
}

variable "private_data_subnet_cidrs" {
  description = "Explicit CIDRs of the private data subnets, one per zone; null derives them (offsets 8..11)."
  type        = list(string)
  default     = null

  validation {
    condition     = var.private_data_subnet_cidrs == null || alltrue([for c in coalesce(var.private_data_subnet_cidrs, []) : can(cidrhost(c, 0))])
    error_message = "private_data_subnet_cidrs must be null or a list of CIDR blocks such as 10.0.201.0/24."
  }
}

variable "single_nat_gateway" {
  description = "One shared NAT gateway instead of one per zone: cheaper, but zone failure cuts egress for the other zones."
  type        = bool
  default     = false
}

variable "enable_flow_logs" {
  description = "Send VPC flow logs (all traffic) to a CloudWatch log group."
  type        = bool
  default     = true
}

variable "flow_log_retention_days" {
  description = "Retention of the flow log group, in days; one of the values CloudWatch Logs accepts."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "flow_log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "kms_key_arn" {
  description = "KMS key ARN that encrypts the flow log group; null leaves CloudWatch's default encryption."
  type        = string
  default     = null
}

variable "common_tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
