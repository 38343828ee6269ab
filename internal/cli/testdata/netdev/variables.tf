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
