variable "aws_region" {
  description = "AWS region of the environment."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be an AWS region code such as us-east-1 or eu-west-2."
  }
}

variable "vpc_cidr" {
  description = "CIDR block of the environment's VPC (/16 to /24)."
  type        = string
}

variable "availability_zones" {
  description = "Availability zones of the environment (2 to 4)."
  type        = list(string)
}

variable "domain_name" {
  description = "Public hosted zone of the Task Manager (global route53 stack)."
  type        = string
}

variable "api_domain_name" {
  description = "Host name of this environment's API."
  type        = string
}

variable "image_tag" {
  description = "Immutable image tag of the release to run (e.g. v1.2.3)."
  type        = string
}

variable "alarm_email_addresses" {
  description = "E-mail addresses that receive the alarms (at least one; each confirms the subscription AWS mails it)."
  type        = list(string)
}

variable "secret_version" {
  description = "Bump to generate the application's generated secrets again (JWT_SECRET_KEY)."
  type        = number
  default     = 1
}

variable "db_master_password_version" {
  description = "Bump to reset the database master password (routine rotation is `infra db rotate`, which needs no change here)."
  type        = number
  default     = 1
}
