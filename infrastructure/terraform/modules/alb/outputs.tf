output "arn" {
  description = "ARN of the load balancer."
  value       = aws_lb.this.arn
}

output "arn_suffix" {
  description = "ARN suffix of the load balancer (CloudWatch LoadBalancer dimension)."
  value       = aws_lb.this.arn_suffix
}

output "dns_name" {
  description = "DNS name of the load balancer (Route 53 alias target, CloudFront origin)."
  value       = aws_lb.this.dns_name
}

output "zone_id" {
  description = "Canonical hosted zone ID of the load balancer (Route 53 alias records)."
  value       = aws_lb.this.zone_id
}

output "security_group_id" {
  description = "Security group of the load balancer; allow it in the services' ingress."
  value       = aws_security_group.this.id
}

# ECS refuses a service whose target group no listener forwards to yet
# ("The target group ... does not have an associated load balancer"), so
# whoever consumes these ARNs waits for the listeners and rules.
output "target_group_arns" {
  description = "Target group ARNs by key of var.target_groups (ECS service load_balancer blocks). Known only once the HTTPS listener and its rules forward to every group."
  value       = { for k, tg in aws_lb_target_group.this : k => tg.arn }
  depends_on  = [aws_lb_listener.https, aws_lb_listener_rule.this]
}

output "target_group_arn_suffixes" {
  description = "Target group ARN suffixes by key (CloudWatch TargetGroup dimension)."
  value       = { for k, tg in aws_lb_target_group.this : k => tg.arn_suffix }
}

output "http_listener_arn" {
  description = "ARN of the HTTP listener (port 80, redirects to HTTPS)."
  value       = aws_lb_listener.http.arn
}

output "https_listener_arn" {
  description = "ARN of the HTTPS listener (port 443); ECS services depend on it."
  value       = aws_lb_listener.https.arn
}

output "access_logs_bucket_id" {
  description = "Name of the access-log bucket, null when access logs are off."
  value       = var.access_logs_enabled ? module.access_logs[0].bucket_id : null
}
