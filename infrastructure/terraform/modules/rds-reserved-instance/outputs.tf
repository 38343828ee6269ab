output "offering_id" {
  description = "ID of the reserved-instance offering matching the inputs, or null when purchase = false."
  value       = try(data.aws_rds_reserved_instance_offering.main[0].offering_id, null)
}

output "reservation_arn" {
  description = "ARN of the reservation, or null when purchase = false."
  value       = try(aws_rds_reserved_instance.this[0].arn, null)
}

output "fixed_price" {
  description = "Up-front price of the reservation (in currency_code), or null when purchase = false."
  value       = try(aws_rds_reserved_instance.this[0].fixed_price, null)
}

output "recurring_charges" {
  description = "Recurring charges of the reservation (list of recurring_charge_amount, recurring_charge_frequency), or null when purchase = false. hashicorp/aws truncates the amount to an integer (provider issue 35561)."
  value       = try(aws_rds_reserved_instance.this[0].recurring_charges, null)
}

output "currency_code" {
  description = "Currency of fixed_price and recurring_charges, or null when purchase = false."
  value       = try(aws_rds_reserved_instance.this[0].currency_code, null)
}
