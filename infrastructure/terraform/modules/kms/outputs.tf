output "key_arn" {
  description = "ARN of the key (use it for kms_key_id / kms_key_arn arguments)."
  value       = aws_kms_key.this.arn
}

output "key_id" {
  description = "ID of the key."
  value       = aws_kms_key.this.key_id
}

output "alias_name" {
  description = "Alias of the key, e.g. alias/dev-taskmanager."
  value       = aws_kms_alias.this.name
}

output "alias_arn" {
  description = "ARN of the alias."
  value       = aws_kms_alias.this.arn
}

output "policy" {
  description = "The key policy document (JSON)."
  value       = aws_kms_key.this.policy
}
