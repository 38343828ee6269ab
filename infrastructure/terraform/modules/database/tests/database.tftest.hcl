# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  override_data {
    target = data.aws_iam_policy_document.monitoring_assume
    values = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
}

variables {
  project                    = "taskmanager"
  environment                = "dev"
  vpc_id                     = "vpc-0123456789abcdef0"
  subnet_ids                 = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
  allowed_security_group_ids = ["sg-0123456789abcdef0"]
  kms_key_arn                = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
}

run "mysql_defaults" {
  command = plan

  assert {
    condition     = aws_db_instance.main.identifier == "dev-taskmanager-db"
    error_message = "identifier must be <environment>-<project>-db"
  }
  assert {
    condition     = aws_db_instance.main.final_snapshot_identifier == "dev-taskmanager-db-final"
    error_message = "final snapshot identifier must be stable (no timestamp)"
  }
  assert {
    condition     = aws_db_instance.main.manage_master_user_password == true && aws_db_instance.main.master_user_secret_kms_key_id == var.kms_key_arn
    error_message = "RDS must manage the master password, encrypted with the environment key"
  }
  assert {
    condition     = aws_db_instance.main.password == null
    error_message = "no password may be passed to RDS"
  }
  assert {
    condition     = aws_db_instance.main.storage_encrypted && aws_db_instance.main.kms_key_id == var.kms_key_arn
    error_message = "storage must be encrypted with the given key"
  }
  assert {
    condition     = aws_db_instance.main.publicly_accessible == false
    error_message = "the database must not be publicly accessible"
  }
  assert {
    condition     = aws_db_parameter_group.main.family == "mysql8.0" && aws_db_instance.main.port == 3306
    error_message = "mysql must use the mysql8.0 family and port 3306"
  }
  assert {
    condition     = contains([for p in aws_db_parameter_group.main.parameter : "${p.name}=${p.value}"], "character_set_server=utf8mb4")
    error_message = "mysql defaults must set utf8mb4"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.allowed[0].from_port == 3306 && aws_vpc_security_group_ingress_rule.allowed[0].referenced_security_group_id == "sg-0123456789abcdef0"
    error_message = "ingress must be the database port from the allowed security group only"
  }
  assert {
    condition     = length(aws_db_instance.replica) == 0 && length(aws_iam_role.monitoring) == 0
    error_message = "no replica or monitoring role by default"
  }
}

run "postgres_with_replica_and_monitoring" {
  command = plan

  variables {
    project                 = "hms"
    environment             = "production"
    engine                  = "postgres"
    engine_version          = "16.4"
    instance_class          = "db.t3.medium"
    allocated_storage       = 100
    max_allocated_storage   = 500
    multi_az                = true
    monitoring_interval     = 60
    create_read_replica     = true
    replica_instance_class  = "db.t3.small"
    backup_retention_period = 7
    parameters              = [{ name = "max_connections", value = "300", apply_method = "pending-reboot" }]
  }

  assert {
    condition     = aws_db_parameter_group.main.family == "postgres16" && aws_db_instance.main.port == 5432
    error_message = "postgres 16 must use the postgres16 family and port 5432"
  }
  assert {
    condition     = contains([for p in aws_db_parameter_group.main.parameter : "${p.name}=${p.value}"], "max_connections=300")
    error_message = "caller parameters must override the defaults"
  }
  assert {
    condition     = aws_db_instance.replica[0].identifier == "production-hms-db-replica" && aws_db_instance.replica[0].instance_class == "db.t3.small"
    error_message = "replica must be created with its own class"
  }
  assert {
    condition     = length(aws_iam_role.monitoring) == 1 && aws_db_instance.main.monitoring_interval == 60
    error_message = "enhanced monitoring must get a role"
  }
  assert {
    condition     = aws_cloudwatch_log_group.exports["primary/postgresql"].name == "/aws/rds/instance/production-hms-db/postgresql"
    error_message = "log groups must be created for each export"
  }
}

run "rejects_bad_environment" {
  command = plan
  variables {
    environment = "qa"
  }
  expect_failures = [var.environment]
}

run "rejects_invalid_engine_version" {
  command = plan
  variables {
    engine         = "postgres"
    engine_version = "16.0"
  }
  expect_failures = [var.engine_version]
}

run "rejects_mysql_version_for_postgres" {
  command = plan
  variables {
    engine         = "postgres"
    engine_version = "8.0.40"
  }
  expect_failures = [var.engine_version]
}

run "rejects_password_input" {
  command = plan
  variables {
    master_password = "strong-production-password-2024"
  }
  expect_failures = [var.master_password]
}

run "rejects_bad_parameter_apply_method" {
  command = plan
  variables {
    parameters = [{ name = "max_connections", value = "200", apply_method = "later" }]
  }
  expect_failures = [var.parameters]
}

run "rejects_max_storage_below_allocated" {
  command = plan
  variables {
    allocated_storage     = 100
    max_allocated_storage = 50
  }
  expect_failures = [var.max_allocated_storage]
}

run "rejects_bad_backup_window" {
  command = plan
  variables {
    backup_window = "3am-4am"
  }
  expect_failures = [var.backup_window]
}

run "rejects_bad_maintenance_window" {
  command = plan
  variables {
    maintenance_window = "sunday:04:00-sunday:05:00"
  }
  expect_failures = [var.maintenance_window]
}

run "rejects_bad_monitoring_interval" {
  command = plan
  variables {
    monitoring_interval = 45
  }
  expect_failures = [var.monitoring_interval]
}

run "rejects_backup_retention_over_35" {
  command = plan
  variables {
    backup_retention_period = 36
  }
  expect_failures = [var.backup_retention_period]
}

run "rejects_single_subnet" {
  command = plan
  variables {
    subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1"]
  }
  expect_failures = [var.subnet_ids]
}

run "rejects_bad_log_retention" {
  command = plan
  variables {
    cloudwatch_log_retention_days = 45
  }
  expect_failures = [var.cloudwatch_log_retention_days]
}

run "rejects_postgres_log_export_for_mysql" {
  command = plan
  variables {
    enabled_cloudwatch_logs_exports = ["postgresql"]
  }
  expect_failures = [var.enabled_cloudwatch_logs_exports]
}

run "rejects_bad_instance_class" {
  command = plan
  variables {
    instance_class = "t3.micro"
  }
  expect_failures = [var.instance_class]
}

run "rejects_replica_without_backups" {
  command = plan
  variables {
    create_read_replica     = true
    backup_retention_period = 0
  }
  expect_failures = [var.create_read_replica]
}
