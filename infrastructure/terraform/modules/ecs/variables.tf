variable "project" {
  description = "Short project name used in resource names, e.g. taskmanager or hms."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,15}$", var.project))
    error_message = "project must be 2-16 lower-case letters or digits, starting with a letter (for example taskmanager or hms)."
  }
}

variable "environment" {
  description = "Environment name: dev, staging or production."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "production"], var.environment)
    error_message = "environment must be one of: dev, staging, production."
  }
}

variable "common_tags" {
  description = "Tags added to every resource of the module."
  type        = map(string)
  default     = {}
}

variable "vpc_id" {
  description = "VPC of the tasks' security groups."
  type        = string
}

variable "subnet_ids" {
  description = "Private application subnets the tasks run in (no public IP is assigned): at least 1, distinct."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1 && length(distinct(var.subnet_ids)) == length(var.subnet_ids)
    error_message = "subnet_ids must list at least 1 subnet, without duplicates (use the private application subnets of 2 or more zones)."
  }
}

variable "kms_key_arn" {
  description = "KMS key ARN encrypting the log groups and ECS Exec sessions; the execution role may decrypt with it (secrets encrypted with this key)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<id>."
  }
}

variable "log_retention_days" {
  description = "Retention of the container log groups and the ECS Exec log group, in days; one of the values CloudWatch Logs accepts."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "shared_log_group_name" {
  description = "When set, one log group of this name (e.g. /ecs/hms) holds the logs of all services, each under its own stream prefix (the service key). When null, each service gets /aws/ecs/<environment>/<project>-<key>."
  type        = string
  default     = null

  validation {
    condition     = var.shared_log_group_name == null || can(regex("^[A-Za-z0-9_/.#-]{1,512}$", var.shared_log_group_name))
    error_message = "shared_log_group_name must be null or a log group name of 1-512 characters from: letters, digits, _ / . # - (for example /ecs/hms)."
  }
}

variable "container_insights" {
  description = "Enable CloudWatch Container Insights on the cluster."
  type        = bool
  default     = true
}

variable "enable_execute_command" {
  description = "Enable ECS Exec on the services (sessions are KMS-encrypted and logged to the exec log group); grants the task role the ssmmessages permissions it needs."
  type        = bool
  default     = true
}

variable "capacity_provider_strategy" {
  description = "Capacity provider strategy of the cluster (default) and of every service. Default (the Task Manager design): FARGATE base 2 weight 1, FARGATE_SPOT weight 4."
  type = list(object({
    capacity_provider = string
    base              = optional(number, 0)
    weight            = number
  }))
  default = [
    { capacity_provider = "FARGATE", base = 2, weight = 1 },
    { capacity_provider = "FARGATE_SPOT", base = 0, weight = 4 },
  ]

  validation {
    condition     = length(var.capacity_provider_strategy) >= 1 && alltrue([for s in var.capacity_provider_strategy : contains(["FARGATE", "FARGATE_SPOT"], s.capacity_provider)])
    error_message = "capacity_provider_strategy must have at least one entry and every capacity_provider must be one of: FARGATE, FARGATE_SPOT."
  }

  validation {
    condition     = length(distinct([for s in var.capacity_provider_strategy : s.capacity_provider])) == length(var.capacity_provider_strategy)
    error_message = "capacity_provider_strategy must name each capacity provider (FARGATE, FARGATE_SPOT) at most once."
  }

  validation {
    condition = alltrue([for s in var.capacity_provider_strategy :
      s.weight >= 0 && s.weight <= 1000 && floor(s.weight) == s.weight && s.base >= 0 && s.base <= 100000 && floor(s.base) == s.base
    ]) && anytrue([for s in var.capacity_provider_strategy : s.weight > 0])
    error_message = "capacity_provider_strategy weights must be whole numbers 0-1000 with at least one above 0; base must be a whole number 0-100000."
  }

  validation {
    condition     = length([for s in var.capacity_provider_strategy : s if s.base > 0]) <= 1
    error_message = "capacity_provider_strategy may give a base above 0 to only one capacity provider (an ECS rule)."
  }
}

variable "ingress_security_group_id" {
  description = "Security group of the load balancer. Every service with a container_port accepts traffic only from it, only on that port. Required when any service has a container_port."
  type        = string
  default     = null

  validation {
    condition     = var.ingress_security_group_id != null || alltrue([for k, s in var.services : s.container_port == null])
    error_message = "ingress_security_group_id (the load balancer's security group) is required when a service has a container_port; services without one (workers) need no ingress."
  }

  validation {
    condition     = var.ingress_security_group_id == null || can(regex("^sg-[0-9a-f]+$", var.ingress_security_group_id))
    error_message = "ingress_security_group_id must be null or a security group ID such as sg-0123456789abcdef0."
  }
}

variable "task_role_policies" {
  description = "Extra IAM policies (JSON) for the task role, keyed by a policy name known while planning: what the application may do (e.g. elasticache:Connect, rds-db:connect, X-Ray writes). The documents themselves may be known only after apply."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for name, doc in var.task_role_policies : can(regex("^[A-Za-z0-9+=,.@_-]{1,128}$", name))])
    error_message = "task_role_policies keys must be IAM policy names: 1-128 letters, digits and +=,.@_- (for example application)."
  }
}

variable "services" {
  description = <<-EOT
    Services of the cluster, keyed by a short name (api, worker, backend, frontend) that is also the container name.
    container_port null means no load balancer and no ingress (a worker). secrets maps an environment variable
    name to a Secrets Manager secret ARN (optionally with a :json-key:version-stage:version-id suffix).
    health_check_command is the container health check, e.g. ["CMD-SHELL", "curl -f http://localhost:8000/health || exit 1"]
    (interval 30 s, timeout 10 s, 3 retries, start period 40 s).
  EOT
  type = map(object({
    image                             = string
    cpu                               = number
    memory                            = number
    container_port                    = optional(number)
    command                           = optional(list(string))
    desired_count                     = number
    min_capacity                      = number
    max_capacity                      = number
    cpu_target_value                  = optional(number, 70)
    scale_in_cooldown                 = optional(number, 300)
    scale_out_cooldown                = optional(number, 60)
    environment                       = optional(map(string), {})
    secrets                           = optional(map(string), {})
    health_check_command              = optional(list(string))
    target_group_arn                  = optional(string)
    health_check_grace_period_seconds = optional(number, 60)
    user                              = optional(string, "1000:1000")
  }))

  validation {
    condition     = length(var.services) >= 1 && alltrue([for k, s in var.services : can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", k))])
    error_message = "services must have at least one entry; keys must be 2-32 characters of lower-case letters, digits and -, starting with a letter and not ending with - (for example api, worker, backend)."
  }

  validation {
    condition = alltrue([for k, s in var.services :
      s.min_capacity >= 0 && s.min_capacity <= s.desired_count && s.desired_count <= s.max_capacity && s.max_capacity >= 1 &&
      floor(s.min_capacity) == s.min_capacity && floor(s.desired_count) == s.desired_count && floor(s.max_capacity) == s.max_capacity
    ])
    error_message = "services[*] counts must be whole numbers with 0 <= min_capacity <= desired_count <= max_capacity and max_capacity >= 1."
  }

  validation {
    condition     = alltrue([for k, s in var.services : s.container_port == null || (try(s.container_port >= 1 && s.container_port <= 65535 && floor(s.container_port) == s.container_port, false))])
    error_message = "services[*].container_port must be null (a worker) or a whole number from 1 to 65535."
  }

  validation {
    condition     = alltrue([for k, s in var.services : s.target_group_arn == null || s.container_port != null])
    error_message = "services[*].target_group_arn needs a container_port (the port the load balancer sends traffic to); a service without container_port cannot have a target group."
  }

  validation {
    condition     = alltrue([for k, s in var.services : s.target_group_arn == null || can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/", s.target_group_arn))])
    error_message = "services[*].target_group_arn must be null or a target group ARN such as arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/<name>/<id>."
  }

  validation {
    condition     = alltrue([for k, s in var.services : s.cpu_target_value > 0 && s.cpu_target_value <= 100 && s.scale_in_cooldown >= 0 && s.scale_out_cooldown >= 0])
    error_message = "services[*].cpu_target_value must be above 0 and at most 100 (percent); scale_in_cooldown and scale_out_cooldown must be 0 or more seconds."
  }

  validation {
    condition     = alltrue([for k, s in var.services : s.health_check_grace_period_seconds >= 0 && s.health_check_grace_period_seconds <= 2147483647])
    error_message = "services[*].health_check_grace_period_seconds must be 0 or more seconds."
  }



  validation {
    condition     = alltrue([for k, s in var.services : s.health_check_command == null || try(contains(["CMD", "CMD-SHELL"], s.health_check_command[0]) && length(s.health_check_command) >= 2, false)])
    error_message = "services[*].health_check_command must be null or a list starting with CMD or CMD-SHELL followed by the command, e.g. [\"CMD-SHELL\", \"curl -f http://localhost:8000/health || exit 1\"]."
  }



}

variable "tasks" {
  description = <<-EOT
    One-off task definitions (no ECS service), keyed by a short name that is also the container name, e.g. a
    database migration run with `aws ecs run-task`. Same container settings as services; each gets a security
    group (egress only) that is in security_group_id_list, so the database and cache accept it.
  EOT
  type = map(object({
    image       = string
    cpu         = number
    memory      = number
    command     = optional(list(string))
    environment = optional(map(string), {})
    secrets     = optional(map(string), {})
    user        = optional(string, "1000:1000")
  }))
  default = {}

  validation {
    condition     = alltrue([for k, t in var.tasks : can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", k)) && !contains(keys(var.services), k)])
    error_message = "tasks keys must be 2-32 characters of lower-case letters, digits and -, starting with a letter, not ending with -, and different from every service key (for example migrate)."
  }
}
