aws_region = "us-east-1"

# The design's domain; dev gets dev.hms.yourcompany.com, delegated here.
domain_name            = "hms.yourcompany.com"
environment_subdomains = ["dev"]
