output "cluster_name" {
  description = "Name of the ECS cluster (<environment>-<project>)."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = aws_ecs_cluster.this.arn
}

output "cluster_id" {
  description = "ID of the ECS cluster (its ARN)."
  value       = aws_ecs_cluster.this.id
}

output "service_names" {
  description = "Service names by service key."
  value       = { for k, s in aws_ecs_service.this : k => s.name }
}

output "service_ids" {
  description = "Service IDs (ARNs) by service key."
  value       = { for k, s in aws_ecs_service.this : k => s.id }
}

output "task_definition_arns" {
  description = "Task definition ARNs (with revision) by service or task key."
  value       = { for k, t in aws_ecs_task_definition.this : k => t.arn }
}

output "task_definition_families" {
  description = "Task definition families by service or task key."
  value       = { for k, t in aws_ecs_task_definition.this : k => t.family }
}

output "security_group_ids" {
  description = "Task security group IDs by service or task key (give them to the database and cache modules as allowed sources)."
  value       = { for k, sg in aws_security_group.tasks : k => sg.id }
}

output "security_group_id_list" {
  description = "All task security group IDs, in service key order."
  value       = [for k in sort(keys(aws_security_group.tasks)) : aws_security_group.tasks[k].id]
}

output "task_role_arn" {
  description = "ARN of the task role (the application's permissions)."
  value       = aws_iam_role.task.arn
}

output "task_role_name" {
  description = "Name of the task role; attach further policies to it."
  value       = aws_iam_role.task.name
}

output "execution_role_arn" {
  description = "ARN of the task execution role (image pull, logs, secrets)."
  value       = aws_iam_role.execution.arn
}

output "execution_role_name" {
  description = "Name of the task execution role."
  value       = aws_iam_role.execution.name
}

output "log_group_names" {
  description = "Container log group name by service key (all the same when shared_log_group_name is set)."
  value = {
    for k in keys(local.containers) : k => (
      var.shared_log_group_name != null ? aws_cloudwatch_log_group.shared[0].name : aws_cloudwatch_log_group.service[k].name
    )
  }
}

output "exec_log_group_name" {
  description = "Log group of ECS Exec sessions."
  value       = aws_cloudwatch_log_group.exec.name
}

output "autoscaling_policy_arns" {
  description = "CPU target-tracking scaling policy ARNs by service key."
  value       = { for k, p in aws_appautoscaling_policy.cpu : k => p.arn }
}

output "autoscaling_resource_ids" {
  description = "Application Auto Scaling resource IDs (service/<cluster>/<service>) by service key."
  value       = { for k, t in aws_appautoscaling_target.this : k => t.resource_id }
}

output "run_task_network_configuration" {
  description = "awsvpcConfiguration for `aws ecs run-task` of each one-off task, by task key: private subnets, the task's security group, no public IP."
  value = {
    for k in keys(var.tasks) : k => {
      subnets        = var.subnet_ids
      securityGroups = [aws_security_group.tasks[k].id]
      assignPublicIp = "DISABLED"
    }
  }
}
