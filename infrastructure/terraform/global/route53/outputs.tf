output "zone_id" {
  description = "ID of the public hosted zone."
  value       = aws_route53_zone.main.zone_id
}

output "name_servers" {
  description = "Name servers to delegate the domain to at the registrar or parent zone."
  value       = aws_route53_zone.main.name_servers
}

output "domain_name" {
  description = "Domain of the hosted zone."
  value       = aws_route53_zone.main.name
}

output "zone_arn" {
  description = "ARN of the public hosted zone."
  value       = aws_route53_zone.main.arn
}

output "delegation" {
  description = "What must be delegated outside this stack before the environments apply: zone name => the name servers to give the parent zone or registrar (NS records)."
  value       = { (aws_route53_zone.main.name) = aws_route53_zone.main.name_servers }
}
