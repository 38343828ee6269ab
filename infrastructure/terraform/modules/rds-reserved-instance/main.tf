locals {
  duration_seconds = { 1 = 31536000, 3 = 94608000 }[var.duration_years]
}

# Looked up only when buying: with purchase = false the module makes no
# API call at all.
data "aws_rds_reserved_instance_offering" "main" {
  count = var.purchase ? 1 : 0

  db_instance_class   = var.db_instance_class
  duration            = local.duration_seconds
  multi_az            = var.multi_az
  offering_type       = var.offering_type
  product_description = var.product_description
}

# Every argument forces replacement, and a replacement is a SECOND purchase
# (the first one is not refunded). The offering ID is ignored after the
# purchase so that AWS re-issuing offering IDs cannot trigger a re-purchase;
# the check below warns when the inputs now match another offering.
resource "aws_rds_reserved_instance" "this" {
  count = var.purchase ? 1 : 0

  offering_id    = data.aws_rds_reserved_instance_offering.main[0].offering_id
  reservation_id = var.reservation_id
  instance_count = var.instance_count

  tags = merge(var.common_tags, {
    Name = var.reservation_id
  })

  lifecycle {
    ignore_changes = [offering_id]
  }
}

check "reservation_matches_inputs" {
  assert {
    condition     = !var.purchase || try(aws_rds_reserved_instance.this[0].offering_id == data.aws_rds_reserved_instance_offering.main[0].offering_id, true)
    error_message = "The reservation in state was bought from a different offering than the inputs now describe (instance class, engine, payment option, Multi-AZ or term changed, or AWS re-issued the offering). Terraform does not buy again for this; to buy a new reservation set a new reservation_id (the old one keeps billing until its term ends)."
  }
}
