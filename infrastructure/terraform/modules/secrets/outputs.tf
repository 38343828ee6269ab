# The version resources are in depends_on so that whoever consumes an ARN
# (an ECS service starting tasks) waits until the secret has a value.
output "env_secret_arns" {
  description = "Secret ARNs keyed by the environment variable the application reads them from (REDIS_URL and the generated ones): the `secrets` of an ECS service. Known only once every secret has a value."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
  depends_on  = [aws_secretsmanager_secret_version.redis_url, aws_secretsmanager_secret_version.generated]
}

output "secret_arns" {
  description = "ARNs of every secret of this module (for IAM policies)."
  value       = [for s in aws_secretsmanager_secret.this : s.arn]
}

output "name_prefix" {
  description = "Prefix of every secret name: <environment>/<project>."
  value       = local.prefix
}
