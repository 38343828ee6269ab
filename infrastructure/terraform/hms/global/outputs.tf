output "zone_id" {
  description = "ID of the domain's public hosted zone."
  value       = module.zone.zone_id
}

output "environment_zone_ids" {
  description = "Zone ID of each environment subdomain."
  value       = { for k, z in module.environment_zone : k => z.zone_id }
}

output "delegation" {
  description = "What must be delegated outside this stack before the environments apply: zone name => the name servers to give the parent zone or registrar (NS records)."
  value       = { (var.domain_name) = module.zone.name_servers }
}

output "repository_urls" {
  description = "Repository URL by repository name (image reference without tag)."
  value       = module.ecr.repository_urls
}
