package infra.rules.configuration

import data.infra.testing as t

with_plan(extra) := object.union(t.dev([]), {"plan": object.union(t.dev([]).plan, extra)})

test_cfg_001_fails if {
	"INFRA-CFG-001" in t.ids(deny) with input as with_plan({"configuration": {"provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws"}}}})
}

test_cfg_001_passes if {
	not "INFRA-CFG-001" in t.ids(deny) with input as with_plan({"configuration": {"provider_config": {"aws": {"name": "aws", "full_name": "registry.terraform.io/hashicorp/aws", "version_constraint": "~> 5.100"}}}})
}

test_cfg_002_fails if {
	"INFRA-CFG-002" in t.ids(deny) with input as with_plan({"variables": {"db_password": {"value": "hunter2"}}})
}

test_cfg_002_passes if {
	not "INFRA-CFG-002" in t.ids(deny) with input as with_plan({"variables": {"db_password_secret_arn": {"value": "arn:aws:secretsmanager:us-east-1:111122223333:secret:x"}, "secret_version": {"value": 1}, "region": {"value": "us-east-1"}}})
}

test_cfg_003_fails if {
	"INFRA-CFG-003" in t.ids(deny) with input as object.union(t.dev([]), {"context": {"backend": {"type": "s3", "encrypt": false, "use_lockfile": true}}})
}

test_cfg_003_passes if {
	not "INFRA-CFG-003" in t.ids(deny) with input as t.dev([])
}

hardcoded(arn) := {"configuration": {"root_module": {"module_calls": {"app": {"module": {"resources": [{
	"address": "aws_iam_role_policy.p", "mode": "managed",
	"expressions": {"policy": {"constant_value": arn}},
}]}}}}}}

test_cfg_004_fails if {
	findings := deny with input as with_plan(hardcoded("{\"Resource\": \"arn:aws:s3:::b\", \"Principal\": \"arn:aws:iam::111122223333:root\"}"))
	some f in findings
	f.id == "INFRA-CFG-004"
	f.address == "module.app.aws_iam_role_policy.p"
}

test_cfg_004_passes if {
	not "INFRA-CFG-004" in t.ids(deny) with input as with_plan(hardcoded("arn:aws:iam::aws:policy/ReadOnlyAccess"))
}

root_resource := {"configuration": {"root_module": {"resources": [{"address": "aws_s3_bucket.extra", "mode": "managed"}]}}}

test_cfg_005_fails if {
	"INFRA-CFG-005" in t.ids(deny) with input as with_plan(root_resource)
}

test_cfg_005_passes if {
	not "INFRA-CFG-005" in t.ids(deny) with input as object.union(with_plan(root_resource), {"context": {"system": "hms", "environment": "global"}})
}

test_cfg_006_fails if {
	"INFRA-CFG-006" in t.ids(deny) with input as with_plan({"configuration": {"root_module": {"outputs": {"vpc_id": {"expression": {}}}}}})
}

test_cfg_006_passes if {
	not "INFRA-CFG-006" in t.ids(deny) with input as with_plan({"configuration": {"root_module": {"outputs": {"vpc_id": {"description": "ID of the VPC."}}}}})
}
