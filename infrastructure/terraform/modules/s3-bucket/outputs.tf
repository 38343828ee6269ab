output "bucket_id" {
  description = "Name (ID) of the bucket."
  value       = aws_s3_bucket.this.id
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

output "policy_id" {
  description = "ID of the bucket policy; depend on it when another service (e.g. ALB log delivery) checks the policy at create time."
  value       = aws_s3_bucket_policy.this.id
}
