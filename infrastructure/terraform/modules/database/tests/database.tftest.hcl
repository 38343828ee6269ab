# Plan-only tests without AWS calls. Mock providers cannot mock ephemeral
# resources (the master secret is read back ephemerally), so the real
# provider is configured to never call out: every data source of the module
# is computed locally, and in a first plan the ephemeral read waits for a
# secret that does not exist yet, so it is never opened. Write-only values
# are checked on the emulator (state and plans searched for the password).
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "mock"
  secret_key                  = "mock"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

override_resource {
  target          = terraform_data.incarnation
  override_during = plan
  values          = { id = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" }
}

# The subnets of the variables below are in two zones (and read without AWS).
override_data {
  target = data.aws_subnet.this[0]
  values = { availability_zone = "us-east-1a" }
}

override_data {
  target = data.aws_subnet.this[1]
  values = { availability_zone = "us-east-1b" }
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
    condition     = aws_db_instance.this.identifier == "dev-taskmanager-db"
    error_message = "identifier must be <environment>-<project>-db"
  }
  assert {
    condition     = aws_db_instance.this.final_snapshot_identifier == "dev-taskmanager-db-final-0f1e2d3c"
    error_message = "final snapshot identifier must be stable between plans (no timestamp) and unique to this incarnation of the instance"
  }
  assert {
    condition     = terraform_data.incarnation.triggers_replace == "dev-taskmanager-db"
    error_message = "a new incarnation (and final snapshot name) whenever the identifier changes"
  }
  assert {
    condition     = aws_db_instance.this.manage_master_user_password == null && aws_db_instance.this.password == null && aws_db_instance.this.password_wo_version == 1
    error_message = "the master password must be write-only (RDS-managed passwords refuse read replicas), written at version 1"
  }
  assert {
    condition     = aws_secretsmanager_secret.master.name_prefix == "dev/taskmanager/db-master-" && aws_secretsmanager_secret.master.kms_key_id == var.kms_key_arn && aws_secretsmanager_secret_version.master.secret_string_wo_version == 1
    error_message = "the master secret must be <environment>/<project>/<identifier>-master-<suffix>, encrypted with the environment key, written at version 1"
  }
  assert {
    condition     = aws_db_instance.this.iam_database_authentication_enabled
    error_message = "IAM database authentication must be on by default (applications log in with tokens)"
  }
  assert {
    condition     = aws_db_instance.this.storage_encrypted && aws_db_instance.this.kms_key_id == var.kms_key_arn
    error_message = "storage must be encrypted with the given key"
  }
  assert {
    condition     = aws_db_instance.this.publicly_accessible == false
    error_message = "the database must not be publicly accessible"
  }
  assert {
    condition     = aws_db_parameter_group.this.family == "mysql8.0" && aws_db_instance.this.port == 3306
    error_message = "mysql must use the mysql8.0 family and port 3306"
  }
  assert {
    condition     = contains([for p in aws_db_parameter_group.this.parameter : "${p.name}=${p.value}"], "character_set_server=utf8mb4")
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
    condition     = aws_db_parameter_group.this.family == "postgres16" && aws_db_instance.this.port == 5432
    error_message = "postgres 16 must use the postgres16 family and port 5432"
  }
  assert {
    condition     = contains([for p in aws_db_parameter_group.this.parameter : "${p.name}=${p.value}"], "max_connections=300")
    error_message = "caller parameters must override the defaults"
  }
  assert {
    condition     = aws_db_instance.replica[0].identifier == "production-hms-db-replica" && aws_db_instance.replica[0].instance_class == "db.t3.small"
    error_message = "replica must be created with its own class"
  }
  assert {
    condition     = aws_db_instance.replica[0].replicate_source_db == "production-hms-db" && aws_db_instance.replica[0].password_wo_version == null && aws_db_instance.replica[0].iam_database_authentication_enabled
    error_message = "the replica takes its credentials from the primary and allows IAM authentication too"
  }
  assert {
    condition     = length(aws_iam_role.monitoring) == 1 && aws_db_instance.this.monitoring_interval == 60
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

run "rejects_master_password_version_zero" {
  command = plan
  variables {
    master_password_version = 0
  }
  expect_failures = [var.master_password_version]
}

run "rejects_bad_iam_user" {
  command = plan
  variables {
    iam_database_users = ["hms-prod"]
  }
  expect_failures = [var.iam_database_users]
}

run "rejects_short_secret_recovery_window" {
  command = plan
  variables {
    master_secret_recovery_window_in_days = 3
  }
  expect_failures = [var.master_secret_recovery_window_in_days]
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

run "rejects_subnets_in_one_zone" {
  command = plan
  override_data {
    target = data.aws_subnet.this[1]
    values = { availability_zone = "us-east-1a" }
  }
  expect_failures = [aws_db_subnet_group.this]
}

run "rejects_final_snapshot_identifier_over_255_characters" {
  command = plan
  variables {
    final_snapshot_identifier = "final-${join("", [for i in range(50) : "abcde"])}"
  }
  expect_failures = [var.final_snapshot_identifier]
}
