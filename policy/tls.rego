# Encryption in transit: HMS design, Security 2 "Encrypt data … in transit".
package infra.rules.tls

import data.infra.lib

rules := {
	"INFRA-TLS-001": {
		"severity": "HIGH",
		"title": "HTTPS listeners use a TLS 1.2-minimum security policy",
		"remediation": "Set ssl_policy to ELBSecurityPolicy-TLS13-1-2-2021-06 (the alb module's default).",
	},
	"INFRA-TLS-002": {
		"severity": "HIGH",
		"title": "HTTP listeners only redirect to HTTPS",
		"remediation": "Make the HTTP listener's default action a redirect to HTTPS (HTTP_301).",
	},
	"INFRA-TLS-003": {
		"severity": "MEDIUM",
		"title": "Application load balancers drop invalid HTTP header fields",
		"remediation": "Set drop_invalid_header_fields = true.",
	},
	"INFRA-TLS-004": {
		"severity": "HIGH",
		"title": "CloudFront serves a custom certificate with TLSv1.2 as the viewer minimum",
		"remediation": "Pass an ACM certificate (us-east-1) and minimum_protocol_version TLSv1.2_2021; the default *.cloudfront.net certificate allows TLSv1.",
	},
	"INFRA-TLS-005": {
		"severity": "HIGH",
		"title": "CloudFront behaviours redirect viewers to HTTPS",
		"remediation": "Set viewer_protocol_policy = redirect-to-https (or https-only) on every cache behaviour.",
	},
	"INFRA-TLS-006": {
		"severity": "MEDIUM",
		"title": "CloudFront reaches custom origins over HTTPS with TLSv1.2 only",
		"remediation": "Set origin_protocol_policy = https-only and origin_ssl_protocols = [\"TLSv1.2\"].",
	},
	"INFRA-TLS-007": {
		"severity": "HIGH",
		"title": "ElastiCache encrypts traffic in transit",
		"remediation": "Set transit_encryption_enabled = true (clients connect with rediss://).",
	},
	"INFRA-TLS-008": {
		"severity": "HIGH",
		"title": "Every S3 bucket policy denies requests without TLS",
		"remediation": "Add a Deny statement on s3:* when aws:SecureTransport is false (modules/s3-bucket always does).",
	},
	"INFRA-TLS-009": {
		"severity": "MEDIUM",
		"title": "RDS parameter groups refuse unencrypted connections",
		"remediation": "MySQL: require_secure_transport = 1; PostgreSQL: rds.force_ssl = 1 (the database module sets both).",
	},
}

tls12_policy(p) if regex.match(`^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)`, p)

listeners := [rc | some t in ["aws_lb_listener", "aws_alb_listener"]; some rc in lib.resources(t)]

deny contains lib.finding("INFRA-TLS-001", rc, "ssl_policy", sprintf("security policy %q allows TLS below 1.2", [p])) if {
	some rc in listeners
	lib.value(rc, "protocol") == "HTTPS"
	p := object.get(lib.after(rc), "ssl_policy", "")
	not tls12_policy(p)
	not lib.unknown(rc, "ssl_policy")
}

deny contains lib.finding("INFRA-TLS-002", rc, "default_action", "HTTP listener does not redirect to HTTPS") if {
	some rc in listeners
	lib.value(rc, "protocol") == "HTTP"
	not redirects(rc)
}

redirects(rc) if {
	a := lib.block(rc, "default_action")
	a.type == "redirect"
	a.redirect[0].protocol == "HTTPS"
}

deny contains lib.finding("INFRA-TLS-003", rc, "drop_invalid_header_fields", "invalid header fields are forwarded") if {
	some t in ["aws_lb", "aws_alb"]
	some rc in lib.resources(t)
	object.get(lib.after(rc), "load_balancer_type", "application") == "application"
	not lib.is_true(rc, "drop_invalid_header_fields")
}

distributions := lib.resources("aws_cloudfront_distribution")

deny contains lib.finding("INFRA-TLS-004", rc, "viewer_certificate.cloudfront_default_certificate", "uses the default *.cloudfront.net certificate (TLSv1 floor)") if {
	some rc in distributions
	lib.block(rc, "viewer_certificate").cloudfront_default_certificate == true
}

deny contains lib.finding("INFRA-TLS-004", rc, "viewer_certificate.minimum_protocol_version", sprintf("minimum protocol %q is below TLSv1.2", [v])) if {
	some rc in distributions
	not lib.block_unknown(rc, "viewer_certificate", "minimum_protocol_version")
	v := object.get(lib.block(rc, "viewer_certificate"), "minimum_protocol_version", "TLSv1")
	not startswith(v, "TLSv1.2")
	not startswith(v, "TLSv1.3")
}

behaviours(rc) := array.concat(
	[["default_cache_behavior", b] | some b in object.get(lib.after(rc), "default_cache_behavior", [])],
	[[sprintf("ordered_cache_behavior[%d]", [i]), b] | some i, b in object.get(lib.after(rc), "ordered_cache_behavior", [])],
)

deny contains lib.finding("INFRA-TLS-005", rc, sprintf("%s.viewer_protocol_policy", [name]), sprintf("viewer protocol policy %q lets viewers use HTTP", [b.viewer_protocol_policy])) if {
	some rc in distributions
	some [name, b] in behaviours(rc)
	not b.viewer_protocol_policy in {"redirect-to-https", "https-only"}
}

deny contains lib.finding("INFRA-TLS-006", rc, sprintf("origin[%d].custom_origin_config", [i]), sprintf("origin %q: %s", [o.origin_id, problem])) if {
	some rc in distributions
	some i, o in object.get(lib.after(rc), "origin", [])
	some c in object.get(o, "custom_origin_config", [])
	some problem in origin_problems(c)
}

origin_problems(c) := {p |
	some p in ["protocol policy is not https-only", "allows SSL/TLS below 1.2"]
	not origin_ok(c, p)
}

origin_ok(c, "protocol policy is not https-only") if c.origin_protocol_policy == "https-only"

origin_ok(c, "allows SSL/TLS below 1.2") if {
	every p in c.origin_ssl_protocols {
		p in {"TLSv1.2", "TLSv1.3"}
	}
}

deny contains lib.finding("INFRA-TLS-007", rc, "transit_encryption_enabled", "Redis traffic is not encrypted in transit") if {
	some rc in lib.resources("aws_elasticache_replication_group")
	not lib.is_true(rc, "transit_encryption_enabled")
}

deny contains lib.finding("INFRA-TLS-008", rc, "policy", "no bucket policy denies requests without TLS") if {
	some rc in lib.resources("aws_s3_bucket")
	not tls_only(rc)
}

tls_only(bucket) if {
	some p in lib.attached(bucket, "aws_s3_bucket_policy", "bucket", "bucket")
	lib.unknown(p, "policy")
}

tls_only(bucket) if {
	some p in lib.attached(bucket, "aws_s3_bucket_policy", "bucket", "bucket")
	some st in lib.statements(lib.value(p, "policy"))
	st.Effect == "Deny"
	lower(object.get(st, ["Condition", "Bool", "aws:SecureTransport"], "")) == "false"
}

tls_parameter := {"mysql": ["require_secure_transport", {"1", "ON", "on"}], "postgres": ["rds.force_ssl", {"1"}]}

deny contains lib.finding("INFRA-TLS-009", rc, "parameter", sprintf("%s is not set to %s", [param[0], concat(" or ", sort(param[1]))])) if {
	some rc in lib.resources("aws_db_parameter_group")
	some engine, param in tls_parameter
	startswith(lib.value(rc, "family"), engine)
	not enforced(rc, param)
}

enforced(rc, param) if {
	some p in object.get(lib.after(rc), "parameter", [])
	p.name == param[0]
	p.value in param[1]
}
