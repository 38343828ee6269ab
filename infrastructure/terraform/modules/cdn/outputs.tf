output "distribution_id" {
  description = "ID of the CloudFront distribution (for cache invalidations)."
  value       = aws_cloudfront_distribution.this.id
}

output "distribution_arn" {
  description = "ARN of the CloudFront distribution."
  value       = aws_cloudfront_distribution.this.arn
}

output "domain_name" {
  description = "Domain name of the distribution (dxxxx.cloudfront.net): the alias target for Route 53."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "hosted_zone_id" {
  description = "Route 53 zone ID of CloudFront, for alias records pointing at the distribution."
  value       = aws_cloudfront_distribution.this.hosted_zone_id
}

output "origin_access_control_id" {
  description = "ID of the origin access control CloudFront signs S3 requests with."
  value       = aws_cloudfront_origin_access_control.this.id
}

output "bucket_policy_statements_json" {
  description = "JSON list of bucket policy statements letting only this distribution read the static bucket; pass to the s3-bucket module's policy_statements."
  value       = jsonencode(local.bucket_policy_statements)
}

output "kms_key_policy_statements_json" {
  description = "JSON list of KMS key policy statements letting this distribution decrypt objects, for a bucket encrypted with a customer-managed key."
  value       = jsonencode(local.kms_key_policy_statements)
}
