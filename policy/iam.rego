# Least privilege: HMS design, Security 1 "Grant minimal required
# permissions" and Security 4 "Implement proper IAM policies".
# Policy documents are checked when known at plan time; a document built
# from ARNs created in the same run is known, and checked, from the next plan
# on.
package infra.rules.iam

import data.infra.lib

rules := {
	"INFRA-IAM-001": {
		"severity": "HIGH",
		"title": "No identity policy allows every action on every resource",
		"remediation": "List the actions the principal needs and the resources it needs them on.",
	},
	"INFRA-IAM-002": {
		"severity": "HIGH",
		"title": "No identity policy allows a whole service (\"service:*\") unless a waiver documents why",
		"remediation": "List the service's actions the principal uses, or waive INFRA-IAM-002 above the policy with the reason.",
	},
	"INFRA-IAM-003": {
		"severity": "HIGH",
		"title": "Sensitive actions (IAM, KMS, Secrets Manager, STS, S3 data, SSM parameters writes and secret reads) are scoped to resources, not \"*\"",
		"remediation": "Name the resources (ARNs built from names or data sources) the action is needed on.",
	},
	"INFRA-IAM-004": {
		"severity": "HIGH",
		"title": "No resource policy allows anyone (Principal \"*\") without a condition",
		"remediation": "Name the principal (account, service, role) or add a condition such as aws:SourceAccount or kms:CallerAccount.",
	},
	"INFRA-IAM-005": {
		"severity": "HIGH",
		"title": "GitHub OIDC trust policies pin the audience and the repository's subjects",
		"remediation": "Condition on token.actions.githubusercontent.com:aud = sts.amazonaws.com and :sub = repo:<owner>/<repo>:….",
	},
	"INFRA-IAM-006": {
		"severity": "MEDIUM",
		"title": "No IAM users, access keys or console passwords: people and CI use roles",
		"remediation": "Use SSO for people and OIDC roles for CI (global/iam).",
	},
	"INFRA-IAM-008": {
		"severity": "MEDIUM",
		"title": "Identity policy statements on Resource \"*\" are documented exceptions (actions AWS does not scope by resource)",
		"remediation": "Name the resources; where AWS offers no resource-level permissions, waive INFRA-IAM-008 above the policy saying so.",
	},
	"INFRA-IAM-007": {
		"severity": "HIGH",
		"title": "No AWS-managed administrator policy (AdministratorAccess, PowerUserAccess, IAMFullAccess) is attached",
		"remediation": "Attach a policy listing what the role manages.",
	},
}

identity_types := ["aws_iam_role_policy", "aws_iam_policy", "aws_iam_user_policy", "aws_iam_group_policy"]

resource_policy_types := {
	"aws_s3_bucket_policy": "policy",
	"aws_kms_key": "policy",
	"aws_sns_topic_policy": "policy",
	"aws_ecr_repository_policy": "policy",
	"aws_secretsmanager_secret_policy": "policy",
	"aws_sqs_queue_policy": "policy",
}

# identity_statements: {"rc", "attribute", "st"} for every statement of an identity policy.
identity_statements contains {"rc": rc, "attribute": "policy", "st": st} if {
	some t in identity_types
	some rc in lib.resources(t)
	some st in lib.statements(lib.value(rc, "policy"))
}

# A role's inline_policy is also what the provider reads back from the
# role's aws_iam_role_policy resources: only a declared one is the role's own.
identity_statements contains {"rc": rc, "attribute": sprintf("inline_policy[%d].policy", [i]), "st": st} if {
	some rc in lib.resources("aws_iam_role")
	"inline_policy" in object.keys(object.get(lib.config(rc), "expressions", {}))
	some i, p in object.get(lib.after(rc), "inline_policy", [])
	some st in lib.statements(object.get(p, "policy", null))
}

deny contains lib.finding("INFRA-IAM-001", s.rc, s.attribute, sprintf("statement %s allows %q on \"*\"", [sid(s.st), a])) if {
	some s in identity_statements
	lib.allows(s.st)
	some a in lib.actions(s.st)
	a in {"*", "*:*"}
	"*" in lib.policy_resources(s.st)
}

deny contains lib.finding("INFRA-IAM-002", s.rc, s.attribute, sprintf("statement %s allows %q", [sid(s.st), a])) if {
	some s in identity_statements
	lib.allows(s.st)
	some a in lib.actions(s.st)
	parts := split(a, ":")
	count(parts) == 2
	parts[1] == "*"
}

sensitive_services := {"iam", "kms", "secretsmanager", "sts", "s3", "ssm", "organizations"}

secret_reads := {"getsecretvalue", "getobject", "getobjectversion", "getparameter", "getparameters", "getparametersbypath"}

read_only(verb) if startswith(verb, "describe")

read_only(verb) if startswith(verb, "list")

read_only(verb) if {
	startswith(verb, "get")
	not verb in secret_reads
}

sensitive(a) if {
	parts := split(lower(a), ":")
	count(parts) == 2
	parts[0] in sensitive_services
	parts[1] != "*"
	not read_only(parts[1])
}

deny contains lib.finding("INFRA-IAM-003", s.rc, s.attribute, sprintf("statement %s allows %q on \"*\"", [sid(s.st), a])) if {
	some s in identity_statements
	lib.allows(s.st)
	"*" in lib.policy_resources(s.st)
	some a in lib.actions(s.st)
	sensitive(a)
}

deny contains lib.finding("INFRA-IAM-008", s.rc, s.attribute, sprintf("statement %s allows %s on \"*\"", [sid(s.st), concat(", ", sort(lib.actions(s.st)))])) if {
	some s in identity_statements
	lib.allows(s.st)
	"*" in lib.policy_resources(s.st)
}

anyone(st) if object.get(st, "Principal", null) == "*"

anyone(st) if "*" in lib.as_list(object.get(object.get(st, "Principal", {}), "AWS", []))

deny contains lib.finding("INFRA-IAM-004", rc, attr, sprintf("statement %s allows anyone without a condition", [sid(st)])) if {
	some t, attr in resource_policy_types
	some rc in lib.resources(t)
	some st in lib.statements(lib.value(rc, attr))
	lib.allows(st)
	anyone(st)
	count(object.get(st, "Condition", {})) == 0
}

github := "token.actions.githubusercontent.com"

github_trust(st) if {
	"sts:AssumeRoleWithWebIdentity" in lib.actions(st)
	some f in lib.as_list(object.get(object.get(st, "Principal", {}), "Federated", []))
	contains(f, github)
}

# condition_values(st, key) are the values any operator of the statement gives key.
condition_values(st, key) := {v | some _, op in object.get(st, "Condition", {}); some v in lib.as_list(object.get(op, key, []))}

pinned_subject(v) if regex.match(`^repo:[^/*:]+/[^/*:]+:.+$`, v)

deny contains lib.finding("INFRA-IAM-005", rc, "assume_role_policy", sprintf("GitHub OIDC statement %s: %s", [sid(st), problem])) if {
	some rc in lib.resources("aws_iam_role")
	some st in lib.statements(lib.value(rc, "assume_role_policy"))
	lib.allows(st)
	github_trust(st)
	some problem in trust_problems(st)
}

trust_problems(st) := {p |
	some p in ["audience is not pinned to sts.amazonaws.com", "subject is not pinned to one repository"]
	not trust_ok(st, p)
}

trust_ok(st, "audience is not pinned to sts.amazonaws.com") if condition_values(st, sprintf("%s:aud", [github])) == {"sts.amazonaws.com"}

trust_ok(st, "subject is not pinned to one repository") if {
	subs := condition_values(st, sprintf("%s:sub", [github]))
	count(subs) > 0
	every v in subs {
		pinned_subject(v)
	}
}

deny contains lib.finding("INFRA-IAM-006", rc, "name", sprintf("%s creates long-lived credentials", [rc.type])) if {
	some t in ["aws_iam_user", "aws_iam_access_key", "aws_iam_user_login_profile"]
	some rc in lib.resources(t)
}

admin_policies := {"AdministratorAccess", "PowerUserAccess", "IAMFullAccess"}

deny contains lib.finding("INFRA-IAM-007", rc, "policy_arn", sprintf("attaches %s", [arn])) if {
	some t in ["aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment"]
	some rc in lib.resources(t)
	arn := lib.value(rc, "policy_arn")
	is_string(arn)
	parts := split(arn, "/")
	parts[count(parts) - 1] in admin_policies
	contains(arn, ":iam::aws:policy/")
}

sid(st) := sprintf("%q", [st.Sid]) if st.Sid

sid(st) := "(no Sid)" if not st.Sid
