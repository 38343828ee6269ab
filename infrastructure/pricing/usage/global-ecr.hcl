# Task Manager images: api and worker, the lifecycle policy keeps the last releases.
ecr_storage_gb = 10
