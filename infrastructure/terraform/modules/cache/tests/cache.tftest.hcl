# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {}

variables {
  project                    = "taskmanager"
  environment                = "dev"
  vpc_id                     = "vpc-0123456789abcdef0"
  subnet_ids                 = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
  allowed_security_group_ids = ["sg-0123456789abcdef0"]
  kms_key_arn                = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
}

run "dev_single_node" {
  command = plan

  assert {
    condition     = aws_elasticache_replication_group.this.replication_group_id == "dev-taskmanager-redis"
    error_message = "replication group must be <environment>-<project>-redis"
  }
  assert {
    condition     = aws_elasticache_replication_group.this.at_rest_encryption_enabled == "true" && aws_elasticache_replication_group.this.transit_encryption_enabled && aws_elasticache_replication_group.this.kms_key_id == var.kms_key_arn
    error_message = "encryption at rest (with the key) and in transit must always be on"
  }
  assert {
    condition     = aws_elasticache_replication_group.this.auth_token == null
    error_message = "no auth token may be set"
  }
  assert {
    condition     = aws_elasticache_user.app.authentication_mode[0].type == "iam" && aws_elasticache_user.app.user_name == aws_elasticache_user.app.user_id
    error_message = "the application user must authenticate with IAM (user_id == user_name)"
  }
  assert {
    condition     = startswith(aws_elasticache_user.default.access_string, "off")
    error_message = "the default user must be switched off"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.allowed[0].from_port == 6379 && aws_vpc_security_group_ingress_rule.allowed[0].to_port == 6379
    error_message = "ingress must be 6379 only"
  }
  assert {
    condition     = [for p in aws_elasticache_parameter_group.this.parameter : "${p.name}=${p.value}"] == ["maxmemory-policy=allkeys-lru"]
    error_message = "default parameters must set maxmemory-policy allkeys-lru"
  }
}

run "production_multi_az" {
  command = plan

  variables {
    environment                = "production"
    node_type                  = "cache.r7g.large"
    num_cache_clusters         = 2
    automatic_failover_enabled = true
    multi_az_enabled           = true
  }

  assert {
    condition     = aws_elasticache_replication_group.this.multi_az_enabled && aws_elasticache_replication_group.this.num_cache_clusters == 2
    error_message = "production must be multi-AZ with 2 nodes"
  }
}

run "rejects_multi_az_with_one_node" {
  command = plan
  variables {
    num_cache_clusters         = 1
    automatic_failover_enabled = false
    multi_az_enabled           = true
  }
  expect_failures = [var.multi_az_enabled]
}

run "rejects_failover_with_one_node" {
  command = plan
  variables {
    num_cache_clusters         = 1
    automatic_failover_enabled = true
  }
  expect_failures = [var.automatic_failover_enabled]
}

run "rejects_too_many_nodes" {
  command = plan
  variables {
    num_cache_clusters = 7
  }
  expect_failures = [var.num_cache_clusters]
}

run "rejects_bad_node_type" {
  command = plan
  variables {
    node_type = "r7g.large"
  }
  expect_failures = [var.node_type]
}

run "rejects_redis6_engine" {
  command = plan
  variables {
    engine_version = "6.2"
  }
  expect_failures = [var.engine_version]
}

run "rejects_single_subnet" {
  command = plan
  variables {
    subnet_ids = ["subnet-0aaaaaaaaaaaaaaa1"]
  }
  expect_failures = [var.subnet_ids]
}

run "rejects_bad_snapshot_window" {
  command = plan
  variables {
    snapshot_window = "2-3"
  }
  expect_failures = [var.snapshot_window]
}
