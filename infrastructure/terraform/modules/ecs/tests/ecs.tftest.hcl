# Plan-only tests: no AWS calls, the provider is mocked.
mock_provider "aws" {}

variables {
  project                   = "taskmanager"
  environment               = "dev"
  vpc_id                    = "vpc-0123456789abcdef0"
  subnet_ids                = ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0bbbbbbbbbbbbbbb2"]
  kms_key_arn               = "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555"
  ingress_security_group_id = "sg-0123456789abcdef0"

  # The Task Manager design's "ECS Module": the API behind the ALB and the worker.
  services = {
    api = {
      image                = "123456789012.dkr.ecr.us-east-1.amazonaws.com/taskmanager-api:1.0.0"
      cpu                  = 512
      memory               = 1024
      container_port       = 8000
      desired_count        = 2
      min_capacity         = 2
      max_capacity         = 10
      target_group_arn     = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dev-taskmanager-api/0123456789abcdef"
      environment          = { LOG_LEVEL = "INFO" }
      health_check_command = ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"]
      secrets = {
        DATABASE_URL   = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/database-url-AbCdEf"
        REDIS_URL      = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/redis-url-GhIjKl"
        JWT_SECRET_KEY = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/jwt-secret-MnOpQr:key::"
      }
    }
    worker = {
      image         = "123456789012.dkr.ecr.us-east-1.amazonaws.com/taskmanager-worker:1.0.0"
      cpu           = 256
      memory        = 512
      command       = ["celery", "-A", "app.worker", "worker"]
      desired_count = 1
      min_capacity  = 1
      max_capacity  = 4
      secrets = {
        REDIS_URL = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/redis-url-GhIjKl"
      }
    }
  }
}

run "taskmanager_api_and_worker" {
  command = plan

  assert {
    condition     = aws_ecs_cluster.this.name == "dev-taskmanager" && one([for s in aws_ecs_cluster.this.setting : s.value if s.name == "containerInsights"]) == "enabled"
    error_message = "cluster must be <environment>-<project> with Container Insights"
  }
  assert {
    condition = (
      aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].logging == "OVERRIDE" &&
      aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].kms_key_id == var.kms_key_arn &&
      aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_encryption_enabled &&
      aws_ecs_cluster.this.configuration[0].execute_command_configuration[0].log_configuration[0].cloud_watch_log_group_name == "/aws/ecs/dev/taskmanager/execute-command"
    )
    error_message = "ECS Exec must be KMS-encrypted and logged to the encrypted exec log group"
  }
  assert {
    condition     = aws_cloudwatch_log_group.exec.kms_key_id == var.kms_key_arn && aws_cloudwatch_log_group.service["api"].kms_key_id == var.kms_key_arn
    error_message = "log groups must be KMS-encrypted"
  }
  assert {
    condition     = aws_cloudwatch_log_group.service["api"].name == "/aws/ecs/dev/taskmanager-api" && aws_cloudwatch_log_group.service["worker"].name == "/aws/ecs/dev/taskmanager-worker" && length(aws_cloudwatch_log_group.shared) == 0
    error_message = "without shared_log_group_name each service has /aws/ecs/<environment>/<project>-<key>"
  }
  assert {
    condition     = toset([for s in aws_ecs_cluster_capacity_providers.this.default_capacity_provider_strategy : "${s.capacity_provider}:${s.base}:${s.weight}"]) == toset(["FARGATE:2:1", "FARGATE_SPOT:0:4"])
    error_message = "default strategy must be FARGATE base 2 weight 1, FARGATE_SPOT weight 4"
  }
  assert {
    condition     = toset([for s in aws_ecs_service.this["api"].capacity_provider_strategy : "${s.capacity_provider}:${s.base}:${s.weight}"]) == toset(["FARGATE:2:1", "FARGATE_SPOT:0:4"])
    error_message = "services must use the capacity provider strategy and no launch type"
  }
  assert {
    condition     = aws_ecs_task_definition.this["api"].family == "dev-taskmanager-api" && aws_ecs_task_definition.this["api"].network_mode == "awsvpc" && aws_ecs_task_definition.this["api"].cpu == "512" && aws_ecs_task_definition.this["api"].memory == "1024"
    error_message = "api task definition: family, awsvpc, 512/1024"
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].name == "api" && jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].portMappings == [{ containerPort = 8000, hostPort = 8000, protocol = "tcp" }]
    error_message = "api container must be named api and map port 8000"
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].user == "1000:1000" && jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].linuxParameters.capabilities.drop == ["ALL"] && jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].readonlyRootFilesystem == false
    error_message = "api container must run as 1000:1000 with all capabilities dropped"
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].healthCheck == { command = ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"], interval = 30, timeout = 10, retries = 3, startPeriod = 40 }
    error_message = "api health check must be the design's (interval 30, timeout 10, retries 3, startPeriod 40)"
  }
  assert {
    condition = jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].secrets == [
      { name = "DATABASE_URL", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/database-url-AbCdEf" },
      { name = "JWT_SECRET_KEY", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/jwt-secret-MnOpQr:key::" },
      { name = "REDIS_URL", valueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/redis-url-GhIjKl" },
    ]
    error_message = "secrets must be referenced by ARN, sorted by name"
  }
  assert {
    condition = jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].environment == [
      { name = "ENVIRONMENT", value = "dev" },
      { name = "LOG_LEVEL", value = "INFO" },
      { name = "PORT", value = "8000" },
    ]
    error_message = "environment must hold ENVIRONMENT, PORT and the service's variables, sorted by name"
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].logConfiguration.options["awslogs-group"] == "/aws/ecs/dev/taskmanager-api" && jsondecode(aws_ecs_task_definition.this["api"].container_definitions)[0].logConfiguration.options["awslogs-stream-prefix"] == "api"
    error_message = "api must log to its own group with stream prefix api"
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["worker"].container_definitions)[0].portMappings == [] && jsondecode(aws_ecs_task_definition.this["worker"].container_definitions)[0].command == ["celery", "-A", "app.worker", "worker"] && !contains([for e in jsondecode(aws_ecs_task_definition.this["worker"].container_definitions)[0].environment : e.name], "PORT")
    error_message = "worker: no port mapping, no PORT, its command"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.from_load_balancer["api"].from_port == 8000 && aws_vpc_security_group_ingress_rule.from_load_balancer["api"].to_port == 8000 && aws_vpc_security_group_ingress_rule.from_load_balancer["api"].referenced_security_group_id == var.ingress_security_group_id && aws_vpc_security_group_ingress_rule.from_load_balancer["api"].cidr_ipv4 == null
    error_message = "api ingress must be port 8000 from the load balancer's security group only"
  }
  assert {
    condition     = keys(aws_vpc_security_group_ingress_rule.from_load_balancer) == ["api"] && aws_security_group.tasks["worker"].name == "dev-taskmanager-worker-tasks"
    error_message = "the worker must have a security group without ingress"
  }
  assert {
    condition     = length(aws_ecs_service.this["api"].load_balancer) == 1 && one(aws_ecs_service.this["api"].load_balancer).container_port == 8000 && aws_ecs_service.this["api"].health_check_grace_period_seconds == 60
    error_message = "api service must be attached to its target group on 8000 with a 60 s grace period"
  }
  assert {
    condition     = length(aws_ecs_service.this["worker"].load_balancer) == 0 && aws_ecs_service.this["worker"].health_check_grace_period_seconds == null
    error_message = "worker service has no load balancer and no grace period"
  }
  assert {
    condition = (
      aws_ecs_service.this["api"].network_configuration[0].assign_public_ip == false &&
      aws_ecs_service.this["api"].deployment_circuit_breaker[0].enable && aws_ecs_service.this["api"].deployment_circuit_breaker[0].rollback &&
      aws_ecs_service.this["api"].deployment_minimum_healthy_percent == 100 && aws_ecs_service.this["api"].deployment_maximum_percent == 200 &&
      aws_ecs_service.this["api"].enable_execute_command && aws_ecs_service.this["api"].propagate_tags == "SERVICE" && aws_ecs_service.this["api"].enable_ecs_managed_tags
    )
    error_message = "service: private, circuit breaker with rollback, 100/200, exec, tags propagated"
  }
  assert {
    condition     = jsondecode(aws_iam_role_policy.execution.policy).Statement[0].Resource == ["arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/database-url-AbCdEf", "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/jwt-secret-MnOpQr", "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/redis-url-GhIjKl"]
    error_message = "the execution role may read exactly the services' secrets (suffixes stripped, deduplicated)"
  }
  assert {
    condition     = length(aws_iam_role_policy.task_exec) == 1 && length(aws_iam_role_policy.task_extra) == 0
    error_message = "exec permissions on the task role, no extra policy by default"
  }
  assert {
    condition     = aws_appautoscaling_target.this["api"].min_capacity == 2 && aws_appautoscaling_target.this["api"].max_capacity == 10 && aws_appautoscaling_policy.cpu["api"].name == "dev-taskmanager-api-cpu" && aws_appautoscaling_policy.cpu["api"].target_tracking_scaling_policy_configuration[0].target_value == 70 && aws_appautoscaling_policy.cpu["api"].target_tracking_scaling_policy_configuration[0].scale_in_cooldown == 300 && aws_appautoscaling_policy.cpu["api"].target_tracking_scaling_policy_configuration[0].scale_out_cooldown == 60
    error_message = "api autoscaling: 2-10 tasks, CPU target 70 %, cooldowns 300/60"
  }
}

# The HMS design: HMS backend and frontend share the /ecs/hms log group.
run "hms_shared_log_group" {
  command = plan

  variables {
    project                = "hms"
    environment            = "production"
    shared_log_group_name  = "/ecs/hms"
    task_role_policies     = { application = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"xray:PutTraceSegments\",\"Resource\":\"*\"}]}" }
    enable_execute_command = false
    services = {
      backend = {
        image          = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hms-backend:2.0.0"
        cpu            = 1024
        memory         = 2048
        container_port = 8000
        desired_count  = 2
        min_capacity   = 2
        max_capacity   = 6
      }
      frontend = {
        image          = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hms-frontend:2.0.0"
        cpu            = 256
        memory         = 512
        container_port = 3000
        desired_count  = 2
        min_capacity   = 2
        max_capacity   = 4
      }
    }
  }

  assert {
    condition     = length(aws_cloudwatch_log_group.shared) == 1 && aws_cloudwatch_log_group.shared[0].name == "/ecs/hms" && length(aws_cloudwatch_log_group.service) == 0
    error_message = "one shared log group /ecs/hms"
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["frontend"].container_definitions)[0].logConfiguration.options["awslogs-group"] == "/ecs/hms" && jsondecode(aws_ecs_task_definition.this["frontend"].container_definitions)[0].logConfiguration.options["awslogs-stream-prefix"] == "frontend"
    error_message = "each service logs to the shared group under its own stream prefix"
  }
  assert {
    condition     = output.log_group_names == { backend = "/ecs/hms", frontend = "/ecs/hms" }
    error_message = "log_group_names must map every service to the shared group"
  }
  assert {
    condition     = aws_ecs_cluster.this.name == "production-hms" && aws_ecs_service.this["frontend"].name == "production-hms-frontend" && !aws_ecs_service.this["frontend"].enable_execute_command
    error_message = "names must be <environment>-<project>[-<key>]; exec can be switched off"
  }
  assert {
    condition     = length(aws_iam_role_policy.task_exec) == 0 && length(aws_iam_role_policy.task_extra) == 1 && length(jsondecode(aws_iam_role_policy.execution.policy).Statement) == 1
    error_message = "no exec policy when exec is off; extra task policy attached; no secrets statement without secrets"
  }
  assert {
    condition     = aws_vpc_security_group_ingress_rule.from_load_balancer["frontend"].from_port == 3000 && aws_vpc_security_group_ingress_rule.from_load_balancer["backend"].from_port == 8000
    error_message = "each service gets ingress on its own port only"
  }
}

run "accepts_rds_managed_secret" {
  command = plan

  variables {
    project     = "hms"
    environment = "dev"
    services = {
      backend = {
        image          = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hms-backend:2.0.0"
        cpu            = 512
        memory         = 1024
        container_port = 8000
        desired_count  = 1
        min_capacity   = 1
        max_capacity   = 2
        # RDS names the secrets it manages rds!db-<id>.
        secrets = {
          DB_PASSWORD = "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-98795f5b-2a67-4a2f-9268-35c1deefba6d-APTGne:password::"
        }
      }
    }
  }

  assert {
    condition     = jsondecode(aws_iam_role_policy.execution.policy).Statement[0].Resource == ["arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-98795f5b-2a67-4a2f-9268-35c1deefba6d-APTGne"]
    error_message = "the execution role must read the RDS-managed secret (ARN without the json-key suffix)"
  }
}

run "rejects_bad_fargate_pair" {
  command = plan
  variables {
    services = {
      api = { image = "api:1", cpu = 256, memory = 4096, container_port = 8000, desired_count = 1, min_capacity = 1, max_capacity = 2 }
    }
  }
  expect_failures = [aws_ecs_task_definition.this]
}

run "rejects_bad_fargate_step" {
  command = plan
  variables {
    services = {
      api = { image = "api:1", cpu = 1024, memory = 2500, container_port = 8000, desired_count = 1, min_capacity = 1, max_capacity = 2 }
    }
  }
  expect_failures = [aws_ecs_task_definition.this]
}

run "rejects_min_above_desired" {
  command = plan
  variables {
    services = {
      api = { image = "api:1", cpu = 256, memory = 512, container_port = 8000, desired_count = 1, min_capacity = 2, max_capacity = 4 }
    }
  }
  expect_failures = [var.services]
}

run "rejects_desired_above_max" {
  command = plan
  variables {
    services = {
      api = { image = "api:1", cpu = 256, memory = 512, container_port = 8000, desired_count = 5, min_capacity = 1, max_capacity = 4 }
    }
  }
  expect_failures = [var.services]
}

run "rejects_target_group_without_port" {
  command = plan
  variables {
    services = {
      worker = { image = "worker:1", cpu = 256, memory = 512, desired_count = 1, min_capacity = 1, max_capacity = 2, target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/0123456789abcdef" }
    }
  }
  expect_failures = [var.services]
}

run "rejects_bad_service_key" {
  command = plan
  variables {
    services = {
      Api_1 = { image = "api:1", cpu = 256, memory = 512, desired_count = 1, min_capacity = 1, max_capacity = 2 }
    }
  }
  expect_failures = [var.services]
}

run "rejects_root_user" {
  command = plan
  variables {
    services = {
      api = { image = "api:1", cpu = 256, memory = 512, container_port = 8000, desired_count = 1, min_capacity = 1, max_capacity = 2, user = "0:0" }
    }
  }
  expect_failures = [aws_ecs_task_definition.this]
}

run "rejects_secret_not_an_arn" {
  command = plan
  variables {
    services = {
      api = { image = "api:1", cpu = 256, memory = 512, container_port = 8000, desired_count = 1, min_capacity = 1, max_capacity = 2, secrets = { JWT_SECRET_KEY = "/dev/taskmanager/jwt-secret" } }
    }
  }
  expect_failures = [aws_ecs_task_definition.this]
}

run "rejects_bad_retention" {
  command = plan
  variables {
    log_retention_days = 10
  }
  expect_failures = [var.log_retention_days]
}

run "rejects_bad_capacity_provider" {
  command = plan
  variables {
    capacity_provider_strategy = [{ capacity_provider = "EC2", weight = 1 }]
  }
  expect_failures = [var.capacity_provider_strategy]
}

run "rejects_two_bases" {
  command = plan
  variables {
    capacity_provider_strategy = [
      { capacity_provider = "FARGATE", base = 1, weight = 1 },
      { capacity_provider = "FARGATE_SPOT", base = 1, weight = 1 },
    ]
  }
  expect_failures = [var.capacity_provider_strategy]
}

run "rejects_bad_environment" {
  command = plan
  variables {
    environment = "qa"
  }
  expect_failures = [var.environment]
}

run "rejects_port_without_ingress_group" {
  command = plan
  variables {
    ingress_security_group_id = null
  }
  expect_failures = [var.ingress_security_group_id]
}

run "rejects_reserved_environment_name" {
  command = plan
  variables {
    services = {
      api = { image = "api:1", cpu = 256, memory = 512, container_port = 8000, desired_count = 1, min_capacity = 1, max_capacity = 2, environment = { PORT = "9000" } }
    }
  }
  expect_failures = [aws_ecs_task_definition.this]
}

run "rejects_bad_health_check" {
  command = plan
  variables {
    services = {
      api = { image = "api:1", cpu = 256, memory = 512, container_port = 8000, desired_count = 1, min_capacity = 1, max_capacity = 2, health_check_command = ["curl -f http://localhost:8000/health"] }
    }
  }
  expect_failures = [var.services]
}

run "rejects_bad_task_policy_name" {
  command = plan
  variables {
    task_role_policies = { "x-ray writes" = "{}" }
  }
  expect_failures = [var.task_role_policies]
}

# A one-off task (a migration): task definition and security group, no
# service, no scaling; it reads one key of a JSON secret.
run "one_off_task" {
  command = plan

  variables {
    tasks = {
      migrate = {
        image   = "123456789012.dkr.ecr.us-east-1.amazonaws.com/taskmanager-api:v1.2.3"
        cpu     = 512
        memory  = 1024
        command = ["alembic", "upgrade", "head"]
        secrets = { DB_PASSWORD = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/database-master-AbCdEf:password::" }
      }
    }
  }

  assert {
    condition     = aws_ecs_task_definition.this["migrate"].family == "dev-taskmanager-migrate" && !contains(keys(aws_ecs_service.this), "migrate") && !contains(keys(aws_appautoscaling_target.this), "migrate")
    error_message = "a one-off task gets a task definition, no service and no scaling"
  }
  assert {
    condition     = jsondecode(aws_ecs_task_definition.this["migrate"].container_definitions)[0].command == ["alembic", "upgrade", "head"] && jsondecode(aws_ecs_task_definition.this["migrate"].container_definitions)[0].portMappings == []
    error_message = "the task runs its command and listens on no port"
  }
  assert {
    condition     = aws_security_group.tasks["migrate"].description == "One-off ECS task dev-taskmanager-migrate" && !contains(keys(aws_vpc_security_group_ingress_rule.from_load_balancer), "migrate")
    error_message = "the task has its own security group with no ingress"
  }
  assert {
    condition     = contains(jsondecode(aws_iam_role_policy.execution.policy).Statement[0].Resource, "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/database-master-AbCdEf")
    error_message = "the execution role must read the task's secret (ARN without the json-key suffix)"
  }
}

run "rejects_task_named_like_a_service" {
  command = plan
  variables {
    tasks = { api = { image = "api:1", cpu = 256, memory = 512 } }
  }
  expect_failures = [var.tasks]
}

run "rejects_task_bad_fargate_pair" {
  command = plan
  variables {
    tasks = { migrate = { image = "api:1", cpu = 256, memory = 4096 } }
  }
  expect_failures = [aws_ecs_task_definition.this]
}

# IAM's limit of 10,240 characters of inline policy per role (white space
# not counted), checked before any request.
run "rejects_task_role_policies_over_iam_limit" {
  command = plan
  variables {
    enable_execute_command = false
    task_role_policies = {
      application = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = [for i in range(300) : format("arn:aws:s3:::bucket-%04d/objects/*", i)] }]
      })
    }
  }
  expect_failures = [aws_iam_role_policy.task_extra]
}

# About 10,010 characters: within the limit alone ...
run "accepts_task_role_policies_within_iam_limit" {
  command = plan
  variables {
    enable_execute_command = false
    task_role_policies = {
      application = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = [for i in range(268) : format("arn:aws:s3:::bucket-%04d/objects/*", i)] }]
      })
    }
  }

  assert {
    condition     = length(aws_iam_role_policy.task_extra) == 1 && length(aws_iam_role_policy.task_exec) == 0
    error_message = "a task role policy within IAM's limit must be accepted"
  }
}

# ... but not together with the module's own ecs-exec policy on the same role.
run "rejects_task_role_policies_over_iam_limit_with_exec" {
  command = plan
  override_resource {
    target          = aws_cloudwatch_log_group.exec
    override_during = plan
    values          = { arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/ecs/dev/taskmanager/execute-command" }
  }
  variables {
    enable_execute_command = true
    task_role_policies = {
      application = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = [for i in range(268) : format("arn:aws:s3:::bucket-%04d/objects/*", i)] }]
      })
    }
  }
  expect_failures = [aws_iam_role_policy.task_extra]
}

run "rejects_execution_policy_over_iam_limit" {
  command = plan
  variables {
    tasks = {
      migrate = {
        image   = "123456789012.dkr.ecr.us-east-1.amazonaws.com/taskmanager-api:1.0.0"
        cpu     = 256
        memory  = 512
        secrets = { for i in range(120) : "SECRET_${i}" => "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/application-secret-number-${i}-AbCdEf" }
      }
    }
  }
  expect_failures = [aws_iam_role_policy.execution]
}
