aws_region = "us-east-1"

domain_name = "taskmanager.example.com"
