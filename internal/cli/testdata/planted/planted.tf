# Violations planted in a copy of the dev root by TestPolicyPlantedViolations:
# an unencrypted bucket, SSH open to the world, a missing tag and a wildcard
# IAM policy.

resource "aws_s3_bucket" "planted" {
  bucket = "planted-unencrypted-bucket"
}

resource "aws_security_group" "planted" {
  name        = "planted-ssh"
  description = "SSH from anywhere"
  vpc_id      = module.networking.vpc_id

  ingress {
    description = "SSH"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# A provider without default_tags: the topic carries only the tags it sets.
provider "aws" {
  alias  = "untagged"
  region = var.aws_region
}

resource "aws_sns_topic" "planted" {
  provider          = aws.untagged
  name              = "planted-untagged"
  kms_master_key_id = "alias/aws/sns"

  tags = {
    Project     = "taskmanager"
    Environment = "dev"
  }
}

resource "aws_iam_policy" "planted" {
  name = "planted-admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
