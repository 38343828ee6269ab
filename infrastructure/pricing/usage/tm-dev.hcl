# Task Manager dev: developers only, little traffic.
nat_data_gb   = 20
alb_lcu       = 0.2
log_ingest_gb = 2
