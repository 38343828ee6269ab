output "certificate_arn" {
  description = "ARN of the certificate, known only once it is issued (use it in listeners so they wait for validation)."
  value       = aws_acm_certificate_validation.this.certificate_arn
}

output "domain_name" {
  description = "Primary domain name of the certificate."
  value       = aws_acm_certificate.this.domain_name
}

output "domain_names" {
  description = "Every name the certificate covers: domain_name, then subject_alternative_names (known while planning, e.g. for the cdn module's alias check)."
  value       = local.all_names
}

output "validation_record_fqdns" {
  description = "FQDNs of the Route 53 DNS validation records."
  value       = [for r in aws_route53_record.validation : r.fqdn]
}
