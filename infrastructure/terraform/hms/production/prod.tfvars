# Production values (seed 003 "prod.tfvars"); `infra` passes this file with
# -var-file (stacks.hcl var_files). The seed's db_username/db_password are
# gone on purpose: RDS manages the master password in Secrets Manager, so no
# password is in this file, in the state or in a plan.
aws_region = "us-east-1"

availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]

domain_name = "hms.yourcompany.com"

backend_image  = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hms-backend:v1.2.0"
frontend_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hms-frontend:v1.2.0"

# A reserved instance is a financial commitment: bought only when set to true
# together with reserved_db_reservation_id (e.g. "hms-db-reservation").
purchase_reserved_db_instance = false
