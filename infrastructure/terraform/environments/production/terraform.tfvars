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

# Alarms go to these addresses (each confirms the subscription AWS mails it).
alarm_email_addresses = ["platform-oncall@taskmanager.example.com"]

# No secrets here: the database master password is generated into Secrets
# Manager and given to RDS write-only; the application logs in with IAM
# database authentication; its own secrets are written write-only. Nothing
# secret is in state or a plan.
