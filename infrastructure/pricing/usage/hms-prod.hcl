# HMS production: a hospital system's staff and patients by day.
nat_data_gb             = 150
alb_lcu                 = 2
alb_public_ipv4         = 3   # internet-facing ALB in three zones
log_ingest_gb           = 30
cloudfront_data_gb      = 200 # the frontend's assets and API responses through CloudFront
cloudfront_requests_10k = 500 # 5 million requests a month
xray_traces_million     = 2

# Database backups (modules/hms: STANDARD_IA after 30 days, GLACIER after 90,
# expired after 365).
bucket "backups_bucket" {
  s3_standard_gb    = 20  # daily backups of the last 30 days
  s3_standard_ia_gb = 60  # 30-90 days
  s3_glacier_gb     = 200 # 90-365 days
}

bucket "static_bucket" {
  s3_standard_gb = 2 # the frontend's static assets
}
