output "env_secret_arns" {
  description = "Secret ARNs keyed by the environment variable the application reads them from (DATABASE_URL, REDIS_URL and the generated ones): the `secrets` of an ECS service."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "secret_arns" {
  description = "ARNs of every secret of this module (for IAM policies)."
  value       = [for s in aws_secretsmanager_secret.this : s.arn]
}

output "name_prefix" {
  description = "Prefix of every secret name: <environment>/<project>."
  value       = local.prefix
}
