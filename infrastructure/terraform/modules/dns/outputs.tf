output "zone_id" {
  description = "ID of the hosted zone (created or looked up)."
  value       = local.zone_id
}

output "name_servers" {
  description = "Name servers of the hosted zone."
  value       = var.create_zone ? aws_route53_zone.this[0].name_servers : data.aws_route53_zone.this[0].name_servers
}

output "record_fqdns" {
  description = "Fully qualified name of each alias record, by key of alias_records."
  value       = { for k in keys(var.alias_records) : k => aws_route53_record.alias["${k}-A"].fqdn }
}
