locals {
  name = "${var.environment}-${var.project}"

  # Services and one-off tasks share task definitions, log groups and
  # security groups; only services get an ECS service and scaling.
  containers = merge(
    { for key, svc in var.services : key => {
      image                = svc.image
      cpu                  = svc.cpu
      memory               = svc.memory
      container_port       = svc.container_port
      command              = svc.command
      environment          = svc.environment
      secrets              = svc.secrets
      health_check_command = svc.health_check_command
      user                 = svc.user
    } },
    { for key, task in var.tasks : key => {
      image                = task.image
      cpu                  = task.cpu
      memory               = task.memory
      container_port       = tonumber(null)
      command              = task.command
      environment          = task.environment
      secrets              = task.secrets
      health_check_command = tolist(null)
      user                 = task.user
    } },
  )

  exec_log_group_name = "/aws/ecs/${var.environment}/${var.project}/execute-command"

  log_group_names = {
    for key, svc in local.containers : key => (
      var.shared_log_group_name != null ? var.shared_log_group_name : "/aws/ecs/${var.environment}/${var.project}-${key}"
    )
  }

  # Services behind the load balancer: they get ingress from its security group.
  port_services = { for key, svc in var.services : key => svc if svc.container_port != null }

  # IAM resource of a secret reference: the secret ARN without a
  # :json-key:version-stage:version-id suffix (7 colon-separated fields).
  secret_arns = sort(distinct(flatten([
    for key, svc in local.containers : [
      for name, ref in svc.secrets : join(":", slice(split(":", ref), 0, min(7, length(split(":", ref)))))
    ]
  ])))

  # Container definitions exactly as ECS returns them (empty lists, essential,
  # sorted environment/secrets), so the provider sees no difference after a
  # read and a second plan is empty.
  container_definitions = {
    for key, svc in local.containers : key => [merge(
      {
        name      = key
        image     = svc.image
        essential = true
        cpu       = 0

        portMappings = svc.container_port == null ? [] : [{
          containerPort = svc.container_port
          hostPort      = svc.container_port
          protocol      = "tcp"
        }]

        environment = [
          for name, value in merge(
            svc.environment,
            { ENVIRONMENT = var.environment },
            svc.container_port == null ? {} : { PORT = tostring(svc.container_port) },
          ) : { name = name, value = value }
        ]

        secrets = [for name in sort(keys(svc.secrets)) : { name = name, valueFrom = svc.secrets[name] }]

        mountPoints    = []
        volumesFrom    = []
        systemControls = []

        logConfiguration = {
          logDriver = "awslogs"
          options = {
            "awslogs-group"         = local.log_group_names[key]
            "awslogs-region"        = data.aws_region.current.name
            "awslogs-stream-prefix" = key
          }
        }

        linuxParameters = {
          capabilities = {
            drop = ["ALL"]
          }
        }

        user                   = svc.user
        readonlyRootFilesystem = false
      },
      svc.command == null ? {} : { command = svc.command },
      svc.health_check_command == null ? {} : {
        healthCheck = {
          command     = svc.health_check_command
          interval    = 30
          timeout     = 10
          retries     = 3
          startPeriod = 40
        }
      },
    )]
  }
}

data "aws_region" "current" {}

data "aws_partition" "current" {}

data "aws_caller_identity" "current" {}

################################################################################
# Cluster
################################################################################

resource "aws_cloudwatch_log_group" "exec" {
  name              = local.exec_log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.common_tags
}

resource "aws_ecs_cluster" "this" {
  name = local.name

  setting {
    name  = "containerInsights"
    value = var.container_insights ? "enabled" : "disabled"
  }

  configuration {
    execute_command_configuration {
      kms_key_id = var.kms_key_arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }

  tags = merge(var.common_tags, {
    Name = local.name
  })
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = ["FARGATE", "FARGATE_SPOT"]

  dynamic "default_capacity_provider_strategy" {
    for_each = var.capacity_provider_strategy
    content {
      capacity_provider = default_capacity_provider_strategy.value.capacity_provider
      base              = default_capacity_provider_strategy.value.base
      weight            = default_capacity_provider_strategy.value.weight
    }
  }
}

################################################################################
# IAM: execution role (ECS agent: pull image, write logs, read secrets) and
# task role (the application)
################################################################################

locals {
  ecs_tasks_assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EcsTasksAssumeRole"
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role" "execution" {
  name               = "${local.name}-ecs-task-execution"
  description        = "ECS task execution role of ${local.name}: image pull, logs, secrets"
  assume_role_policy = local.ecs_tasks_assume_role_policy

  tags = var.common_tags
}

# ECR pull (ecr:GetAuthorizationToken, BatchGetImage, ...) and logs:CreateLogStream/PutLogEvents.
resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

locals {
  execution_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [for arns in(length(local.secret_arns) > 0 ? [local.secret_arns] : []) : {
        Sid      = "ReadServiceSecrets"
        Effect   = "Allow"
        Action   = "secretsmanager:GetSecretValue"
        Resource = arns
      }],
      [{
        Sid      = "DecryptWithEnvironmentKey"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = var.kms_key_arn
      }],
    )
  })
}

resource "aws_iam_role_policy" "execution" {
  name = "secrets"
  role = aws_iam_role.execution.id

  policy = local.execution_policy

  # IAM refuses more than 10,240 characters (white space excluded) of inline
  # policy per role; this is the execution role's only one.
  lifecycle {
    precondition {
      condition     = length(replace(local.execution_policy, "/\\s/", "")) <= 10240
      error_message = "services and tasks reference too many Secrets Manager secrets: the execution role's policy would exceed IAM's 10240 characters per role. Keep related values in one JSON secret and reference its keys (arn:...:secret:<name>:<json-key>::)."
    }
  }
}

resource "aws_iam_role" "task" {
  name               = "${local.name}-ecs-task"
  description        = "ECS task role of ${local.name}: what the application may do"
  assume_role_policy = local.ecs_tasks_assume_role_policy

  tags = var.common_tags
}

locals {
  task_exec_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "EcsExecChannels"
        Effect = "Allow"
        Action = [
          "ssmmessages:CreateControlChannel",
          "ssmmessages:CreateDataChannel",
          "ssmmessages:OpenControlChannel",
          "ssmmessages:OpenDataChannel",
        ]
        Resource = "*"
      },
      {
        Sid      = "EcsExecSessionKey"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = var.kms_key_arn
      },
      {
        Sid      = "EcsExecDescribeLogGroups"
        Effect   = "Allow"
        Action   = "logs:DescribeLogGroups"
        Resource = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:log-group:*"
      },
      {
        Sid      = "EcsExecSessionLog"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.exec.arn}:*"
      },
    ]
  })

  # IAM counts all inline policies of a role together, white space excluded,
  # and refuses more than 10,240 characters (LimitExceeded).
  task_role_policy_characters = sum(concat(
    [0],
    var.enable_execute_command ? [length(replace(local.task_exec_policy, "/\\s/", ""))] : [],
    [for doc in values(var.task_role_policies) : length(replace(doc, "/\\s/", ""))],
  ))
}

# ECS Exec: the SSM agent in the task opens the session channels (no
# resource-level permissions exist for ssmmessages), decrypts the session with
# the cluster's key and writes the session log to the exec log group.
# DescribeLogGroups is authorised on arn:…:log-group::log-stream: of the
# account and region (hashicorp/terraform-provider-aws#8804), so it is scoped
# to those; the session log's streams are the group's ARN + ":*".
# infra:waive INFRA-IAM-008 until=2027-06-30 reason="ssmmessages has no resource-level permissions (ECS Exec channels); every other action is scoped"
#tfsec:ignore:aws-iam-no-policy-wildcards:exp:2027-06-30
resource "aws_iam_role_policy" "task_exec" {
  count = var.enable_execute_command ? 1 : 0

  name   = "ecs-exec"
  role   = aws_iam_role.task.id
  policy = local.task_exec_policy
}

# Keyed by names known while planning, so a document whose ARNs are only
# known after apply (e.g. a database's resource id) can still be attached.
# The callers' documents: HMS adds X-Ray's sampling and segment APIs, which
# have no resource-level permissions.
# infra:waive INFRA-IAM-008 until=2027-06-30 reason="X-Ray PutTraceSegments/PutTelemetryRecords/GetSampling* have no resource-level permissions (modules/xray-sampling)"
resource "aws_iam_role_policy" "task_extra" {
  for_each = var.task_role_policies

  name   = each.key
  role   = aws_iam_role.task.id
  policy = each.value

  lifecycle {
    precondition {
      condition     = local.task_role_policy_characters <= 10240
      error_message = "task_role_policies: the task role's inline policies (these documents${var.enable_execute_command ? " and the module's ecs-exec policy" : ""}) hold ${local.task_role_policy_characters} characters without white space; IAM allows at most 10240 per role. Shorten the documents (fewer statements, wildcards in resource names) or merge them."
    }
  }
}

moved {
  from = aws_iam_role_policy.task_extra[0]
  to   = aws_iam_role_policy.task_extra["application"]
}

################################################################################
# Logs
################################################################################

resource "aws_cloudwatch_log_group" "service" {
  for_each = var.shared_log_group_name == null ? local.containers : {}

  name              = local.log_group_names[each.key]
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.common_tags
}

resource "aws_cloudwatch_log_group" "shared" {
  count = var.shared_log_group_name != null ? 1 : 0

  name              = var.shared_log_group_name
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn

  tags = var.common_tags
}

################################################################################
# Per service: security group, task definition, service, autoscaling
################################################################################

resource "aws_security_group" "tasks" {
  for_each = local.containers

  # The description forces replacement when changed and the name is fixed, so
  # it says nothing that can change (like the port): a port change only
  # replaces the ingress rule.
  name        = "${local.name}-${each.key}-tasks"
  description = contains(keys(var.services), each.key) ? "Tasks of ECS service ${local.name}-${each.key}" : "One-off ECS task ${local.name}-${each.key}"
  vpc_id      = var.vpc_id

  tags = merge(var.common_tags, {
    Name = "${local.name}-${each.key}-tasks"
  })
}

resource "aws_vpc_security_group_ingress_rule" "from_load_balancer" {
  for_each = local.port_services

  security_group_id            = aws_security_group.tasks[each.key].id
  description                  = "${each.key} port ${each.value.container_port} from the load balancer"
  ip_protocol                  = "tcp"
  from_port                    = each.value.container_port
  to_port                      = each.value.container_port
  referenced_security_group_id = var.ingress_security_group_id

  tags = merge(var.common_tags, {
    Name = "${local.name}-${each.key}-from-lb"
  })
}

# Images, secrets, AWS APIs, database and cache; the private subnets route
# through NAT or VPC endpoints.
resource "aws_vpc_security_group_egress_rule" "all" {
  for_each = local.containers

  security_group_id = aws_security_group.tasks[each.key].id
  description       = "All outbound traffic"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"

  tags = merge(var.common_tags, {
    Name = "${local.name}-${each.key}-egress"
  })
}

# The images of both designs are not known to run on a read-only root file
# system (they write caches and temp files); revisit with the images.
# infra:waive INFRA-CTR-002 until=2027-06-30 reason="the designs' images write to their root file system; set readonlyRootFilesystem once they are built for it"
resource "aws_ecs_task_definition" "this" {
  for_each = local.containers

  family                   = "${local.name}-${each.key}"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = tostring(each.value.cpu)
  memory                   = tostring(each.value.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode(local.container_definitions[each.key])

  tags = var.common_tags

  depends_on = [aws_cloudwatch_log_group.service, aws_cloudwatch_log_group.shared]

  # What makes a valid container, for services and one-off tasks alike.
  lifecycle {
    precondition {
      condition = (
        each.value.cpu == 256 ? contains([512, 1024, 2048], each.value.memory) :
        each.value.cpu == 512 ? each.value.memory >= 1024 && each.value.memory <= 4096 && each.value.memory % 1024 == 0 :
        each.value.cpu == 1024 ? each.value.memory >= 2048 && each.value.memory <= 8192 && each.value.memory % 1024 == 0 :
        each.value.cpu == 2048 ? each.value.memory >= 4096 && each.value.memory <= 16384 && each.value.memory % 1024 == 0 :
        each.value.cpu == 4096 ? each.value.memory >= 8192 && each.value.memory <= 30720 && each.value.memory % 1024 == 0 :
        each.value.cpu == 8192 ? each.value.memory >= 16384 && each.value.memory <= 61440 && each.value.memory % 4096 == 0 :
        each.value.cpu == 16384 ? each.value.memory >= 32768 && each.value.memory <= 122880 && each.value.memory % 8192 == 0 :
        false
      )
      error_message = "${each.key}: cpu/memory must be a Fargate pair: cpu 256 with memory 512, 1024 or 2048; 512 with 1024-4096; 1024 with 2048-8192; 2048 with 4096-16384; 4096 with 8192-30720 (those four in steps of 1024); 8192 with 16384-61440 in steps of 4096; 16384 with 32768-122880 in steps of 8192."
    }
    precondition {
      condition = alltrue([
        for name, arn in each.value.secrets : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name)) && can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@!-]+(:[^:]*:[^:]*:[^:]*)?$", arn))
      ])
      error_message = "${each.key}: secrets must map environment variable names (letters, digits, _) to Secrets Manager secret ARNs such as arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/taskmanager/jwt-AbCdEf, optionally followed by :json-key:version-stage:version-id (e.g. :password:: for one key of a JSON secret)."
    }
    precondition {
      condition = alltrue([
        for name in keys(each.value.environment) : can(regex("^[A-Za-z_][A-Za-z0-9_]*$", name)) && !contains(["ENVIRONMENT", "PORT"], name) && !contains(keys(each.value.secrets), name)
      ])
      error_message = "${each.key}: environment names must be letters, digits and _, must not be ENVIRONMENT or PORT (the module sets those) and must not repeat a name of secrets."
    }
    precondition {
      condition     = can(regex("^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$", each.value.user)) && !contains(["0", "root"], split(":", each.value.user)[0])
      error_message = "${each.key}: user must be user or user:group (names or numeric ids, e.g. 1000:1000) and not root (0 or root)."
    }
    precondition {
      condition     = length(trimspace(each.value.image)) > 0
      error_message = "${each.key}: image must be an image reference such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/taskmanager-api:1.4.2."
    }
  }
}

resource "aws_ecs_service" "this" {
  for_each = var.services

  name            = "${local.name}-${each.key}"
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.this[each.key].arn
  desired_count   = each.value.desired_count

  # No launch_type: a service uses either a launch type or a capacity
  # provider strategy, and the strategy is what spreads tasks over Fargate
  # and Fargate Spot.
  dynamic "capacity_provider_strategy" {
    for_each = var.capacity_provider_strategy
    content {
      capacity_provider = capacity_provider_strategy.value.capacity_provider
      base              = capacity_provider_strategy.value.base
      weight            = capacity_provider_strategy.value.weight
    }
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks[each.key].id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = each.value.target_group_arn != null ? [each.value.target_group_arn] : []
    content {
      target_group_arn = load_balancer.value
      container_name   = each.key
      container_port   = each.value.container_port
    }
  }

  # Only meaningful (and only accepted) with a load balancer.
  health_check_grace_period_seconds = each.value.target_group_arn != null ? each.value.health_check_grace_period_seconds : null

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  enable_execute_command  = var.enable_execute_command
  enable_ecs_managed_tags = true
  propagate_tags          = "SERVICE"

  tags = merge(var.common_tags, {
    Name = "${local.name}-${each.key}"
  })

  lifecycle {
    # Application Auto Scaling owns the running count between min_capacity and
    # max_capacity; without this every apply would reset it to desired_count
    # (scaling a busy service in, or an idle one out). desired_count is only
    # the count at creation.
    ignore_changes = [desired_count]
  }

  depends_on = [
    aws_ecs_cluster_capacity_providers.this,
    aws_iam_role_policy_attachment.execution,
    aws_iam_role_policy.execution,
    aws_iam_role_policy.task_exec,
    aws_iam_role_policy.task_extra,
  ]
}

resource "aws_appautoscaling_target" "this" {
  for_each = var.services

  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = "service/${aws_ecs_cluster.this.name}/${aws_ecs_service.this[each.key].name}"
  min_capacity       = each.value.min_capacity
  max_capacity       = each.value.max_capacity

  tags = var.common_tags
}

resource "aws_appautoscaling_policy" "cpu" {
  for_each = var.services

  name               = "${local.name}-${each.key}-cpu"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[each.key].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[each.key].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[each.key].resource_id

  target_tracking_scaling_policy_configuration {
    predefined_metric_specification {
      predefined_metric_type = "ECSServiceAverageCPUUtilization"
    }
    target_value       = each.value.cpu_target_value
    scale_in_cooldown  = each.value.scale_in_cooldown
    scale_out_cooldown = each.value.scale_out_cooldown
  }
}
