# Task Manager staging: CI and release testing.
nat_data_gb   = 50
alb_lcu       = 0.5
log_ingest_gb = 5
