aws_region = "us-east-1"

availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]

# A zone of the hms-global stack, delegated from hms.yourcompany.com there.
domain_name = "dev.hms.yourcompany.com"

# Release tags in the hms-backend / hms-frontend repositories (hms-global).
backend_image_tag  = "v1.2.0"
frontend_image_tag = "v1.2.0"

alarm_email_addresses = ["hms-oncall@yourcompany.com"]

# No secrets here: the database master password is generated into Secrets
# Manager and given to RDS write-only; the backend logs in with IAM database
# authentication, and Redis users authenticate with IAM.
