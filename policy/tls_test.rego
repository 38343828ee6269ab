package infra.rules.tls

import data.infra.testing as t

test_tls_001_fails if {
	"INFRA-TLS-001" in t.ids(deny) with input as t.dev([t.rc("aws_lb_listener", "https", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"})])
}

test_tls_001_passes if {
	not "INFRA-TLS-001" in t.ids(deny) with input as t.dev([t.rc("aws_lb_listener", "https", {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})])
}

test_tls_002_fails if {
	l := t.rc("aws_lb_listener", "http", {"protocol": "HTTP", "default_action": [{"type": "forward", "redirect": []}]})
	"INFRA-TLS-002" in t.ids(deny) with input as t.dev([l])
}

test_tls_002_passes if {
	l := t.rc("aws_lb_listener", "http", {"protocol": "HTTP", "default_action": [{"type": "redirect", "redirect": [{"protocol": "HTTPS", "port": "443"}]}]})
	not "INFRA-TLS-002" in t.ids(deny) with input as t.dev([l])
}

test_tls_003_fails if {
	"INFRA-TLS-003" in t.ids(deny) with input as t.dev([t.rc("aws_lb", "lb", {"load_balancer_type": "application", "drop_invalid_header_fields": false})])
}

test_tls_003_passes if {
	not "INFRA-TLS-003" in t.ids(deny) with input as t.dev([t.rc("aws_lb", "lb", {"load_balancer_type": "application", "drop_invalid_header_fields": true})])
}

distribution(cert, behaviour_policy, origin) := t.rc("aws_cloudfront_distribution", "d", {
	"viewer_certificate": [cert],
	"default_cache_behavior": [{"viewer_protocol_policy": behaviour_policy}],
	"ordered_cache_behavior": [],
	"origin": [origin],
})

custom_cert := {"cloudfront_default_certificate": false, "acm_certificate_arn": "arn:aws:acm:us-east-1:111122223333:certificate/x", "minimum_protocol_version": "TLSv1.2_2021"}

s3_origin := {"origin_id": "s3", "custom_origin_config": []}

test_tls_004_fails if {
	d := distribution({"cloudfront_default_certificate": true, "minimum_protocol_version": "TLSv1"}, "redirect-to-https", s3_origin)
	"INFRA-TLS-004" in t.ids(deny) with input as t.dev([d])
}

test_tls_004_passes if {
	not "INFRA-TLS-004" in t.ids(deny) with input as t.dev([distribution(custom_cert, "redirect-to-https", s3_origin)])
}

test_tls_005_fails if {
	"INFRA-TLS-005" in t.ids(deny) with input as t.dev([distribution(custom_cert, "allow-all", s3_origin)])
}

test_tls_005_passes if {
	not "INFRA-TLS-005" in t.ids(deny) with input as t.dev([distribution(custom_cert, "https-only", s3_origin)])
}

test_tls_006_fails if {
	o := {"origin_id": "alb", "custom_origin_config": [{"origin_protocol_policy": "match-viewer", "origin_ssl_protocols": ["TLSv1", "TLSv1.2"]}]}
	"INFRA-TLS-006" in t.ids(deny) with input as t.dev([distribution(custom_cert, "redirect-to-https", o)])
}

test_tls_006_passes if {
	o := {"origin_id": "alb", "custom_origin_config": [{"origin_protocol_policy": "https-only", "origin_ssl_protocols": ["TLSv1.2"]}]}
	not "INFRA-TLS-006" in t.ids(deny) with input as t.dev([distribution(custom_cert, "redirect-to-https", o)])
}

test_tls_007_fails if {
	"INFRA-TLS-007" in t.ids(deny) with input as t.dev([t.rc("aws_elasticache_replication_group", "r", {"transit_encryption_enabled": false})])
}

test_tls_007_passes if {
	not "INFRA-TLS-007" in t.ids(deny) with input as t.dev([t.rc("aws_elasticache_replication_group", "r", {"transit_encryption_enabled": true})])
}

test_tls_008_fails if {
	p := t.rc("aws_s3_bucket_policy", "p", {"bucket": "b", "policy": t.policy([{"Effect": "Allow", "Principal": {"Service": "cloudfront.amazonaws.com"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}])})
	"INFRA-TLS-008" in t.ids(deny) with input as t.dev([t.rc("aws_s3_bucket", "b", {"bucket": "b"}), p])
}

test_tls_008_passes if {
	p := t.rc("aws_s3_bucket_policy", "p", {"bucket": "b", "policy": t.policy([{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}])})
	not "INFRA-TLS-008" in t.ids(deny) with input as t.dev([t.rc("aws_s3_bucket", "b", {"bucket": "b"}), p])
}

test_tls_009_fails if {
	g := t.rc("aws_db_parameter_group", "g", {"family": "postgres16", "parameter": [{"name": "log_connections", "value": "1"}]})
	"INFRA-TLS-009" in t.ids(deny) with input as t.dev([g])
}

test_tls_009_passes if {
	g := t.rc("aws_db_parameter_group", "g", {"family": "mysql8.0", "parameter": [{"name": "require_secure_transport", "value": "1"}]})
	not "INFRA-TLS-009" in t.ids(deny) with input as t.dev([g])
}
