# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {
  # Generated strings are not JSON; IAM documents must be.
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  project            = "taskmanager"
  environment        = "production"
  vpc_cidr           = "10.0.0.0/16"
  availability_zones = ["us-east-1a", "us-east-1b"]
}

run "seed_layout" {
  command = plan

  assert {
    condition     = aws_subnet.public[1].cidr_block == "10.0.16.0/20" && aws_subnet.private_app[0].cidr_block == "10.0.64.0/20" && aws_subnet.private_data[1].cidr_block == "10.0.144.0/20"
    error_message = "subnets must follow the design: cidrsubnet(vpc, 4, i), i+4, i+8"
  }
  assert {
    condition     = length(aws_nat_gateway.this) == 2
    error_message = "one NAT gateway per zone by default (design: high availability)"
  }
}

run "single_nat_for_cheap_environments" {
  command = plan

  variables {
    environment        = "dev"
    single_nat_gateway = true
  }

  assert {
    condition     = length(aws_nat_gateway.this) == 1
    error_message = "single_nat_gateway must create exactly one NAT gateway"
  }
}

run "hms_cidr_overrides" {
  command = plan

  variables {
    project                  = "hms"
    availability_zones       = ["us-east-1a", "us-east-1b", "us-east-1c"]
    public_subnet_cidrs      = ["10.0.101.0/24", "10.0.102.0/24", "10.0.103.0/24"]
    private_app_subnet_cidrs = ["10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"]
  }

  assert {
    condition     = aws_subnet.private_app[2].cidr_block == "10.0.3.0/24" && aws_subnet.public[0].cidr_block == "10.0.101.0/24"
    error_message = "explicit tier CIDRs must be used as given"
  }
}

run "rejects_bad_environment" {
  command = plan
  variables {
    environment = "prod"
  }
  expect_failures = [var.environment]
}

run "rejects_cidr_wider_than_16" {
  command = plan
  variables {
    vpc_cidr = "10.0.0.0/8"
  }
  expect_failures = [var.vpc_cidr]
}

run "rejects_cidr_narrower_than_24" {
  command = plan
  variables {
    vpc_cidr = "10.0.0.0/26"
  }
  expect_failures = [var.vpc_cidr]
}

run "rejects_host_address_as_cidr" {
  command = plan
  variables {
    vpc_cidr = "10.0.3.7/16"
  }
  expect_failures = [var.vpc_cidr]
}

run "rejects_single_zone" {
  command = plan
  variables {
    availability_zones = ["us-east-1a"]
  }
  expect_failures = [var.availability_zones]
}

run "rejects_duplicate_zones" {
  command = plan
  variables {
    availability_zones = ["us-east-1a", "us-east-1a"]
  }
  expect_failures = [var.availability_zones]
}

run "rejects_retention_cloudwatch_does_not_accept" {
  command = plan
  variables {
    flow_log_retention_days = 10
  }
  expect_failures = [var.flow_log_retention_days]
}

run "rejects_bad_subnet_cidr" {
  command = plan
  variables {
    public_subnet_cidrs = ["10.0.101.0/33", "10.0.102.0/24"]
  }
  expect_failures = [var.public_subnet_cidrs]
}
