output "bucket_id" {
  description = "Name (ID) of the bucket; known at plan time."
  value       = aws_s3_bucket.this.bucket
}

output "bucket_arn" {
  description = "ARN of the bucket, e.g. arn:aws:s3:::hms-backups-dev."
  value       = aws_s3_bucket.this.arn
}

output "bucket_regional_domain_name" {
  description = "Regional domain name of the bucket (CloudFront S3 origins)."
  value       = aws_s3_bucket.this.bucket_regional_domain_name
}

output "bucket_domain_name" {
  description = "Global domain name of the bucket, <name>.s3.amazonaws.com."
  value       = aws_s3_bucket.this.bucket_domain_name
}

output "bucket_id_after_policy" {
  description = "Name of the bucket, known at plan time but available only after the bucket policy is written: use it where a service checks its write access at create time (ALB access logs)."
  value       = aws_s3_bucket_policy.this.bucket
}

output "bucket_policy" {
  description = "JSON of the bucket policy (the TLS-only deny plus policy_statements)."
  value       = aws_s3_bucket_policy.this.policy
}

output "sse_algorithm" {
  description = "Default encryption of the bucket: AES256 (SSE-S3) or aws:kms."
  value       = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm
}
