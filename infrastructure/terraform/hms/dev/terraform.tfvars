aws_region = "us-east-1"

availability_zones = ["us-east-1a", "us-east-1b", "us-east-1c"]

domain_name = "dev.hms.yourcompany.com"

backend_image  = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hms-backend:v1.2.0"
frontend_image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/hms-frontend:v1.2.0"

# No secrets here: the database password is managed by RDS in Secrets
# Manager; Redis users authenticate with IAM.
