locals {
  name = "${var.project}-${var.environment}"

  s3_origin_id  = "s3-static"
  alb_origin_id = "alb-dynamic"

  # The two ways of serving: cached from the bucket, or uncached from the ALB
  # with every viewer header but Host (the ALB's certificate names the
  # origin, not the viewer's domain).
  behaviours = {
    s3 = {
      target_origin_id         = local.s3_origin_id
      allowed_methods          = ["GET", "HEAD", "OPTIONS"]
      cache_policy_id          = data.aws_cloudfront_cache_policy.caching_optimized.id
      origin_request_policy_id = null
    }
    alb = {
      target_origin_id         = local.alb_origin_id
      allowed_methods          = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
      cache_policy_id          = data.aws_cloudfront_cache_policy.caching_disabled.id
      origin_request_policy_id = data.aws_cloudfront_origin_request_policy.all_viewer_except_host.id
    }
  }

  # Paths that go to the other origin than the default one.
  ordered = var.default_origin == "s3" ? [for p in var.dynamic_path_patterns : { path = p, to = "alb" }] : concat(
    [for p in var.dynamic_path_patterns : { path = p, to = "alb" }],
    [for p in var.static_path_patterns : { path = p, to = "s3" }],
  )

  # Aliases no name of the certificate covers (exactly, or as one label
  # below a *. wildcard).
  uncovered_aliases = [
    for a in var.aliases : a
    if !contains(coalesce(var.acm_certificate_domain_names, []), a) && !anytrue([
      for n in coalesce(var.acm_certificate_domain_names, []) :
      startswith(n, "*.") && length(split(".", a)) > 2 && join(".", slice(split(".", a), 1, length(split(".", a)))) == trimprefix(n, "*.")
    ])
  ]

  # Read access for this distribution only, for the bucket module to merge
  # into the one bucket policy it owns (S3 keeps a single policy per bucket).
  bucket_policy_statements = [
    {
      Sid       = "AllowCloudFrontRead${replace(title(replace(local.name, "-", " ")), " ", "")}"
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "${var.static_bucket_arn}/*"
      Condition = {
        StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.this.arn }
      }
    },
  ]

  # For a bucket encrypted with a customer-managed KMS key: what its key
  # policy must allow so that CloudFront can decrypt the objects it reads.
  kms_key_policy_statements = [
    {
      Sid       = "AllowCloudFrontDecrypt${replace(title(replace(local.name, "-", " ")), " ", "")}"
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = {
        StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.this.arn }
      }
    },
  ]
}

################################################################################
# AWS managed policies, found by name
################################################################################

data "aws_cloudfront_cache_policy" "caching_optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_cache_policy" "caching_disabled" {
  name = "Managed-CachingDisabled"
}

data "aws_cloudfront_origin_request_policy" "all_viewer_except_host" {
  name = "Managed-AllViewerExceptHostHeader"
}

data "aws_cloudfront_response_headers_policy" "security_headers" {
  count = var.security_headers ? 1 : 0

  name = "Managed-SecurityHeadersPolicy"
}

################################################################################
# Origin access control: CloudFront signs every S3 request (SigV4)
################################################################################

resource "aws_cloudfront_origin_access_control" "this" {
  name                              = "${local.name}-static"
  description                       = "${local.name}: CloudFront reads ${var.static_bucket_id}"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

################################################################################
# Distribution
################################################################################

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  comment             = var.default_origin == "s3" ? "${local.name} static assets and ${join(", ", var.dynamic_path_patterns)}" : "${local.name} application, static assets under ${join(", ", var.static_path_patterns)}"
  aliases             = var.aliases
  default_root_object = var.default_origin == "s3" ? var.default_root_object : null
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = var.price_class
  web_acl_id          = var.web_acl_id
  wait_for_deployment = var.wait_for_deployment

  origin {
    origin_id                = local.s3_origin_id
    domain_name              = var.static_bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.this.id
  }

  origin {
    origin_id   = local.alb_origin_id
    domain_name = var.alb_dns_name

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  # Everything not matched below.
  default_cache_behavior {
    target_origin_id           = local.behaviours[var.default_origin].target_origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = local.behaviours[var.default_origin].allowed_methods
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.behaviours[var.default_origin].cache_policy_id
    origin_request_policy_id   = local.behaviours[var.default_origin].origin_request_policy_id
    response_headers_policy_id = var.security_headers ? data.aws_cloudfront_response_headers_policy.security_headers[0].id : null
  }

  dynamic "ordered_cache_behavior" {
    for_each = local.ordered

    content {
      path_pattern             = ordered_cache_behavior.value.path
      target_origin_id         = local.behaviours[ordered_cache_behavior.value.to].target_origin_id
      viewer_protocol_policy   = "redirect-to-https"
      allowed_methods          = local.behaviours[ordered_cache_behavior.value.to].allowed_methods
      cached_methods           = ["GET", "HEAD"]
      compress                 = true
      cache_policy_id          = local.behaviours[ordered_cache_behavior.value.to].cache_policy_id
      origin_request_policy_id = local.behaviours[ordered_cache_behavior.value.to].origin_request_policy_id
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # Always a certificate of ours: CloudFront's default one pins TLSv1 as the
  # viewers' minimum.
  viewer_certificate {
    cloudfront_default_certificate = false
    acm_certificate_arn            = var.acm_certificate_arn
    ssl_support_method             = "sni-only"
    minimum_protocol_version       = var.minimum_protocol_version
  }

  tags = merge(var.common_tags, {
    Name = local.name
  })

  lifecycle {
    # CloudFront refuses an alias its certificate does not cover.
    precondition {
      condition     = var.acm_certificate_domain_names == null || length(local.uncovered_aliases) == 0
      error_message = "aliases ${join(", ", local.uncovered_aliases)} are not covered by the certificate's names (acm_certificate_domain_names: ${join(", ", coalesce(var.acm_certificate_domain_names, []))}): every alias must be one of them or one label below a *. name (*.example.com covers www.example.com, not example.com or a.b.example.com)."
    }
  }
}
