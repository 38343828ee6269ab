# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {
  override_resource {
    target = aws_acm_certificate.this
    values = {
      arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
      domain_validation_options = [
        {
          domain_name           = "app.example.com"
          resource_record_name  = "_a1.app.example.com."
          resource_record_type  = "CNAME"
          resource_record_value = "_b1.acm-validations.aws."
        },
        {
          domain_name           = "api.example.com"
          resource_record_name  = "_a2.api.example.com."
          resource_record_type  = "CNAME"
          resource_record_value = "_b2.acm-validations.aws."
        },
        {
          domain_name           = "example.com"
          resource_record_name  = "_a3.example.com."
          resource_record_type  = "CNAME"
          resource_record_value = "_b3.acm-validations.aws."
        },
        {
          domain_name           = "*.example.com"
          resource_record_name  = "_a3.example.com."
          resource_record_type  = "CNAME"
          resource_record_value = "_b3.acm-validations.aws."
        },
      ]
    }
  }
}

variables {
  domain_name = "app.example.com"
  zone_id     = "Z0123456789ABCDEFGHIJ"
  common_tags = { Project = "hms" }
}

run "single_name" {
  command = apply

  assert {
    condition     = aws_acm_certificate.this.validation_method == "DNS" && aws_acm_certificate.this.domain_name == "app.example.com"
    error_message = "the certificate must be DNS-validated for domain_name"
  }
  assert {
    condition     = keys(aws_route53_record.validation) == ["app.example.com"]
    error_message = "one validation record per name"
  }
  assert {
    condition = (
      aws_route53_record.validation["app.example.com"].name == "_a1.app.example.com."
      && aws_route53_record.validation["app.example.com"].type == "CNAME"
      && aws_route53_record.validation["app.example.com"].records == toset(["_b1.acm-validations.aws."])
      && aws_route53_record.validation["app.example.com"].allow_overwrite
      && aws_route53_record.validation["app.example.com"].zone_id == "Z0123456789ABCDEFGHIJ"
    )
    error_message = "the validation record must be ACM's CNAME in the given zone, overwritable"
  }
  assert {
    condition     = output.certificate_arn == aws_acm_certificate_validation.this.certificate_arn
    error_message = "certificate_arn must come from the validation resource"
  }
  assert {
    condition     = aws_acm_certificate.this.tags["Project"] == "hms"
    error_message = "common tags must be set"
  }
}

run "apex_wildcard_share_one_record" {
  command = apply

  variables {
    subject_alternative_names = ["api.example.com", "example.com", "*.example.com"]
  }

  assert {
    condition     = join(",", sort(keys(aws_route53_record.validation))) == "api.example.com,app.example.com,example.com"
    error_message = "*.example.com and example.com must share one validation record"
  }
  assert {
    condition     = length(output.validation_record_fqdns) == 3
    error_message = "validation_record_fqdns must list every record"
  }
  assert {
    condition     = output.domain_names == ["app.example.com", "api.example.com", "example.com", "*.example.com"]
    error_message = "domain_names must list domain_name, then the subject alternative names (the names the cdn module checks its aliases against)"
  }
}

run "plan_without_known_validation_options" {
  command = plan

  assert {
    condition     = length(aws_route53_record.validation) == 1
    error_message = "records are keyed by names known at plan time"
  }
}

run "rejects_upper_case_domain" {
  command = plan
  variables {
    domain_name = "App.Example.com"
  }
  expect_failures = [var.domain_name]
}

run "rejects_bare_label" {
  command = plan
  variables {
    domain_name = "localhost"
  }
  expect_failures = [var.domain_name]
}

run "rejects_bad_san" {
  command = plan
  variables {
    subject_alternative_names = ["api_example.com"]
  }
  expect_failures = [var.subject_alternative_names]
}

run "rejects_san_repeating_domain" {
  command = plan
  variables {
    subject_alternative_names = ["app.example.com"]
  }
  expect_failures = [var.subject_alternative_names]
}

run "rejects_zone_id_with_prefix" {
  command = plan
  variables {
    zone_id = "/hostedzone/Z0123456789ABCDEFGHIJ"
  }
  expect_failures = [var.zone_id]
}
