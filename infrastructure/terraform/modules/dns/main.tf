locals {
  zone_id   = var.create_zone ? aws_route53_zone.this[0].zone_id : data.aws_route53_zone.this[0].zone_id
  zone_name = var.zone_name

  # Record names as Route 53 keeps them: "@" is the apex, a relative label
  # gets the zone appended, a name already inside the zone stays.
  fqdns = {
    for k, r in var.alias_records : k => (
      r.name == "@" ? local.zone_name : (
        r.name == local.zone_name || endswith(r.name, ".${local.zone_name}") ? r.name : "${r.name}.${local.zone_name}"
      )
    )
  }

  # One record per key and type: A always, AAAA where asked.
  records = merge(
    { for k, r in var.alias_records : "${k}-A" => merge(r, { key = k, type = "A" }) },
    { for k, r in var.alias_records : "${k}-AAAA" => merge(r, { key = k, type = "AAAA" }) if r.ipv6 },
  )
}

resource "aws_route53_zone" "this" {
  count = var.create_zone ? 1 : 0

  name          = var.zone_name
  comment       = "Public zone of ${var.zone_name} (managed by Terraform)"
  force_destroy = var.zone_force_destroy

  tags = merge(var.common_tags, {
    Name = var.zone_name
  })
}

data "aws_route53_zone" "this" {
  count = var.create_zone ? 0 : 1

  name         = var.zone_name
  private_zone = false
}

resource "aws_route53_record" "alias" {
  for_each = local.records

  zone_id = local.zone_id
  name    = local.fqdns[each.value.key]
  type    = each.value.type

  alias {
    name                   = each.value.target_dns_name
    zone_id                = each.value.target_zone_id
    evaluate_target_health = each.value.evaluate_target_health
  }
}
