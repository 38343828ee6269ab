# tflint for infrastructure/terraform (roots and the module library):
#
#   go install github.com/terraform-linters/tflint@v0.64.0
#   tflint --chdir=infrastructure/terraform --recursive --config="$PWD/.tflint.hcl"
#
# The terraform ruleset is built into tflint (no plugin download). A Go
# test (tests/modules TestTflint) runs exactly this and fails on any issue.

config {
  # Lint what local module calls pass in as well as each directory alone.
  call_module_type = "local"
}

plugin "terraform" {
  enabled = true
  preset  = "recommended"
}

# snake_case names for every block.
rule "terraform_naming_convention" {
  enabled = true
}

# Every variable and output says what it is for (the module READMEs'
# tables are generated from these descriptions: infra docs).
rule "terraform_documented_variables" {
  enabled = true
}

rule "terraform_documented_outputs" {
  enabled = true
}

# main.tf, variables.tf, outputs.tf, versions.tf in every module.
rule "terraform_standard_module_structure" {
  enabled = true
}

# No variable, local or data source that nothing reads.
rule "terraform_unused_declarations" {
  enabled = true
}
