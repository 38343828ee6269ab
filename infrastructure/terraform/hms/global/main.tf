provider "aws" {
  region = var.aws_region

  default_tags {
    tags = local.common_tags
  }
}

locals {
  common_tags = {
    Environment = "global"
    Project     = "hms"
    ManagedBy   = "terraform"
    Stack       = "hms-global"
    # Which stack owns a resource: `infra drift --unmanaged` finds resources
    # carrying it that are not in the stack's state (a run that died mid-apply).
    "infra:stack" = "hms-global"
  }

  caa_records = [for ca in var.caa_issuers : "0 issue \"${ca}\""]
}

################################################################################
# DNS: what must exist (and be delegated) before the environments apply.
#
# The environments validate their certificates through these zones, and ACM
# can only see the validation records once the domain is delegated to the
# zone's name servers. A zone created in the same apply as its certificates
# would leave that apply waiting until the validation times out, so the
# zones live here: apply this stack, delegate the domain once (output
# `delegation`; `infra up` checks it and says what to do), then apply the
# environments.
################################################################################

module "zone" {
  source = "../../modules/dns"

  zone_name     = var.domain_name
  create_zone   = true
  alias_records = {}

  common_tags = local.common_tags
}

# One zone per environment below the domain, delegated from it here, so only
# the domain itself needs a delegation outside this stack.
module "environment_zone" {
  source   = "../../modules/dns"
  for_each = toset(var.environment_subdomains)

  zone_name     = "${each.value}.${var.domain_name}"
  create_zone   = true
  alias_records = {}

  common_tags = local.common_tags
}

resource "aws_route53_record" "environment_delegation" {
  for_each = module.environment_zone

  zone_id = module.zone.zone_id
  name    = "${each.key}.${var.domain_name}"
  type    = "NS"
  ttl     = 172800
  records = each.value.name_servers
}

# Only the listed CAs (ACM by default) may issue certificates for the domain
# and its subdomains.
resource "aws_route53_record" "caa" {
  zone_id = module.zone.zone_id
  name    = var.domain_name
  type    = "CAA"
  ttl     = 3600
  records = local.caa_records
}

################################################################################
# Images: the design's hms-backend and hms-frontend, in this account.
################################################################################

module "ecr" {
  source = "../../modules/ecr"

  project                     = "hms"
  repository_names            = var.repository_names
  kms_deletion_window_in_days = var.kms_deletion_window_in_days
  force_delete                = var.force_delete

  common_tags = local.common_tags
}
