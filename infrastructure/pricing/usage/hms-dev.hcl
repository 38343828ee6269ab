# HMS dev: developers only.
nat_data_gb             = 20
alb_lcu                 = 0.2
alb_public_ipv4         = 3
log_ingest_gb           = 2
cloudfront_data_gb      = 5
cloudfront_requests_10k = 10
xray_traces_million     = 0.05
