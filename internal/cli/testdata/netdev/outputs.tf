output "vpc_id" {
  description = "ID of the dev VPC."
  value       = module.networking.vpc_id
}

output "public_subnet_ids" {
  description = "Public subnet IDs, one per zone."
  value       = module.networking.public_subnet_ids
}

output "private_app_subnet_ids" {
  description = "Private application subnet IDs, one per zone."
  value       = module.networking.private_app_subnet_ids
}

output "private_data_subnet_ids" {
  description = "Private data subnet IDs, one per zone."
  value       = module.networking.private_data_subnet_ids
}

output "nat_gateway_ids" {
  description = "NAT gateway IDs."
  value       = module.networking.nat_gateway_ids
}
