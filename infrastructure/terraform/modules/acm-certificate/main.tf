locals {
  all_names = concat([var.domain_name], var.subject_alternative_names)

  # "*.example.com" and "example.com" share one validation record: write it once.
  validation_names = [
    for n in local.all_names : n
    if !(startswith(n, "*.") && contains(local.all_names, trimprefix(n, "*.")))
  ]

  # Keyed by names known at plan time, so for_each never waits on the certificate.
  validation_options = {
    for n in local.validation_names : n => one([
      for o in aws_acm_certificate.this.domain_validation_options : o if o.domain_name == n
    ])
  }
}

resource "aws_acm_certificate" "this" {
  domain_name               = var.domain_name
  subject_alternative_names = var.subject_alternative_names
  validation_method         = "DNS"

  tags = merge(var.common_tags, {
    Name = var.domain_name
  })

  # Listeners keep pointing at the old certificate until the new one exists.
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  for_each = toset(local.validation_names)

  zone_id         = var.zone_id
  name            = local.validation_options[each.key].resource_record_name
  type            = local.validation_options[each.key].resource_record_type
  records         = [local.validation_options[each.key].resource_record_value]
  ttl             = 60
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}
