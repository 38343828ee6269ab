# The GitHub OIDC provider and the CI roles: IAM is free, nothing here
# depends on usage.
