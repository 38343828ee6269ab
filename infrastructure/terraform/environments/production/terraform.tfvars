aws_region = "us-east-1"

vpc_cidr = "10.0.0.0/16"

availability_zones = [
  "us-east-1a",
  "us-east-1b",
]

domain_name     = "taskmanager.example.com"
api_domain_name = "api.taskmanager.example.com"

# Immutable ECR tag of the release to run (the CI pipeline passes -var).
image_tag = "v1.2.3"

# No secrets here: the database password is RDS-managed, the application
# secrets are written to Secrets Manager write-only (never in state).
