variable "name" {
  type = string
}

variable "cpu" {
  type = number
}

variable "tasks" {
  type = number
}

variable "vpc_id" {
  type = string
}

variable "strategy" {
  type = list(object({
    capacity_provider = string
    weight            = number
  }))
  default = [{ capacity_provider = "FARGATE", weight = 1 }]
}

resource "aws_ecs_task_definition" "this" {
  family = var.name
  cpu    = tostring(var.cpu)
}

resource "aws_ecs_service" "this" {
  name            = var.name
  desired_count   = var.tasks
  task_definition = aws_ecs_task_definition.this.arn

  dynamic "capacity_provider_strategy" {
    for_each = var.strategy
    content {
      capacity_provider = capacity_provider_strategy.value.capacity_provider
      weight            = capacity_provider_strategy.value.weight
    }
  }

  network_configuration {
    subnets = [var.vpc_id]
  }
}
