# Every Terraform root `infra` operates on. A stack's name is what the CLI
# takes; aliases keep the designs' words working (`infra plan dev`). A stack
# whose environment is "production" gets the production guards. Descriptions
# are shown by `infra stacks` and shell completion.
#
#   path        directory under infrastructure/terraform
#   system      taskmanager (the Task Manager design) | hms (the HMS design) | global
#   environment dev | staging | production | global

stack "tm-dev" {
  path        = "environments/dev"
  system      = "taskmanager"
  environment = "dev"
  aliases     = ["dev"]
  depends_on  = ["global-ecr", "global-route53"]
  description = "Task Manager development environment (README.md, environments/README.md)"
}

stack "tm-staging" {
  path        = "environments/staging"
  system      = "taskmanager"
  environment = "staging"
  aliases     = ["staging"]
  depends_on  = ["global-ecr", "global-route53"]
  description = "Task Manager staging environment: production's shape, smaller"
}

stack "tm-prod" {
  path        = "environments/production"
  system      = "taskmanager"
  environment = "production"
  aliases     = ["production", "prod"]
  depends_on  = ["global-ecr", "global-route53"]
  description = "Task Manager production environment; guarded (docs/runbooks/production-deploy-checklist.md)"
}

# Global stacks: shared by every Task Manager environment (the design's "global/").
stack "global-iam" {
  path        = "global/iam"
  system      = "global"
  environment = "global"
  aliases     = ["iam"]
  description = "GitHub Actions OIDC provider and the Terraform CI roles (global/iam/README.md)"
}

stack "global-ecr" {
  path        = "global/ecr"
  system      = "global"
  environment = "global"
  aliases     = ["ecr"]
  description = "ECR repositories of the Task Manager images (global/ecr/README.md)"
}

stack "global-route53" {
  path        = "global/route53"
  system      = "global"
  environment = "global"
  aliases     = ["route53"]
  description = "Public hosted zone of the Task Manager domain"
}

# HMS (the HMS design): one composition (modules/hms) per environment;
# production's values come from the design's prod.tfvars. hms-global holds
# what the environments need first: the delegated zones and the images.
stack "hms-global" {
  path        = "hms/global"
  system      = "hms"
  environment = "global"
  description = "HMS zones (hms.yourcompany.com, dev.hms.yourcompany.com) and ECR repositories (hms/global/README.md)"
}

stack "hms-dev" {
  path        = "hms/dev"
  system      = "hms"
  environment = "dev"
  aliases     = ["hms-development"]
  depends_on  = ["hms-global"]
  description = "HMS development environment: production's shape, smaller (modules/hms/README.md)"
}

stack "hms-prod" {
  path        = "hms/production"
  system      = "hms"
  environment = "production"
  aliases     = ["hms-production"]
  depends_on  = ["hms-global"]
  var_files   = ["prod.tfvars"]
  description = "HMS production environment (prod.tfvars); guarded"
}
