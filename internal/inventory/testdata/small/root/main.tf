variable "replicas" {
  type    = number
  default = 0
}

variable "services" {
  type = map(object({
    cpu   = number
    count = optional(number, 1)
  }))
}

locals {
  # b depends on a, declared first: the reader resolves locals in any order.
  b       = "${local.a}-db"
  a       = "small"
  subnets = ["10.0.1.0/24", "10.0.2.0/24"]
}

resource "aws_subnet" "app" {
  count      = length(local.subnets)
  vpc_id     = aws_vpc.this.id
  cidr_block = local.subnets[count.index]
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_db_instance" "this" {
  identifier     = local.b
  instance_class = "db.t3.micro"
  engine         = "postgres"
  multi_az       = false
}

resource "aws_db_instance" "replica" {
  count               = var.replicas
  instance_class      = "db.t3.micro"
  replicate_source_db = aws_db_instance.this.identifier
}

resource "aws_eip" "maybe" {
  # Unknown until apply: counted once, marked uncertain.
  count = aws_vpc.this.id != "" ? 1 : 0
}

module "app" {
  source   = "../modules/app"
  for_each = var.services
  name     = each.key
  cpu      = each.value.cpu
  tasks    = each.value.count
  vpc_id   = aws_vpc.this.id
}
