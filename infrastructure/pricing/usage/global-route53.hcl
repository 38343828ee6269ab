# The Task Manager zone: api and app records (alias queries to the ALB are free).
route53_queries_million = 1
