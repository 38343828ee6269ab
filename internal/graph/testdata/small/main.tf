# A small stack for the picture goldens: one of everything the pictures
# group (tiers, ALB, listeners, target groups, services, database with a
# replica, Redis, buckets, CloudFront, DNS, alarms). Never applied.
locals {
  services = {
    web    = { cpu = 512, memory = 1024, count = 2, port = 8080 }
    worker = { cpu = 256, memory = 512, count = 1, port = null }
  }
  web_services = { for k, v in local.services : k => v if v.port != null }
}

resource "aws_vpc" "this" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_subnet" "public" {
  count  = 2
  vpc_id = aws_vpc.this.id
}

resource "aws_subnet" "private_app" {
  count  = 2
  vpc_id = aws_vpc.this.id
}

resource "aws_subnet" "private_data" {
  count  = 2
  vpc_id = aws_vpc.this.id
}

resource "aws_nat_gateway" "this" {
  subnet_id = aws_subnet.public[0].id
}

resource "aws_lb" "this" {
  name    = "small-alb"
  subnets = aws_subnet.public[*].id
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"
}

resource "aws_lb_target_group" "this" {
  for_each = local.web_services
  port     = each.value.port
  protocol = "HTTP"
}

resource "aws_ecs_cluster" "this" {
  name = "small"
}

resource "aws_ecs_task_definition" "this" {
  for_each = local.services
  family   = each.key
  cpu      = tostring(each.value.cpu)
  memory   = tostring(each.value.memory)
}

resource "aws_ecs_service" "this" {
  for_each      = local.services
  name          = each.key
  cluster       = aws_ecs_cluster.this.id
  desired_count = each.value.count
}

resource "aws_appautoscaling_target" "this" {
  for_each     = local.services
  min_capacity = each.value.count
  max_capacity = each.value.count * 4
}

resource "aws_db_instance" "this" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  multi_az          = true
}

resource "aws_db_instance" "replica" {
  replicate_source_db = aws_db_instance.this.identifier
  instance_class      = "db.t3.micro"
}

resource "aws_elasticache_replication_group" "this" {
  node_type          = "cache.t4g.micro"
  num_cache_clusters = 2
}

resource "aws_s3_bucket" "static" {
  bucket = "small-static"
}

resource "aws_cloudfront_distribution" "this" {
  price_class = "PriceClass_100"
}

resource "aws_route53_zone" "main" {
  name = "small.example.com"
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "www"
}

resource "aws_sns_topic" "alarms" {
  name = "small-alarms"
}

resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name    = "small-db-cpu"
  alarm_actions = [aws_sns_topic.alarms.arn]
}

resource "aws_kms_key" "this" {}
