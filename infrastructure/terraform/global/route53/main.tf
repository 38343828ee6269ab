provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.common_tags
  }
}

locals {
  project = "taskmanager"

  common_tags = {
    Environment = "global"
    Project     = local.project
    ManagedBy   = "terraform"
    Stack       = "global-route53"
    # Which stack owns a resource: `infra drift --unmanaged` finds resources
    # carrying it that are not in the stack's state (a run that died mid-apply).
    "infra:stack" = "global-route53"
  }

  caa_records = concat(
    [for ca in var.caa_issuers : "0 issue \"${ca}\""],
    var.caa_iodef == null ? [] : ["0 iodef \"${var.caa_iodef}\""],
  )
}

# The public zone of the domain. Environments find it with
# data "aws_route53_zone" { name = "<domain_name>" } and add their own
# ACM validation records and alias records; this stack owns only the zone
# and the records that concern the whole domain.
resource "aws_route53_zone" "main" {
  name          = var.domain_name
  comment       = "${local.project} public zone (managed by Terraform, global/route53)"
  force_destroy = var.force_destroy
}

# Only the listed CAs (ACM by default) may issue certificates for the domain
# and its subdomains.
resource "aws_route53_record" "caa" {
  zone_id = aws_route53_zone.main.zone_id
  name    = var.domain_name
  type    = "CAA"
  ttl     = 3600
  records = local.caa_records
}
