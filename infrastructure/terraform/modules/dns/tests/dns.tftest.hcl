# Plan tests with a mocked provider: no AWS calls.
mock_provider "aws" {
  override_data {
    target = data.aws_route53_zone.this
    values = { zone_id = "Z0123456789EXISTING", name_servers = ["ns-1.awsdns-01.org"] }
  }
}

variables {
  zone_name = "taskmanager.example.com"
  alias_records = {
    app = {
      name            = "app"
      target_dns_name = "d111111abcdef8.cloudfront.net"
      target_zone_id  = "Z2FDTNDATAQYW2"
      ipv6            = true
    }
    apex = {
      name                   = "@"
      target_dns_name        = "dev-alb-123456789.us-east-1.elb.amazonaws.com"
      target_zone_id         = "Z35SXDOTRQ7X7K"
      evaluate_target_health = false
    }
    full = {
      name            = "api.dev.taskmanager.example.com"
      target_dns_name = "dev-alb-123456789.us-east-1.elb.amazonaws.com"
      target_zone_id  = "Z35SXDOTRQ7X7K"
    }
  }
}

run "existing_zone_is_looked_up" {
  command = plan

  assert {
    condition     = length(aws_route53_zone.this) == 0 && output.zone_id == "Z0123456789EXISTING"
    error_message = "with create_zone = false the zone must be looked up, not created"
  }
  assert {
    condition     = data.aws_route53_zone.this[0].name == "taskmanager.example.com" && data.aws_route53_zone.this[0].private_zone == false
    error_message = "the lookup must be the public zone of zone_name"
  }
  assert {
    condition     = alltrue([for r in aws_route53_record.alias : r.zone_id == "Z0123456789EXISTING"])
    error_message = "records must go into the looked-up zone"
  }
}

run "record_names_and_types" {
  command = plan

  assert {
    condition     = sort(keys(aws_route53_record.alias)) == tolist(["apex-A", "app-A", "app-AAAA", "full-A"])
    error_message = "one A record per key and an AAAA record only where ipv6 = true"
  }
  assert {
    condition     = aws_route53_record.alias["app-A"].name == "app.taskmanager.example.com" && aws_route53_record.alias["app-AAAA"].name == "app.taskmanager.example.com" && aws_route53_record.alias["app-AAAA"].type == "AAAA"
    error_message = "a relative name must get the zone appended"
  }
  assert {
    condition     = aws_route53_record.alias["apex-A"].name == "taskmanager.example.com"
    error_message = "@ must be the zone apex"
  }
  assert {
    condition     = aws_route53_record.alias["full-A"].name == "api.dev.taskmanager.example.com"
    error_message = "a full name inside the zone must stay as it is"
  }
  assert {
    condition     = one(aws_route53_record.alias["app-A"].alias).zone_id == "Z2FDTNDATAQYW2" && one(aws_route53_record.alias["app-A"].alias).evaluate_target_health == true && one(aws_route53_record.alias["apex-A"].alias).evaluate_target_health == false
    error_message = "alias targets and evaluate_target_health (default true) must be passed through"
  }
}

run "creates_zone" {
  command = plan

  variables {
    create_zone   = true
    alias_records = {}
    common_tags   = { Project = "taskmanager" }
  }

  assert {
    condition     = length(aws_route53_zone.this) == 1 && aws_route53_zone.this[0].name == "taskmanager.example.com" && length(data.aws_route53_zone.this) == 0
    error_message = "with create_zone = true the zone must be created and not looked up"
  }
  assert {
    condition     = aws_route53_zone.this[0].tags["Project"] == "taskmanager" && aws_route53_zone.this[0].force_destroy == false
    error_message = "the zone must carry common_tags and keep its records on destroy by default"
  }
  assert {
    condition     = length(aws_route53_record.alias) == 0
    error_message = "no records by default"
  }
}

run "record_fqdns_output" {
  command = apply

  assert {
    condition     = sort(keys(output.record_fqdns)) == tolist(["apex", "app", "full"])
    error_message = "record_fqdns must have one entry per key"
  }
}

run "rejects_trailing_dot_zone" {
  command = plan
  variables {
    zone_name = "taskmanager.example.com."
  }
  expect_failures = [var.zone_name]
}

run "rejects_upper_case_record_name" {
  command = plan
  variables {
    alias_records = {
      app = { name = "App", target_dns_name = "d111111abcdef8.cloudfront.net", target_zone_id = "Z2FDTNDATAQYW2" }
    }
  }
  expect_failures = [var.alias_records]
}

run "rejects_bad_target_zone_id" {
  command = plan
  variables {
    alias_records = {
      app = { name = "app", target_dns_name = "d111111abcdef8.cloudfront.net", target_zone_id = "cloudfront" }
    }
  }
  expect_failures = [var.alias_records]
}

run "rejects_duplicate_names" {
  command = plan
  variables {
    alias_records = {
      one = { name = "app", target_dns_name = "d111111abcdef8.cloudfront.net", target_zone_id = "Z2FDTNDATAQYW2" }
      two = { name = "app", target_dns_name = "d222222abcdef8.cloudfront.net", target_zone_id = "Z2FDTNDATAQYW2" }
    }
  }
  expect_failures = [var.alias_records]
}
