package infra.rules.iam

import data.infra.testing as t

role_policy(statements) := t.rc("aws_iam_role_policy", "p", {"policy": t.policy(statements)})

test_iam_001_fails if {
	"INFRA-IAM-001" in t.ids(deny) with input as t.dev([role_policy([{"Effect": "Allow", "Action": "*", "Resource": "*"}])])
}

test_iam_001_passes if {
	not "INFRA-IAM-001" in t.ids(deny) with input as t.dev([role_policy([{"Effect": "Deny", "Action": "*", "Resource": "*"}])])
}

test_iam_002_fails if {
	"INFRA-IAM-002" in t.ids(deny) with input as t.dev([role_policy([{"Effect": "Allow", "Action": ["s3:*"], "Resource": "arn:aws:s3:::b"}])])
}

test_iam_002_passes if {
	not "INFRA-IAM-002" in t.ids(deny) with input as t.dev([role_policy([{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"}])])
}

test_iam_003_fails if {
	"INFRA-IAM-003" in t.ids(deny) with input as t.dev([role_policy([{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}])])
}

test_iam_003_passes if {
	not "INFRA-IAM-003" in t.ids(deny) with input as t.dev([role_policy([
		{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "arn:aws:secretsmanager:us-east-1:111122223333:secret:x"},
		{"Effect": "Allow", "Action": ["logs:DescribeLogGroups", "iam:GetRole"], "Resource": "*"},
	])])
}

test_iam_004_fails if {
	p := t.rc("aws_s3_bucket_policy", "p", {"policy": t.policy([{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}])})
	"INFRA-IAM-004" in t.ids(deny) with input as t.dev([p])
}

test_iam_004_passes if {
	k := t.rc("aws_kms_key", "k", {"policy": t.policy([{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}}])})
	not "INFRA-IAM-004" in t.ids(deny) with input as t.dev([k])
}

trust(sub) := t.rc("aws_iam_role", "ci", {"assume_role_policy": t.policy([{
	"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity",
	"Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"},
	"Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": sub}},
}])})

test_iam_005_fails if {
	"INFRA-IAM-005" in t.ids(deny) with input as t.dev([trust(["repo:*"])])
}

test_iam_005_passes if {
	not "INFRA-IAM-005" in t.ids(deny) with input as t.dev([trust(["repo:acme/infra:ref:refs/heads/main", "repo:acme/infra:pull_request"])])
}

test_iam_006_fails if {
	"INFRA-IAM-006" in t.ids(deny) with input as t.dev([t.rc("aws_iam_access_key", "k", {"user": "ci"})])
}

test_iam_006_passes if {
	not "INFRA-IAM-006" in t.ids(deny) with input as t.dev([t.rc("aws_iam_role", "r", {"name": "ci"})])
}

test_iam_007_fails if {
	"INFRA-IAM-007" in t.ids(deny) with input as t.dev([t.rc("aws_iam_role_policy_attachment", "a", {"policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"})])
}

test_iam_007_passes if {
	not "INFRA-IAM-007" in t.ids(deny) with input as t.dev([t.rc("aws_iam_role_policy_attachment", "a", {"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})])
}

test_iam_008_fails if {
	"INFRA-IAM-008" in t.ids(deny) with input as t.dev([role_policy([{"Effect": "Allow", "Action": ["xray:PutTraceSegments"], "Resource": "*"}])])
}

test_iam_008_passes if {
	not "INFRA-IAM-008" in t.ids(deny) with input as t.dev([role_policy([
		{"Effect": "Allow", "Action": ["logs:DescribeLogGroups"], "Resource": "arn:aws:logs:us-east-1:111122223333:log-group:*"},
		{"Effect": "Deny", "Action": ["iam:CreateUser"], "Resource": "*"},
	])])
}

role_with_inline(declared) := doc if {
	role := object.union(t.rc("aws_iam_role", "task", {"inline_policy": [{"name": "exec", "policy": t.policy([{"Effect": "Allow", "Action": "xray:PutTraceSegments", "Resource": "*"}])}]}), {"module_address": "module.ecs"})
	cfg := {"root_module": {"module_calls": {"ecs": {"module": {"resources": [{"address": "aws_iam_role.task", "mode": "managed", "expressions": declared}]}}}}}
	base := t.dev([role])
	doc := object.union(base, {"plan": object.union(base.plan, {"configuration": cfg})})
}

test_iam_008_fails_declared_inline_policy if {
	"INFRA-IAM-008" in t.ids(deny) with input as role_with_inline({"inline_policy": [{"name": {"constant_value": "exec"}}]})
}

# The provider mirrors the role's aws_iam_role_policy resources into
# inline_policy: those are judged on the policy resources themselves.
test_iam_008_passes_read_back_inline_policy if {
	not "INFRA-IAM-008" in t.ids(deny) with input as role_with_inline({"name": {"constant_value": "task"}})
}
