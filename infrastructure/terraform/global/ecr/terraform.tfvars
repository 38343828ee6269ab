aws_region = "us-east-1"

repository_names = [
  "taskmanager-api",
  "taskmanager-worker",
]
