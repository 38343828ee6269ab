# State lives in the bucket `infra bootstrap` creates, next to the Task
# Manager's, under its own key. Endpoints and credentials are injected at run
# time (`infra init`), never here.
terraform {
  backend "s3" {
    bucket         = "taskmanager-terraform-state"
    key            = "hms/global/terraform.tfstate"
    region         = "us-east-1"
    encrypt        = true
    kms_key_id     = "alias/taskmanager-terraform-state"
    dynamodb_table = "terraform-state-lock"
    use_lockfile   = true
  }
}
