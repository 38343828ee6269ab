# Every Terraform root `infra` operates on. A stack's name is what the CLI
# takes; aliases keep the seeds' words working (`infra plan dev`). A stack
# whose environment is "production" gets the production guards.
#
#   path        directory under infrastructure/terraform
#   system      taskmanager (seed 000) | hms (seed 003) | global
#   environment dev | staging | production | global

stack "tm-dev" {
  path        = "environments/dev"
  system      = "taskmanager"
  environment = "dev"
  aliases     = ["dev"]
  description = "Task Manager development environment (seed 000)"
}
