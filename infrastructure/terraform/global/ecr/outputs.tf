output "repository_urls" {
  description = "Repository URL by repository name (image reference without tag)."
  value       = module.ecr.repository_urls
}

output "repository_arns" {
  description = "Repository ARN by repository name."
  value       = module.ecr.repository_arns
}

output "registry_id" {
  description = "Registry (account) ID holding the repositories."
  value       = module.ecr.registry_id
}

output "kms_key_arn" {
  description = "ARN of the KMS key encrypting the images."
  value       = module.ecr.kms_key_arn
}
