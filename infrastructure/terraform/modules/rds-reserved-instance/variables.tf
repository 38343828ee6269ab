variable "purchase" {
  description = "Buy the reservation. A purchase is a financial commitment for the whole term (it cannot be cancelled or refunded); false (default): nothing is created and no offering is looked up."
  type        = bool
  default     = false
}

variable "db_instance_class" {
  description = "DB instance class the reservation covers, e.g. db.t3.medium (must match the instance to get the discount). Required when purchase = true."
  type        = string
  default     = null

  validation {
    condition     = var.db_instance_class == null ? !var.purchase : can(regex("^db\\.[a-z0-9-]+\\.[a-z0-9]+$", var.db_instance_class))
    error_message = "db_instance_class must be a DB instance class such as db.t3.medium or db.r6g.xlarge; it is required when purchase = true."
  }
}

variable "duration_years" {
  description = "Term of the reservation in years: 1 or 3."
  type        = number
  default     = 1

  validation {
    condition     = contains([1, 3], var.duration_years)
    error_message = "duration_years must be 1 or 3."
  }
}

variable "offering_type" {
  description = "Payment option: No Upfront, Partial Upfront or All Upfront."
  type        = string
  default     = "No Upfront"

  validation {
    condition     = contains(["No Upfront", "Partial Upfront", "All Upfront"], var.offering_type)
    error_message = "offering_type must be one of: No Upfront, Partial Upfront, All Upfront."
  }
}

variable "product_description" {
  description = "Database engine of the offering: postgresql, mysql, mariadb, aurora-postgresql or aurora-mysql. Required when purchase = true."
  type        = string
  default     = null

  validation {
    condition     = var.product_description == null ? !var.purchase : contains(["postgresql", "mysql", "mariadb", "aurora-postgresql", "aurora-mysql"], var.product_description)
    error_message = "product_description must be one of: postgresql, mysql, mariadb, aurora-postgresql, aurora-mysql; it is required when purchase = true."
  }
}

variable "multi_az" {
  description = "Reserve a Multi-AZ deployment (must match the instance's multi_az to get the discount)."
  type        = bool
  default     = false
}

variable "instance_count" {
  description = "Number of instances the reservation covers."
  type        = number
  default     = 1

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 40 && floor(var.instance_count) == var.instance_count
    error_message = "instance_count must be a whole number from 1 to 40 (the default RDS reserved-instance quota)."
  }
}

variable "reservation_id" {
  description = "Your identifier of the reservation, e.g. production-hms-db-2027 (1-63 letters, digits or hyphens, starting with a letter). Required when purchase = true."
  type        = string
  default     = null

  validation {
    condition     = var.reservation_id == null ? !var.purchase : can(regex("^[A-Za-z][A-Za-z0-9-]{0,62}$", var.reservation_id))
    error_message = "reservation_id must be 1-63 letters, digits or hyphens starting with a letter; it is required when purchase = true."
  }
}

variable "common_tags" {
  description = "Tags added to the reservation."
  type        = map(string)
  default     = {}
}
