output "oidc_provider_arn" {
  description = "ARN of the GitHub Actions OIDC identity provider."
  value       = aws_iam_openid_connect_provider.github.arn
}

output "apply_role_arn" {
  description = "ARN of the plan-and-apply role (role-to-assume in the workflow's main-branch and environment jobs)."
  value       = aws_iam_role.apply.arn
}

output "apply_role_name" {
  description = "Name of the plan-and-apply role."
  value       = aws_iam_role.apply.name
}

output "plan_role_arn" {
  description = "ARN of the read-only plan role (role-to-assume in pull-request plan jobs)."
  value       = aws_iam_role.plan.arn
}

output "plan_role_name" {
  description = "Name of the read-only plan role."
  value       = aws_iam_role.plan.name
}
