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

variable "aliases" {
  description = "Alternate domain names (CNAMEs) of the distribution, e.g. [\"app.example.com\"]. Needs acm_certificate_arn."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.aliases) == length(distinct(var.aliases)) && alltrue([for a in var.aliases : can(regex("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", a))])
    error_message = "aliases must be distinct lower-case domain names such as app.example.com (a leading *. wildcard is allowed), without trailing dots."
  }
}

variable "acm_certificate_arn" {
  description = "ARN of an ACM certificate in us-east-1 covering every alias. Required: CloudFront's default certificate (*.cloudfront.net) pins viewers' minimum to TLSv1 (policy INFRA-TLS-004)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[A-Za-z0-9-]+$", var.acm_certificate_arn))
    error_message = "acm_certificate_arn must be an ACM certificate ARN in us-east-1 (CloudFront reads certificates only there); the default *.cloudfront.net certificate is not offered because it allows TLSv1."
  }
}

variable "acm_certificate_domain_names" {
  description = "Names the certificate of acm_certificate_arn covers (the acm-certificate module's domain_names output). When given, the plan checks that every alias is one of them or one label below one of its *. wildcards; null skips the check (CloudFront still refuses an uncovered alias)."
  type        = list(string)
  default     = null
}

variable "static_bucket_id" {
  description = "Name of the S3 bucket holding the static assets (default behaviour origin)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.static_bucket_id))
    error_message = "static_bucket_id must be an S3 bucket name (3-63 lower-case letters, digits, '.' or '-')."
  }
}

variable "static_bucket_arn" {
  description = "ARN of the static-assets bucket (used in the bucket policy statement this module outputs)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.static_bucket_arn))
    error_message = "static_bucket_arn must be an S3 bucket ARN such as arn:aws:s3:::my-bucket."
  }
}

variable "static_bucket_regional_domain_name" {
  description = "Regional domain name of the static-assets bucket (<bucket>.s3.<region>.amazonaws.com)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]+\\.s3\\.([a-z0-9-]+\\.)?amazonaws\\.com(\\.cn)?$", var.static_bucket_regional_domain_name))
    error_message = "static_bucket_regional_domain_name must be an S3 regional domain name such as my-bucket.s3.us-east-1.amazonaws.com (the bucket's bucket_regional_domain_name)."
  }
}

variable "alb_dns_name" {
  description = "DNS name CloudFront connects to (HTTPS only) for the dynamic paths: the ALB, or better a name pointing at it that the ALB's certificate covers."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", lower(var.alb_dns_name))) && !startswith(var.alb_dns_name, "http")
    error_message = "alb_dns_name must be a DNS name without scheme or path, e.g. internal-app-123.us-east-1.elb.amazonaws.com or origin.example.com."
  }
}

variable "dynamic_path_patterns" {
  description = "Path patterns served by the ALB without caching (all methods, all viewer headers except Host); everything else comes from S3."
  type        = list(string)
  default     = ["/api/*"]

  validation {
    condition     = length(var.dynamic_path_patterns) <= 20 && length(var.dynamic_path_patterns) == length(distinct(var.dynamic_path_patterns)) && alltrue([for p in var.dynamic_path_patterns : can(regex("^/?[A-Za-z0-9_.*/?~-]{1,254}$", p)) && p != "*" && p != "/*"])
    error_message = "dynamic_path_patterns must be at most 20 distinct CloudFront path patterns such as /api/* (letters, digits, _ - . * / ? ~), not the catch-all * or /* (that is the default behaviour)."
  }
}

variable "default_origin" {
  description = "What serves every path not listed elsewhere: s3 (a static site; dynamic_path_patterns go to the ALB) or alb (an application behind CloudFront; static_path_patterns come from the bucket, cached)."
  type        = string
  default     = "s3"

  validation {
    condition     = contains(["s3", "alb"], var.default_origin)
    error_message = "default_origin must be one of: s3, alb."
  }
}

variable "static_path_patterns" {
  description = "With default_origin = alb: path patterns served from the static bucket, cached (e.g. /static/*)."
  type        = list(string)
  default     = ["/static/*"]

  validation {
    condition     = length(var.static_path_patterns) <= 20 && length(var.static_path_patterns) == length(distinct(var.static_path_patterns)) && alltrue([for p in var.static_path_patterns : can(regex("^/?[A-Za-z0-9_.*/?~-]{1,254}$", p)) && p != "*" && p != "/*"])
    error_message = "static_path_patterns must be at most 20 distinct CloudFront path patterns such as /static/* (letters, digits, _ - . * / ? ~), not the catch-all * or /*."
  }
}

variable "default_root_object" {
  description = "Object returned for a request to the root URL (default_origin = s3 only; with alb the application answers /)."
  type        = string
  default     = "index.html"

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-][A-Za-z0-9_./-]{0,254}$", var.default_root_object)) && !startswith(var.default_root_object, "/")
    error_message = "default_root_object must be an object key without a leading slash, e.g. index.html."
  }
}

variable "minimum_protocol_version" {
  description = "Minimum TLS version viewers must use: TLSv1.2_2019 or TLSv1.2_2021."
  type        = string
  default     = "TLSv1.2_2021"

  validation {
    condition     = contains(["TLSv1.2_2019", "TLSv1.2_2021"], var.minimum_protocol_version)
    error_message = "minimum_protocol_version must be one of: TLSv1.2_2019, TLSv1.2_2021."
  }
}

variable "price_class" {
  description = "Edge locations used: PriceClass_100 (North America, Europe), PriceClass_200 (+ Asia, Middle East, Africa) or PriceClass_All."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be one of: PriceClass_100, PriceClass_200, PriceClass_All."
  }
}

variable "security_headers" {
  description = "Add the AWS managed security headers (HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy, XSS protection) to static responses."
  type        = bool
  default     = true
}

variable "web_acl_id" {
  description = "ARN of a WAFv2 web ACL (scope CLOUDFRONT) to attach; null attaches none."
  type        = string
  default     = null

  validation {
    condition     = var.web_acl_id == null || can(regex("^arn:aws[a-z-]*:wafv2:us-east-1:[0-9]{12}:global/webacl/.+$", var.web_acl_id))
    error_message = "web_acl_id must be null or a WAFv2 web ACL ARN of scope CLOUDFRONT (arn:aws:wafv2:us-east-1:<account>:global/webacl/...)."
  }
}

variable "wait_for_deployment" {
  description = "Wait until the distribution is deployed to every edge location (can take many minutes on AWS)."
  type        = bool
  default     = true
}

variable "common_tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
