# Plan tests with a mocked provider: no AWS calls.
# hashicorp/aws 5.100 declares `id` of aws_cloudfront_cache_policy and
# aws_cloudfront_origin_request_policy (data) as optional, not computed, so a
# mock cannot fill it: those ids are null here, and the tests check the
# lookups' names instead. The emulator check sees the real managed ids.
mock_provider "aws" {
  override_data {
    target = data.aws_cloudfront_response_headers_policy.security_headers
    values = { id = "67f7725c-6f97-4210-82d7-5512b31e9d03" }
  }
  # Known during plan, so that the origins (a set) can be inspected.
  override_resource {
    target          = aws_cloudfront_origin_access_control.this
    values          = { id = "E2QWRUHAPOMQZL", arn = "arn:aws:cloudfront::123456789012:origin-access-control/E2QWRUHAPOMQZL", etag = "ETAG1" }
    override_during = plan
  }
  mock_resource "aws_cloudfront_distribution" {
    defaults = {
      arn            = "arn:aws:cloudfront::123456789012:distribution/E1ABCDEFGHIJKL"
      hosted_zone_id = "Z2FDTNDATAQYW2"
    }
  }
}

variables {
  project                            = "hms"
  environment                        = "dev"
  static_bucket_id                   = "hms-dev-static"
  static_bucket_arn                  = "arn:aws:s3:::hms-dev-static"
  static_bucket_regional_domain_name = "hms-dev-static.s3.us-east-1.amazonaws.com"
  alb_dns_name                       = "hms-dev-alb-123456789.us-east-1.elb.amazonaws.com"
  acm_certificate_arn                = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
}

run "dev_defaults" {
  command = plan

  assert {
    condition     = !aws_cloudfront_distribution.this.viewer_certificate[0].cloudfront_default_certificate && aws_cloudfront_distribution.this.viewer_certificate[0].minimum_protocol_version == "TLSv1.2_2021"
    error_message = "the distribution must serve its own certificate with TLSv1.2_2021, never the default certificate (TLSv1)"
  }
  assert {
    condition     = aws_cloudfront_distribution.this.default_cache_behavior[0].target_origin_id == "s3-static" && data.aws_cloudfront_cache_policy.caching_optimized.name == "Managed-CachingOptimized"
    error_message = "the default behaviour must serve S3 with Managed-CachingOptimized"
  }
  assert {
    condition     = aws_cloudfront_distribution.this.default_cache_behavior[0].viewer_protocol_policy == "redirect-to-https" && alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.viewer_protocol_policy == "redirect-to-https"])
    error_message = "every behaviour must redirect HTTP to HTTPS"
  }
  assert {
    condition     = aws_cloudfront_distribution.this.default_cache_behavior[0].response_headers_policy_id == "67f7725c-6f97-4210-82d7-5512b31e9d03"
    error_message = "static responses must get the managed security headers by default"
  }
  assert {
    condition     = length(aws_cloudfront_distribution.this.ordered_cache_behavior) == 1 && aws_cloudfront_distribution.this.ordered_cache_behavior[0].path_pattern == "/api/*"
    error_message = "the default dynamic path must be /api/*"
  }
  assert {
    condition = alltrue([for b in aws_cloudfront_distribution.this.ordered_cache_behavior :
      b.target_origin_id == "alb-dynamic"
      && contains(b.allowed_methods, "POST")
    ]) && data.aws_cloudfront_cache_policy.caching_disabled.name == "Managed-CachingDisabled" && data.aws_cloudfront_origin_request_policy.all_viewer_except_host.name == "Managed-AllViewerExceptHostHeader"
    error_message = "dynamic paths must go to the ALB, uncached (CachingDisabled), with AllViewerExceptHostHeader and all methods"
  }
  assert {
    condition = alltrue([for o in aws_cloudfront_distribution.this.origin :
      o.domain_name == var.alb_dns_name
      && one(o.custom_origin_config).origin_protocol_policy == "https-only"
      && one(o.custom_origin_config).origin_ssl_protocols == toset(["TLSv1.2"])
      if o.origin_id == "alb-dynamic"
    ]) && length(aws_cloudfront_distribution.this.origin) == 2
    error_message = "the ALB origin must be HTTPS only with TLSv1.2"
  }
  assert {
    condition = anytrue([for o in aws_cloudfront_distribution.this.origin :
      o.origin_id == "s3-static" && o.domain_name == var.static_bucket_regional_domain_name && length(o.custom_origin_config) == 0
    ])
    error_message = "the S3 origin must be the bucket's regional domain name, not a website endpoint"
  }
  assert {
    condition     = aws_cloudfront_origin_access_control.this.signing_behavior == "always" && aws_cloudfront_origin_access_control.this.signing_protocol == "sigv4" && aws_cloudfront_origin_access_control.this.origin_access_control_origin_type == "s3"
    error_message = "origin access control must always sign S3 requests with SigV4"
  }
  assert {
    condition     = aws_cloudfront_distribution.this.price_class == "PriceClass_100" && aws_cloudfront_distribution.this.wait_for_deployment
    error_message = "defaults: PriceClass_100, wait for deployment"
  }
}

run "production_with_aliases" {
  command = plan

  variables {
    environment         = "production"
    aliases             = ["app.hms.example.com", "www.hms.example.com"]
    acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
    # One alias by its own name, one by the wildcard.
    acm_certificate_domain_names = ["app.hms.example.com", "*.hms.example.com"]
    dynamic_path_patterns        = ["/api/*", "/ws/*"]
    price_class                  = "PriceClass_200"
    security_headers             = false
    wait_for_deployment          = false
  }

  assert {
    condition     = aws_cloudfront_distribution.this.aliases == toset(["app.hms.example.com", "www.hms.example.com"])
    error_message = "aliases must be set"
  }
  assert {
    condition     = aws_cloudfront_distribution.this.viewer_certificate[0].acm_certificate_arn == var.acm_certificate_arn && aws_cloudfront_distribution.this.viewer_certificate[0].ssl_support_method == "sni-only" && aws_cloudfront_distribution.this.viewer_certificate[0].minimum_protocol_version == "TLSv1.2_2021" && !aws_cloudfront_distribution.this.viewer_certificate[0].cloudfront_default_certificate
    error_message = "with a certificate: SNI only, TLSv1.2_2021"
  }
  assert {
    condition     = [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.path_pattern] == ["/api/*", "/ws/*"]
    error_message = "one ordered behaviour per dynamic path, in order"
  }
  assert {
    condition     = aws_cloudfront_distribution.this.default_cache_behavior[0].response_headers_policy_id == null
    error_message = "security headers must be off when asked"
  }
}

# The HMS design: users reach the application through CloudFront; only the
# static paths come from the bucket.
run "application_behind_cloudfront" {
  command = plan

  variables {
    environment          = "production"
    aliases              = ["hms.example.com"]
    acm_certificate_arn  = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
    default_origin       = "alb"
    static_path_patterns = ["/static/*", "/assets/*"]
  }

  assert {
    condition     = aws_cloudfront_distribution.this.default_cache_behavior[0].target_origin_id == "alb-dynamic" && length(aws_cloudfront_distribution.this.default_cache_behavior[0].allowed_methods) == 7 && aws_cloudfront_distribution.this.default_root_object == null
    error_message = "default behaviour: the ALB, every method, no default root object (the application answers /)"
  }
  assert {
    condition     = [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : "${b.path_pattern}>${b.target_origin_id}"] == ["/api/*>alb-dynamic", "/static/*>s3-static", "/assets/*>s3-static"]
    error_message = "the API stays on the ALB and the static paths come from the bucket, in that order"
  }
}

run "rejects_unknown_default_origin" {
  command = plan
  variables {
    default_origin = "ec2"
  }
  expect_failures = [var.default_origin]
}

run "bucket_policy_statement_names_the_distribution" {
  # apply against the mock: the distribution ARN is known afterwards.
  command = apply

  assert {
    condition     = jsondecode(output.bucket_policy_statements_json)[0].Principal.Service == "cloudfront.amazonaws.com" && jsondecode(output.bucket_policy_statements_json)[0].Action == "s3:GetObject"
    error_message = "the statement must let the CloudFront service read objects"
  }
  assert {
    condition     = jsondecode(output.bucket_policy_statements_json)[0].Condition.StringEquals["AWS:SourceArn"] == output.distribution_arn
    error_message = "the statement must be limited to this distribution (AWS:SourceArn)"
  }
  assert {
    condition     = jsondecode(output.bucket_policy_statements_json)[0].Resource == "arn:aws:s3:::hms-dev-static/*"
    error_message = "the statement must cover the bucket's objects only"
  }
  assert {
    condition     = can(regex("^[A-Za-z0-9]+$", jsondecode(output.bucket_policy_statements_json)[0].Sid))
    error_message = "Sid must be alphanumeric"
  }
  assert {
    condition     = output.hosted_zone_id == "Z2FDTNDATAQYW2"
    error_message = "hosted_zone_id must be CloudFront's"
  }
}

run "rejects_missing_certificate" {
  command = plan
  variables {
    aliases             = ["app.hms.example.com"]
    acm_certificate_arn = ""
  }
  expect_failures = [var.acm_certificate_arn]
}

run "rejects_certificate_outside_us_east_1" {
  command = plan
  variables {
    aliases             = ["app.hms.example.com"]
    acm_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  }
  expect_failures = [var.acm_certificate_arn]
}

run "rejects_old_tls" {
  command = plan
  variables {
    minimum_protocol_version = "TLSv1.1_2016"
  }
  expect_failures = [var.minimum_protocol_version]
}

run "rejects_unknown_price_class" {
  command = plan
  variables {
    price_class = "PriceClass_50"
  }
  expect_failures = [var.price_class]
}

run "rejects_catch_all_dynamic_path" {
  command = plan
  variables {
    dynamic_path_patterns = ["/api/*", "/*"]
  }
  expect_failures = [var.dynamic_path_patterns]
}

run "rejects_alb_url_with_scheme" {
  command = plan
  variables {
    alb_dns_name = "https://hms-dev-alb.example.com"
  }
  expect_failures = [var.alb_dns_name]
}

run "rejects_bad_alias" {
  command = plan
  variables {
    aliases             = ["App.Example.com."]
    acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  }
  expect_failures = [var.aliases]
}

run "rejects_website_endpoint_as_origin" {
  command = plan
  variables {
    static_bucket_regional_domain_name = "hms-dev-static.s3-website-us-east-1.amazonaws.com"
  }
  expect_failures = [var.static_bucket_regional_domain_name]
}

run "rejects_bad_bucket_name" {
  command = plan
  variables {
    static_bucket_id = "HMS_static"
  }
  expect_failures = [var.static_bucket_id]
}

run "rejects_bad_bucket_arn" {
  command = plan
  variables {
    static_bucket_arn = "arn:aws:s3:::hms-dev-static/*"
  }
  expect_failures = [var.static_bucket_arn]
}

run "rejects_root_object_with_slash" {
  command = plan
  variables {
    default_root_object = "/index.html"
  }
  expect_failures = [var.default_root_object]
}

run "rejects_regional_web_acl" {
  command = plan
  variables {
    web_acl_id = "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/11111111"
  }
  expect_failures = [var.web_acl_id]
}

run "rejects_unknown_environment" {
  command = plan
  variables {
    environment = "qa"
  }
  expect_failures = [var.environment]
}

run "rejects_bad_project" {
  command = plan
  variables {
    project = "HMS"
  }
  expect_failures = [var.project]
}

run "rejects_alias_the_certificate_does_not_cover" {
  command = plan
  variables {
    aliases                      = ["hms.example.com", "www.hms.example.com"]
    acm_certificate_domain_names = ["hms.example.com"]
  }
  expect_failures = [aws_cloudfront_distribution.this]
}

# A wildcard covers one label below it: not the apex, not two labels.
run "rejects_apex_alias_with_only_a_wildcard" {
  command = plan
  variables {
    aliases                      = ["hms.example.com"]
    acm_certificate_domain_names = ["*.hms.example.com"]
  }
  expect_failures = [aws_cloudfront_distribution.this]
}

run "rejects_alias_two_labels_below_the_wildcard" {
  command = plan
  variables {
    aliases                      = ["a.b.hms.example.com"]
    acm_certificate_domain_names = ["hms.example.com", "*.hms.example.com"]
  }
  expect_failures = [aws_cloudfront_distribution.this]
}
