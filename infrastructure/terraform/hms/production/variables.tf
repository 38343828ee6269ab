variable "aws_region" {
  description = "AWS region of the environment (CloudFront's certificate is always made in us-east-1)."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region code such as us-east-1 or eu-west-2."
  }
}

variable "availability_zones" {
  description = "The three availability zones of the environment."
  type        = list(string)
}

variable "domain_name" {
  description = "Domain of the environment; its Route 53 zone is created by this stack."
  type        = string
}

variable "backend_image_tag" {
  description = "Immutable release tag of the backend image in the hms-backend repository (hms-global)."
  type        = string
}

variable "frontend_image_tag" {
  description = "Immutable release tag of the frontend image in the hms-frontend repository (hms-global)."
  type        = string
}

variable "alarm_email_addresses" {
  description = "E-mail addresses that receive the alarms (at least one; each confirms the subscription AWS mails it)."
  type        = list(string)
}

variable "purchase_reserved_db_instance" {
  description = "Buy a reserved DB instance for the database's class: a FINANCIAL COMMITMENT for the whole term (no cancellation, no refund). Leave false unless finance approved it."
  type        = bool
  default     = false
}

variable "reserved_db_reservation_id" {
  description = "Identifier of the reservation (the HMS design: hms-db-reservation); required when purchase_reserved_db_instance = true."
  type        = string
  default     = null
}
