# Production values (the HMS design's "prod.tfvars"); `infra` passes this
# file with -var-file (stacks.hcl var_files). The design's db_username and
# db_password are gone on purpose: the master password is generated into
# Secrets Manager and given to RDS write-only (never in a file, the state or
# a plan), and the backend logs in as the design's hms_prod user with IAM
# database authentication.
aws_region = "us-east-1"

availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]

# Its zone comes from the hms-global stack (delegate it once, see README).
domain_name = "hms.yourcompany.com"

# The design's images (hms-backend:v1.2.0, hms-frontend:v1.2.0), now in the
# account's own repositories (hms-global) instead of account 123456789012.
backend_image_tag  = "v1.2.0"
frontend_image_tag = "v1.2.0"

alarm_email_addresses = ["hms-oncall@yourcompany.com"]

# A reserved instance is a financial commitment: bought only when set to true
# together with reserved_db_reservation_id (e.g. "hms-db-reservation").
purchase_reserved_db_instance = false
