# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {
  mock_data "aws_rds_reserved_instance_offering" {
    defaults = {
      offering_id = "438012d3-4052-4cc7-b2e3-8d3372e0e706"
      fixed_price = 0
    }
  }
}

run "default_buys_nothing" {
  command = plan

  assert {
    condition     = length(aws_rds_reserved_instance.this) == 0 && length(data.aws_rds_reserved_instance_offering.main) == 0
    error_message = "purchase = false must create nothing and look nothing up"
  }
  assert {
    condition     = output.offering_id == null && output.reservation_arn == null && output.fixed_price == null && output.recurring_charges == null
    error_message = "outputs must be null when nothing is bought"
  }
}

run "hms_one_year_no_upfront" {
  command = plan

  variables {
    purchase            = true
    db_instance_class   = "db.t3.medium"
    product_description = "postgresql"
    duration_years      = 1
    offering_type       = "No Upfront"
    reservation_id      = "production-hms-db-2027"
    common_tags         = { Project = "hms" }
  }

  assert {
    condition = (
      data.aws_rds_reserved_instance_offering.main[0].duration == 31536000
      && data.aws_rds_reserved_instance_offering.main[0].db_instance_class == "db.t3.medium"
      && data.aws_rds_reserved_instance_offering.main[0].product_description == "postgresql"
      && data.aws_rds_reserved_instance_offering.main[0].offering_type == "No Upfront"
      && data.aws_rds_reserved_instance_offering.main[0].multi_az == false
    )
    error_message = "offering lookup must use the inputs, 1 year = 31536000 s"
  }
  assert {
    condition     = aws_rds_reserved_instance.this[0].offering_id == "438012d3-4052-4cc7-b2e3-8d3372e0e706" && output.offering_id == "438012d3-4052-4cc7-b2e3-8d3372e0e706"
    error_message = "the reservation must buy the looked-up offering"
  }
  assert {
    condition     = aws_rds_reserved_instance.this[0].reservation_id == "production-hms-db-2027" && aws_rds_reserved_instance.this[0].instance_count == 1 && aws_rds_reserved_instance.this[0].tags["Project"] == "hms"
    error_message = "reservation id, count and tags must be set"
  }
}

run "three_years_multi_az" {
  command = plan

  variables {
    purchase            = true
    db_instance_class   = "db.r6g.xlarge"
    product_description = "mysql"
    duration_years      = 3
    offering_type       = "All Upfront"
    multi_az            = true
    instance_count      = 2
    reservation_id      = "production-taskmanager-db"
  }

  assert {
    condition     = data.aws_rds_reserved_instance_offering.main[0].duration == 94608000 && data.aws_rds_reserved_instance_offering.main[0].multi_az && aws_rds_reserved_instance.this[0].instance_count == 2
    error_message = "3 years = 94608000 s, Multi-AZ and count must be passed on"
  }
}

run "rejects_purchase_without_class" {
  command = plan
  variables {
    purchase            = true
    product_description = "postgresql"
    reservation_id      = "r1"
  }
  expect_failures = [var.db_instance_class]
}

run "rejects_bad_class" {
  command = plan
  variables { db_instance_class = "t3.medium" }
  expect_failures = [var.db_instance_class]
}

run "rejects_two_years" {
  command = plan
  variables { duration_years = 2 }
  expect_failures = [var.duration_years]
}

run "rejects_bad_offering_type" {
  command = plan
  variables { offering_type = "Heavy Utilization" }
  expect_failures = [var.offering_type]
}

run "rejects_purchase_without_engine" {
  command = plan
  variables {
    purchase          = true
    db_instance_class = "db.t3.medium"
    reservation_id    = "r1"
  }
  expect_failures = [var.product_description]
}

run "rejects_unknown_engine" {
  command = plan
  variables { product_description = "postgres" }
  expect_failures = [var.product_description]
}

run "rejects_zero_instances" {
  command = plan
  variables { instance_count = 0 }
  expect_failures = [var.instance_count]
}

run "rejects_purchase_without_reservation_id" {
  command = plan
  variables {
    purchase            = true
    db_instance_class   = "db.t3.medium"
    product_description = "postgresql"
  }
  expect_failures = [var.reservation_id]
}

run "rejects_bad_reservation_id" {
  command = plan
  variables { reservation_id = "1 bad id" }
  expect_failures = [var.reservation_id]
}
