# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {
  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "123456789012" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  override_data {
    target = data.aws_elb_service_account.current
    values = { arn = "arn:aws:iam::127311923021:root" }
  }
  # The provider validates ARNs it is given: mocked ARNs must look real.
  # The subnets of the variables below are in two zones.
  override_data {
    target = data.aws_subnet.this[0]
    values = { availability_zone = "us-east-1a" }
  }
  override_data {
    target = data.aws_subnet.this[1]
    values = { availability_zone = "us-east-1b" }
  }
  mock_resource "aws_lb" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/dev-hms/0123456789abcdef"
      arn_suffix = "app/dev-hms/0123456789abcdef"
    }
  }
  mock_resource "aws_lb_target_group" {
    defaults = {
      arn        = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dev-hms-frontend/0123456789abcdef"
      arn_suffix = "targetgroup/dev-hms-frontend/0123456789abcdef"
    }
  }
  mock_resource "aws_lb_listener" {
    defaults = {
      arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/dev-hms/0123456789abcdef/0123456789abcdef"
    }
  }
}

variables {
  project         = "hms"
  environment     = "dev"
  vpc_id          = "vpc-0123456789abcdef0"
  vpc_cidr        = "10.0.0.0/16"
  subnet_ids      = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  common_tags     = { Project = "hms" }
  target_groups = {
    frontend = { port = 3000, health_check_path = "/" }
    backend  = { port = 8000, path_patterns = ["/api/*"] }
  }
}

run "hms_two_target_groups" {
  command = plan

  assert {
    condition = (
      aws_lb.this.name == "dev-hms" && aws_lb.this.load_balancer_type == "application"
      && aws_lb.this.internal == false && aws_lb.this.drop_invalid_header_fields == true
      && aws_lb.this.enable_deletion_protection == false && aws_lb.this.idle_timeout == 60
    )
    error_message = "ALB must be <environment>-<project>, application, public, dropping invalid headers"
  }
  assert {
    condition     = aws_lb.this.subnets == toset(var.subnet_ids)
    error_message = "ALB must be in the given subnets"
  }
  assert {
    condition     = aws_security_group.this.name == "dev-hms-alb"
    error_message = "security group must be <environment>-<project>-alb"
  }
  assert {
    condition     = length(aws_vpc_security_group_ingress_rule.this) == 2 && aws_vpc_security_group_ingress_rule.this["443-0.0.0.0/0"].from_port == 443 && aws_vpc_security_group_ingress_rule.this["80-0.0.0.0/0"].cidr_ipv4 == "0.0.0.0/0"
    error_message = "ingress must be 80 and 443 from each CIDR"
  }
  assert {
    condition     = alltrue([for r in aws_vpc_security_group_ingress_rule.this : r.description != null && r.description != ""])
    error_message = "every ingress rule needs a description"
  }
  assert {
    condition     = aws_vpc_security_group_egress_rule.vpc.cidr_ipv4 == "10.0.0.0/16" && aws_vpc_security_group_egress_rule.vpc.ip_protocol == "tcp"
    error_message = "egress must be TCP to the VPC only"
  }
  assert {
    condition = (
      aws_lb_target_group.this["frontend"].name == "dev-hms-frontend" && aws_lb_target_group.this["frontend"].target_type == "ip"
      && aws_lb_target_group.this["frontend"].port == 3000 && aws_lb_target_group.this["frontend"].health_check[0].path == "/"
      && aws_lb_target_group.this["backend"].health_check[0].path == "/health" && aws_lb_target_group.this["backend"].health_check[0].matcher == "200"
      && aws_lb_target_group.this["backend"].deregistration_delay == "30"
    )
    error_message = "target groups must be named <environment>-<project>-<key>, type ip, with their health checks"
  }
  assert {
    condition = (
      aws_lb_listener.http.port == 80 && aws_lb_listener.http.default_action[0].type == "redirect"
      && aws_lb_listener.http.default_action[0].redirect[0].port == "443"
      && aws_lb_listener.http.default_action[0].redirect[0].protocol == "HTTPS"
      && aws_lb_listener.http.default_action[0].redirect[0].status_code == "HTTP_301"
    )
    error_message = "HTTP must redirect to HTTPS with a 301"
  }
  assert {
    condition = (
      aws_lb_listener.https.port == 443 && aws_lb_listener.https.protocol == "HTTPS"
      && aws_lb_listener.https.ssl_policy == "ELBSecurityPolicy-TLS13-1-2-2021-06"
      && aws_lb_listener.https.certificate_arn == var.certificate_arn
      && aws_lb_listener.https.default_action[0].type == "forward"
    )
    error_message = "HTTPS listener must use the TLS 1.2+ policy and the certificate, forwarding by default"
  }
  assert {
    condition     = keys(aws_lb_listener_rule.this) == ["backend"] && aws_lb_listener_rule.this["backend"].priority == 10
    error_message = "only the path entry becomes a rule, priority 10 by default"
  }
  assert {
    condition     = one(one(aws_lb_listener_rule.this["backend"].condition).path_pattern).values == toset(["/api/*"])
    error_message = "the rule must match the entry's path patterns"
  }
  assert {
    condition     = module.access_logs[0].bucket_id == "dev-hms-alb-logs-123456789012"
    error_message = "access-log bucket must be <environment>-<project>-alb-logs-<account>"
  }
  assert {
    condition     = length(aws_lb.this.access_logs) == 1 && aws_lb.this.access_logs[0].enabled && aws_lb.this.access_logs[0].bucket == "dev-hms-alb-logs-123456789012"
    error_message = "access logs must be written to the module's bucket"
  }
}

run "access_log_bucket_policy_and_encryption" {
  command = apply

  assert {
    condition = contains(
      [for s in jsondecode(module.access_logs[0].bucket_policy).Statement : try(s.Principal.AWS, "")],
      "arn:aws:iam::127311923021:root"
    )
    error_message = "the regional ELB account must be allowed to write logs"
  }
  assert {
    condition = contains(
      [for s in jsondecode(module.access_logs[0].bucket_policy).Statement : "${try(s.Principal.Service, "")} ${try(tostring(s.Resource), "")}"],
      "logdelivery.elasticloadbalancing.amazonaws.com arn:aws:s3:::dev-hms-alb-logs-123456789012/AWSLogs/123456789012/*"
    )
    error_message = "the log delivery service must be allowed to write under AWSLogs/<account>/"
  }
  assert {
    condition     = module.access_logs[0].sse_algorithm == "AES256"
    error_message = "log bucket must use SSE-S3 (ALB log delivery does not support SSE-KMS)"
  }
  assert {
    condition     = output.access_logs_bucket_id == "dev-hms-alb-logs-123456789012"
    error_message = "access_logs_bucket_id must name the bucket"
  }
  assert {
    condition     = length(output.target_group_arns) == 2 && length(output.target_group_arn_suffixes) == 2
    error_message = "target group outputs must be maps over every entry"
  }
}

run "production_settings" {
  command = plan

  variables {
    environment         = "production"
    deletion_protection = true
    access_logs_enabled = false
    ingress_cidr_blocks = ["203.0.113.0/24", "2001:db8::/32"]
    ssl_policy          = "ELBSecurityPolicy-TLS13-1-3-2021-06"
    target_groups = {
      web   = { port = 80 }
      api   = { port = 8000, path_patterns = ["/api/*", "/docs"], priority = 100 }
      admin = { port = 8001, path_patterns = ["/admin/*"], priority = 10 }
    }
  }

  assert {
    condition     = aws_lb.this.enable_deletion_protection && length(aws_lb.this.access_logs) == 0 && length(module.access_logs) == 0
    error_message = "production may switch deletion protection on and access logs off"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.this["443-2001:db8::/32"].cidr_ipv6 == "2001:db8::/32" && aws_vpc_security_group_ingress_rule.this["443-2001:db8::/32"].cidr_ipv4 == null
    error_message = "IPv6 CIDRs must use cidr_ipv6"
  }
  assert {
    condition     = aws_lb_listener_rule.this["api"].priority == 100 && aws_lb_listener_rule.this["admin"].priority == 10
    error_message = "explicit priorities must be used"
  }
  assert {
    condition     = aws_lb_listener.https.ssl_policy == "ELBSecurityPolicy-TLS13-1-3-2021-06"
    error_message = "ssl_policy must be passed through"
  }
}

run "rejects_bad_environment" {
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

run "rejects_bad_vpc_id" {
  command = plan
  variables {
    vpc_id = "my-vpc"
  }
  expect_failures = [var.vpc_id]
}

run "rejects_ipv6_vpc_cidr" {
  command = plan
  variables {
    vpc_cidr = "2001:db8::/56"
  }
  expect_failures = [var.vpc_cidr]
}

run "rejects_single_subnet" {
  command = plan
  variables {
    subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1"]
  }
  expect_failures = [var.subnet_ids]
}

run "rejects_bad_subnet_id" {
  command = plan
  variables {
    subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "public-b"]
  }
  expect_failures = [var.subnet_ids]
}

run "rejects_bad_certificate_arn" {
  command = plan
  variables {
    certificate_arn = "arn:aws:iam::123456789012:server-certificate/x"
  }
  expect_failures = [var.certificate_arn]
}

run "rejects_tls_1_0_policy" {
  command = plan
  variables {
    ssl_policy = "ELBSecurityPolicy-2016-08"
  }
  expect_failures = [var.ssl_policy]
}

run "rejects_bad_cidr" {
  command = plan
  variables {
    ingress_cidr_blocks = ["0.0.0.0"]
  }
  expect_failures = [var.ingress_cidr_blocks]
}

run "rejects_zero_idle_timeout" {
  command = plan
  variables {
    idle_timeout = 0
  }
  expect_failures = [var.idle_timeout]
}

run "rejects_zero_log_expiration" {
  command = plan
  variables {
    access_log_expiration_days = 0
  }
  expect_failures = [var.access_log_expiration_days]
}

run "rejects_two_default_target_groups" {
  command = plan
  variables {
    target_groups = {
      a = { port = 80 }
      b = { port = 81 }
    }
  }
  expect_failures = [var.target_groups]
}

run "rejects_no_default_target_group" {
  command = plan
  variables {
    target_groups = {
      api = { port = 80, path_patterns = ["/api/*"] }
    }
  }
  expect_failures = [var.target_groups]
}

run "rejects_too_long_target_group_name" {
  command = plan
  variables {
    environment = "production"
    project     = "taskmanager"
    target_groups = {
      frontend-service = { port = 80 }
    }
  }
  expect_failures = [var.target_groups]
}

run "rejects_bad_port_or_protocol" {
  command = plan
  variables {
    target_groups = {
      web = { port = 80, protocol = "TCP" }
    }
  }
  expect_failures = [var.target_groups]
}

run "rejects_bad_health_check" {
  command = plan
  variables {
    target_groups = {
      web = { port = 80, health_check_path = "health", health_check_matcher = "OK" }
    }
  }
  expect_failures = [var.target_groups]
}

run "rejects_empty_path_patterns" {
  command = plan
  variables {
    target_groups = {
      web = { port = 80 }
      api = { port = 8000, path_patterns = [] }
    }
  }
  expect_failures = [var.target_groups]
}

run "rejects_priority_on_default" {
  command = plan
  variables {
    target_groups = {
      web = { port = 80, priority = 5 }
    }
  }
  expect_failures = [var.target_groups]
}

run "rejects_missing_priorities_with_several_rules" {
  command = plan
  variables {
    target_groups = {
      web   = { port = 80 }
      api   = { port = 8000, path_patterns = ["/api/*"] }
      admin = { port = 8001, path_patterns = ["/admin/*"], priority = 20 }
    }
  }
  expect_failures = [var.target_groups]
}

run "rejects_colliding_priorities" {
  command = plan
  variables {
    target_groups = {
      web   = { port = 80 }
      api   = { port = 8000, path_patterns = ["/api/*"], priority = 20 }
      admin = { port = 8001, path_patterns = ["/admin/*"], priority = 20 }
    }
  }
  expect_failures = [var.target_groups]
}

run "rejects_subnets_in_one_zone" {
  command = plan
  override_data {
    target = data.aws_subnet.this[1]
    values = { availability_zone = "us-east-1a" }
  }
  expect_failures = [aws_lb.this]
}

run "rejects_two_subnets_in_one_zone" {
  command = plan
  variables {
    subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2", "subnet-0ccccccccccccccc3"]
  }
  override_data {
    target = data.aws_subnet.this[2]
    values = { availability_zone = "us-east-1b" }
  }
  expect_failures = [aws_lb.this]
}
