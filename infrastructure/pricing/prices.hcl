# Price table of `infra cost`: AWS list prices in us-east-1 (the region of
# every stack), USD, on-demand unless the key says otherwise.
#
# Each price says what it is per (unit), where AWS publishes it (source),
# when it was written down (date) and whether it was checked against that
# page (confirmed); corroborated_by names a third-party page quoting the
# same figure, where one was found offline (not a confirmation). Prices written without reaching the page (this table was
# built offline) are confirmed = false: check them at the source before
# quoting a figure, or run `infra cost --refresh-prices` with AWS
# credentials, which rewrites usd/date/confirmed from the AWS Price List
# Query API for every price that has a `query`.
#
# Keys: <service>/<what>[/<variant>]. RDS instance hours are per instance
# (Multi-AZ is its own price, about twice single-AZ); reserved instances
# give the hourly rate and the upfront payment of the term.

region   = "us-east-1"
currency = "USD"

# ---------------------------------------------------------------- RDS MySQL
price "rds/mysql/db.t3.micro" {
  usd       = 0.017
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/mysql/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.t3.micro", databaseEngine = "MySQL", deploymentOption = "Single-AZ" }
}
price "rds/mysql/db.t4g.medium" {
  usd       = 0.065
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/mysql/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.t4g.medium", databaseEngine = "MySQL", deploymentOption = "Single-AZ" }
}
price "rds/mysql/db.t4g.medium/multi-az" {
  usd       = 0.13
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/mysql/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.t4g.medium", databaseEngine = "MySQL", deploymentOption = "Multi-AZ" }
}
price "rds/mysql/db.r6g.large" {
  usd       = 0.225
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/mysql/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.r6g.large", databaseEngine = "MySQL", deploymentOption = "Single-AZ" }
}
price "rds/mysql/db.r6g.xlarge" {
  usd       = 0.45
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/mysql/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.r6g.xlarge", databaseEngine = "MySQL", deploymentOption = "Single-AZ" }
}
price "rds/mysql/db.r6g.xlarge/multi-az" {
  usd       = 0.9
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/mysql/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.r6g.xlarge", databaseEngine = "MySQL", deploymentOption = "Multi-AZ" }
}

# ----------------------------------------------------------- RDS PostgreSQL
price "rds/postgres/db.t3.micro" {
  usd       = 0.018
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/postgresql/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.t3.micro", databaseEngine = "PostgreSQL", deploymentOption = "Single-AZ" }
}
price "rds/postgres/db.t3.medium" {
  usd       = 0.072
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/postgresql/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.t3.medium", databaseEngine = "PostgreSQL", deploymentOption = "Single-AZ" }
}
price "rds/postgres/db.t3.medium/multi-az" {
  usd       = 0.144
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/postgresql/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonRDS", instanceType = "db.t3.medium", databaseEngine = "PostgreSQL", deploymentOption = "Multi-AZ" }
}

# HMS production's reservation options (modules/hms: reserved_db_offering_type,
# default Partial Upfront, 1 year): hourly rate plus the upfront payment.
price "rds-ri/postgres/db.t3.medium/1yr/no-upfront" {
  usd       = 0.049
  upfront   = 0
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/postgresql/pricing/ (Reserved Instances tab)"
  date      = "2026-12-05"
  confirmed = false
}
price "rds-ri/postgres/db.t3.medium/1yr/partial-upfront" {
  usd       = 0.023
  upfront   = 204
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/postgresql/pricing/ (Reserved Instances tab)"
  date      = "2026-12-05"
  confirmed = false
}
price "rds-ri/postgres/db.t3.medium/1yr/all-upfront" {
  usd       = 0
  upfront   = 400
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/postgresql/pricing/ (Reserved Instances tab)"
  date      = "2026-12-05"
  confirmed = false
}
price "rds-ri/postgres/db.t3.medium/3yr/all-upfront" {
  usd       = 0
  upfront   = 790
  unit      = "hour"
  source    = "https://aws.amazon.com/rds/postgresql/pricing/ (Reserved Instances tab)"
  date      = "2026-12-05"
  confirmed = false
}

# ------------------------------------------------------------- RDS storage
price "rds/storage/gp3" {
  usd       = 0.115
  unit      = "GB-month"
  source    = "https://aws.amazon.com/rds/mysql/pricing/ (storage: General Purpose gp3)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/"
}
price "rds/storage/gp3/multi-az" {
  usd       = 0.23
  unit      = "GB-month"
  source    = "https://aws.amazon.com/rds/mysql/pricing/ (storage: General Purpose gp3, Multi-AZ)"
  date      = "2026-12-05"
  confirmed = false
}
price "rds/backup" {
  usd       = 0.095
  unit      = "GB-month"
  source    = "https://aws.amazon.com/rds/mysql/pricing/ (backup storage beyond 100% of provisioned storage)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/"
}

# -------------------------------------------------------------- ElastiCache
price "elasticache/cache.t4g.micro" {
  usd       = 0.016
  unit      = "hour"
  source    = "https://aws.amazon.com/elasticache/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonElastiCache", instanceType = "cache.t4g.micro", cacheEngine = "Redis" }
}
price "elasticache/cache.t4g.small" {
  usd       = 0.032
  unit      = "hour"
  source    = "https://aws.amazon.com/elasticache/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonElastiCache", instanceType = "cache.t4g.small", cacheEngine = "Redis" }
}
price "elasticache/cache.r7g.large" {
  usd       = 0.219
  unit      = "hour"
  source    = "https://aws.amazon.com/elasticache/pricing/"
  date      = "2026-12-05"
  confirmed = false
  query     = { service = "AmazonElastiCache", instanceType = "cache.r7g.large", cacheEngine = "Redis" }
}

# ------------------------------------------------------------------ Network
price "nat/hour" {
  usd       = 0.045
  unit      = "hour"
  source    = "https://aws.amazon.com/vpc/pricing/ (NAT gateway)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://basavytix.com/blog/aws-nat-gateway-pricing"
}
price "nat/gb" {
  usd       = 0.045
  unit      = "GB processed"
  source    = "https://aws.amazon.com/vpc/pricing/ (NAT gateway)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://basavytix.com/blog/aws-nat-gateway-pricing"
}
price "ipv4/hour" {
  usd       = 0.005
  unit      = "public IPv4 address-hour"
  source    = "https://aws.amazon.com/vpc/pricing/ (Public IPv4 addresses)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://cloudburn.io/blog/aws-nat-gateway-pricing"
}
price "alb/hour" {
  usd       = 0.0225
  unit      = "hour"
  source    = "https://aws.amazon.com/elasticloadbalancing/pricing/ (Application Load Balancer)"
  date      = "2026-12-05"
  confirmed = false
}
price "alb/lcu" {
  usd       = 0.008
  unit      = "LCU-hour"
  source    = "https://aws.amazon.com/elasticloadbalancing/pricing/ (Application Load Balancer)"
  date      = "2026-12-05"
  confirmed = false
}

# ------------------------------------------------------------------ Fargate
price "fargate/vcpu" {
  usd       = 0.04048
  unit      = "vCPU-hour"
  source    = "https://aws.amazon.com/fargate/pricing/ (Linux/x86)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://www.vantage.sh/blog/fargate-pricing"
}
price "fargate/gb" {
  usd       = 0.004445
  unit      = "GB-hour"
  source    = "https://aws.amazon.com/fargate/pricing/ (Linux/x86)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://www.vantage.sh/blog/fargate-pricing"
}
# Spot prices move with capacity; this is a typical us-east-1 figure (about
# 70 % below on-demand).
price "fargate-spot/vcpu" {
  usd       = 0.01236
  unit      = "vCPU-hour"
  source    = "https://aws.amazon.com/fargate/pricing/ (Fargate Spot)"
  date      = "2026-12-05"
  confirmed = false
}
price "fargate-spot/gb" {
  usd       = 0.00136
  unit      = "GB-hour"
  source    = "https://aws.amazon.com/fargate/pricing/ (Fargate Spot)"
  date      = "2026-12-05"
  confirmed = false
}

# ------------------------------------------------------- Edge, DNS, storage
price "cloudfront/gb" {
  usd       = 0.085
  unit      = "GB out (first 10 TB, North America/Europe)"
  source    = "https://aws.amazon.com/cloudfront/pricing/"
  date      = "2026-12-05"
  confirmed = false
}
price "cloudfront/10k-https" {
  usd       = 0.01
  unit      = "10,000 HTTPS requests"
  source    = "https://aws.amazon.com/cloudfront/pricing/"
  date      = "2026-12-05"
  confirmed = false
}
price "s3/standard" {
  usd       = 0.023
  unit      = "GB-month"
  source    = "https://aws.amazon.com/s3/pricing/ (S3 Standard, first 50 TB)"
  date      = "2026-12-05"
  confirmed = false
}
price "s3/standard-ia" {
  usd       = 0.0125
  unit      = "GB-month"
  source    = "https://aws.amazon.com/s3/pricing/ (S3 Standard-Infrequent Access)"
  date      = "2026-12-05"
  confirmed = false
}
price "s3/glacier" {
  usd       = 0.0036
  unit      = "GB-month"
  source    = "https://aws.amazon.com/s3/pricing/ (S3 Glacier Flexible Retrieval)"
  date      = "2026-12-05"
  confirmed = false
}
price "s3/1k-put" {
  usd       = 0.005
  unit      = "1,000 PUT/COPY/POST/LIST requests"
  source    = "https://aws.amazon.com/s3/pricing/ (requests)"
  date      = "2026-12-05"
  confirmed = false
}
price "route53/zone" {
  usd       = 0.5
  unit      = "hosted zone-month (first 25)"
  source    = "https://aws.amazon.com/route53/pricing/"
  date      = "2026-12-05"
  confirmed = false
}
price "route53/million-queries" {
  usd       = 0.4
  unit      = "million standard queries (alias queries to AWS resources are free)"
  source    = "https://aws.amazon.com/route53/pricing/"
  date      = "2026-12-05"
  confirmed = false
}
price "ecr/gb" {
  usd       = 0.1
  unit      = "GB-month"
  source    = "https://aws.amazon.com/ecr/pricing/"
  date      = "2026-12-05"
  confirmed = false
}

# -------------------------------------------------- Observability, secrets
price "logs/ingest" {
  usd       = 0.5
  unit      = "GB ingested (standard class)"
  source    = "https://aws.amazon.com/cloudwatch/pricing/ (Logs)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/"
}
price "logs/storage" {
  usd       = 0.03
  unit      = "GB-month archived"
  source    = "https://aws.amazon.com/cloudwatch/pricing/ (Logs)"
  date      = "2026-12-05"
  confirmed = false
}
price "cloudwatch/alarm" {
  usd       = 0.1
  unit      = "standard-resolution alarm-month"
  source    = "https://aws.amazon.com/cloudwatch/pricing/ (Alarms)"
  date      = "2026-12-05"
  confirmed = false
}
price "cloudwatch/dashboard" {
  usd       = 3
  unit      = "dashboard-month (the account's first 3 are free; not counted here)"
  source    = "https://aws.amazon.com/cloudwatch/pricing/ (Dashboards)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/"
}
price "cloudwatch/metric" {
  usd       = 0.3
  unit      = "custom metric-month (first 10,000)"
  source    = "https://aws.amazon.com/cloudwatch/pricing/ (Metrics)"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://signoz.io/guides/cloudwatch-pricing"
}
price "xray/million-traces" {
  usd       = 5
  unit      = "million traces recorded (first 100,000 a month free)"
  source    = "https://aws.amazon.com/xray/pricing/"
  date      = "2026-12-05"
  confirmed = false
}
price "kms/key" {
  usd       = 1
  unit      = "customer managed key-month"
  source    = "https://aws.amazon.com/kms/pricing/"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://www.wring.co/blog/aws-kms-pricing-guide"
}
price "kms/10k-requests" {
  usd       = 0.03
  unit      = "10,000 requests"
  source    = "https://aws.amazon.com/kms/pricing/"
  date      = "2026-12-05"
  confirmed = false
  # A third-party page (not AWS) quoting the same figure, read offline.
  corroborated_by = "https://www.wring.co/blog/aws-kms-pricing-guide"
}
price "secretsmanager/secret" {
  usd       = 0.4
  unit      = "secret-month"
  source    = "https://aws.amazon.com/secrets-manager/pricing/"
  date      = "2026-12-05"
  confirmed = false
}
price "secretsmanager/10k-calls" {
  usd       = 0.05
  unit      = "10,000 API calls"
  source    = "https://aws.amazon.com/secrets-manager/pricing/"
  date      = "2026-12-05"
  confirmed = false
}

# Resource types that cost nothing by themselves (configuration objects, or
# what they carry is priced on another resource, named after the colon).
free = [
  "aws_acm_certificate: public ACM certificates are free",
  "aws_acm_certificate_validation: a wait, not a resource",
  "aws_appautoscaling_policy: free",
  "aws_appautoscaling_target: free",
  "aws_cloudfront_origin_access_control: free",
  "aws_db_parameter_group: free",
  "aws_db_subnet_group: free",
  "aws_default_security_group: free",
  "aws_ecr_lifecycle_policy: free",
  "aws_ecr_repository_policy: free",
  "aws_ecs_cluster: free (tasks are priced on aws_ecs_service)",
  "aws_ecs_cluster_capacity_providers: free",
  "aws_ecs_task_definition: free (priced per running task on aws_ecs_service)",
  "aws_elasticache_parameter_group: free",
  "aws_elasticache_subnet_group: free",
  "aws_elasticache_user: free",
  "aws_elasticache_user_group: free",
  "aws_flow_log: free (its records are priced as ingestion on the log group)",
  "aws_iam_policy: IAM is free",
  "aws_iam_openid_connect_provider: IAM is free",
  "aws_iam_role: IAM is free",
  "aws_iam_role_policy: IAM is free",
  "aws_iam_role_policy_attachment: IAM is free",
  "aws_internet_gateway: free (data out is priced on CloudFront/NAT)",
  "aws_kms_alias: free",
  "aws_lb_listener: free (priced in the ALB's LCUs)",
  "aws_lb_listener_rule: free (priced in the ALB's LCUs)",
  "aws_lb_target_group: free",
  "aws_route: free",
  "aws_route53_record: free (queries are priced on the zone)",
  "aws_route_table: free",
  "aws_route_table_association: free",
  "aws_s3_bucket_lifecycle_configuration: free (transitions are negligible at these volumes)",
  "aws_s3_bucket_ownership_controls: free",
  "aws_s3_bucket_policy: free",
  "aws_s3_bucket_public_access_block: free",
  "aws_s3_bucket_server_side_encryption_configuration: free (SSE-KMS requests priced on the key)",
  "aws_s3_bucket_versioning: free (old versions are storage on the bucket)",
  "aws_secretsmanager_secret_version: free (priced per secret)",
  "aws_security_group: free",
  "aws_sns_topic: free (first 1,000 email notifications a month)",
  "aws_sns_topic_policy: free",
  "aws_sns_topic_subscription: free",
  "aws_subnet: free",
  "aws_vpc: free",
  "aws_vpc_security_group_egress_rule: free",
  "aws_vpc_security_group_ingress_rule: free",
  "terraform_data: not an AWS resource",
]
