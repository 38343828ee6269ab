output "repository_urls" {
  description = "Repository URL by repository name (image reference without tag)."
  value       = { for name, r in aws_ecr_repository.this : name => r.repository_url }
}

output "repository_arns" {
  description = "Repository ARN by repository name."
  value       = { for name, r in aws_ecr_repository.this : name => r.arn }
}

output "registry_id" {
  description = "Registry (account) ID holding the repositories."
  value       = one(distinct([for r in aws_ecr_repository.this : r.registry_id]))
}

output "kms_key_arn" {
  description = "ARN of the KMS key encrypting the images."
  value       = aws_kms_key.ecr.arn
}
