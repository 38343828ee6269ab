# State lives in the bucket `infra bootstrap` creates. Both lock mechanisms are
# on: the S3 lockfile (Terraform >= 1.11) and the design's DynamoDB table.
# Endpoints and credentials are injected at run time (`infra init`), never here.
terraform {
  backend "s3" {
    bucket         = "taskmanager-terraform-state"
    key            = "global/ecr/terraform.tfstate"
    region         = "us-east-1"
    encrypt        = true
    kms_key_id     = "alias/taskmanager-terraform-state"
    dynamodb_table = "terraform-state-lock"
    use_lockfile   = true
  }
}
