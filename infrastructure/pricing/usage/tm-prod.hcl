# Task Manager production: a small production service. Raise these from
# the Cost Explorer figures once the service has a month of history.
nat_data_gb              = 300  # image pulls on every deploy and scale-out, AWS APIs, outbound calls
alb_lcu                  = 5    # ~125 new connections/s or 5 GB/h processed at peak, averaged
log_ingest_gb            = 60   # API request logs at INFO, worker logs, RDS and Redis slow logs, VPC flow logs
db_backup_gb_beyond_free = 50   # 30-day retention of a database that changes daily
secrets_calls_10k        = 2    # every task start reads its secrets (5-50 API, 5-100 workers)
