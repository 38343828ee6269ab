aws_region = "us-east-1"

# The repository whose workflows may assume the roles (no secrets here).
github_repository = "taskmanager-platform/infra"
