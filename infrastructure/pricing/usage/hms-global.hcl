# HMS zones and images.
ecr_storage_gb          = 5
route53_queries_million = 2
