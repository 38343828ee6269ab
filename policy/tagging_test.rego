package infra.rules.tagging

import data.infra.testing as t

test_tag_001_fails if {
	"INFRA-TAG-001" in t.ids(deny) with input as t.dev([t.rc("aws_vpc", "main", {"tags_all": {"Project": "p", "Environment": "dev"}})])
}

test_tag_001_passes if {
	not "INFRA-TAG-001" in t.ids(deny) with input as t.dev([
		t.rc("aws_vpc", "main", {"tags_all": t.tags}),
		t.rc("aws_route", "untaggable", {"destination_cidr_block": "0.0.0.0/0"}),
	])
}

test_tag_002_fails if {
	"INFRA-TAG-002" in t.ids(deny) with input as t.prod([t.rc("aws_vpc", "main", {"tags_all": t.tags})])
}

test_tag_002_passes if {
	not "INFRA-TAG-002" in t.ids(deny) with input as t.dev([t.rc("aws_vpc", "main", {"tags_all": t.tags})])
}
