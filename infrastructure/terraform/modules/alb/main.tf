data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# The regional Elastic Load Balancing account that writes access logs in
# regions available before August 2022.
data "aws_elb_service_account" "current" {}

locals {
  name = "${var.environment}-${var.project}"

  default_target_group = one([for k, tg in var.target_groups : k if tg.path_patterns == null])

  # Validation makes priority explicit whenever there is more than one rule.
  listener_rules = {
    for k, tg in var.target_groups : k => {
      priority      = coalesce(tg.priority, 10)
      path_patterns = tg.path_patterns
    } if tg.path_patterns != null
  }

  ingress = {
    for pair in setproduct([80, 443], var.ingress_cidr_blocks) : "${pair[0]}-${pair[1]}" => {
      port = pair[0]
      cidr = pair[1]
    }
  }

  access_logs_bucket = "${local.name}-alb-logs-${data.aws_caller_identity.current.account_id}"
  access_logs_arn    = "arn:${data.aws_partition.current.partition}:s3:::${local.access_logs_bucket}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"
}

# -----------------------------------------------------------------------------
# Security group: 80/443 from the given CIDRs, egress only into the VPC
# -----------------------------------------------------------------------------

resource "aws_security_group" "this" {
  name        = "${local.name}-alb"
  description = "ALB ${local.name}: HTTP/HTTPS from allowed CIDRs, TCP to the VPC only"
  vpc_id      = var.vpc_id

  tags = merge(var.common_tags, {
    Name = "${local.name}-alb"
  })
}

resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each = local.ingress

  security_group_id = aws_security_group.this.id
  description       = each.value.port == 80 ? "HTTP from ${each.value.cidr} (redirected to HTTPS)" : "HTTPS from ${each.value.cidr}"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = strcontains(each.value.cidr, ":") ? null : each.value.cidr
  cidr_ipv6         = strcontains(each.value.cidr, ":") ? each.value.cidr : null

  tags = var.common_tags
}

resource "aws_vpc_security_group_egress_rule" "vpc" {
  security_group_id = aws_security_group.this.id
  description       = "TCP to targets and health checks inside the VPC"
  ip_protocol       = "tcp"
  from_port         = 0
  to_port           = 65535
  cidr_ipv4         = var.vpc_cidr

  tags = var.common_tags
}

# -----------------------------------------------------------------------------
# Access-log bucket (SSE-S3: ALB log delivery does not support SSE-KMS)
# -----------------------------------------------------------------------------

module "access_logs" {
  source = "../s3-bucket"
  count  = var.access_logs_enabled ? 1 : 0

  bucket_name        = local.access_logs_bucket
  force_destroy      = var.access_logs_force_destroy
  versioning_enabled = true
  kms_key_arn        = null

  lifecycle_rules = [{
    id                                 = "expire-access-logs"
    expiration_days                    = var.access_log_expiration_days
    noncurrent_version_expiration_days = 7
  }]

  policy_statements = jsonencode([
    {
      Sid       = "AllowELBAccountLogDelivery"
      Effect    = "Allow"
      Principal = { AWS = data.aws_elb_service_account.current.arn }
      Action    = "s3:PutObject"
      Resource  = local.access_logs_arn
    },
    {
      Sid       = "AllowELBServiceLogDelivery"
      Effect    = "Allow"
      Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = local.access_logs_arn
    },
  ])

  common_tags = var.common_tags
}

# -----------------------------------------------------------------------------
# Load balancer
# -----------------------------------------------------------------------------

# The zones of the given subnets, for the checks on the load balancer. Read
# while planning when the IDs are known (a stack passing existing subnets);
# in the compositions the subnets are created in the same run, so the read
# (and the checks) happen at apply, still before the load balancer is
# requested, and the networking module already gives one subnet per zone.
data "aws_subnet" "this" {
  count = length(var.subnet_ids)

  id = var.subnet_ids[count.index]
}

# The load balancer is the services' entry point from the internet (both
# designs put it in the public subnets); set internal = true to keep it inside.
# infra:waive INFRA-NET-006 until=2027-06-30 reason="public entry point of the services by design (both designs); internal = true is offered for private use"
#tfsec:ignore:aws-elb-alb-not-public:exp:2027-06-30
resource "aws_lb" "this" {
  name               = local.name
  load_balancer_type = "application"
  internal           = var.internal
  security_groups    = [aws_security_group.this.id]
  subnets            = var.subnet_ids

  idle_timeout               = var.idle_timeout
  enable_deletion_protection = var.deletion_protection
  drop_invalid_header_fields = true

  dynamic "access_logs" {
    for_each = var.access_logs_enabled ? [1] : []
    content {
      # ELB tests its write access when logging is switched on: wait for
      # the bucket policy (only; not the lifecycle configuration).
      bucket  = module.access_logs[0].bucket_id_after_policy
      enabled = true
    }
  }

  tags = merge(var.common_tags, {
    Name = local.name
  })

  lifecycle {
    precondition {
      condition     = length(distinct(data.aws_subnet.this[*].availability_zone)) >= 2
      error_message = "subnet_ids must be in at least two availability zones (an Application Load Balancer spans two or more); they are all in ${join(", ", distinct(data.aws_subnet.this[*].availability_zone))}."
    }
    precondition {
      condition     = length(distinct(data.aws_subnet.this[*].availability_zone)) == length(var.subnet_ids)
      error_message = "subnet_ids must hold at most one subnet per availability zone (a load balancer takes one subnet in each zone); zones given: ${join(", ", data.aws_subnet.this[*].availability_zone)}."
    }
  }
}

resource "aws_lb_target_group" "this" {
  for_each = var.target_groups

  name                 = "${local.name}-${each.key}"
  port                 = each.value.port
  protocol             = each.value.protocol
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = each.value.deregistration_delay

  health_check {
    enabled             = true
    path                = each.value.health_check_path
    matcher             = each.value.health_check_matcher
    protocol            = each.value.protocol
    port                = "traffic-port"
    interval            = 30
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = merge(var.common_tags, {
    Name = "${local.name}-${each.key}"
  })
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }

  tags = var.common_tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[local.default_target_group].arn
  }

  tags = var.common_tags
}

resource "aws_lb_listener_rule" "this" {
  for_each = local.listener_rules

  listener_arn = aws_lb_listener.https.arn
  priority     = each.value.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[each.key].arn
  }

  condition {
    path_pattern {
      values = each.value.path_patterns
    }
  }

  tags = var.common_tags
}
