locals {
  rule_name = coalesce(var.rule_name, substr("${var.environment}-${var.project}", 0, 32))

  # What the X-Ray SDK / daemon (or ADOT collector) in a task needs: send
  # segments and telemetry, and fetch the sampling rules and targets so this
  # rule applies. X-Ray does not support resource-level permissions here.
  task_role_policy = {
    Version = "2012-10-17"
    Statement = [{
      Sid    = "XRayWriteAndSample"
      Effect = "Allow"
      Action = [
        "xray:GetSamplingRules",
        "xray:GetSamplingStatisticSummaries",
        "xray:GetSamplingTargets",
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ]
      Resource = "*"
    }]
  }
}

resource "aws_xray_sampling_rule" "this" {
  rule_name      = local.rule_name
  priority       = var.priority
  reservoir_size = var.reservoir_size
  fixed_rate     = var.fixed_rate
  service_name   = var.service_name
  service_type   = var.service_type
  host           = var.host
  http_method    = var.http_method
  url_path       = var.url_path
  resource_arn   = var.resource_arn
  version        = 1
  attributes     = var.attributes

  tags = merge(var.common_tags, {
    Name = local.rule_name
  })
}
