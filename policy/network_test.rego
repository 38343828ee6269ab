package infra.rules.network

import data.infra.testing as t

ssh_world := t.rc("aws_vpc_security_group_ingress_rule", "ssh", {"ip_protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_ipv4": "0.0.0.0/0", "security_group_id": "sg-1"})

https_world := t.rc("aws_vpc_security_group_ingress_rule", "https", {"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "0.0.0.0/0", "security_group_id": "sg-1"})

group := t.rc("aws_security_group", "g", {"id": "sg-1", "vpc_id": "vpc-1", "ingress": []})

test_net_001_fails if {
	"INFRA-NET-001" in t.ids(deny) with input as t.dev([group, ssh_world])
}

test_net_001_fails_inline_all_ports if {
	g := t.rc("aws_security_group", "g", {"vpc_id": "vpc-1", "ingress": [{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"]}]})
	"INFRA-NET-001" in t.ids(deny) with input as t.dev([g])
}

test_net_001_passes if {
	not "INFRA-NET-001" in t.ids(deny) with input as t.dev([group, https_world])
}

test_net_002_fails if {
	r := t.rc("aws_security_group_rule", "db", {"type": "ingress", "protocol": "tcp", "from_port": 5432, "to_port": 5432, "cidr_blocks": ["10.0.0.0/8"]})
	"INFRA-NET-002" in t.ids(deny) with input as t.dev([r])
}

test_net_002_passes if {
	r := t.rc("aws_vpc_security_group_ingress_rule", "db", {"ip_protocol": "tcp", "from_port": 5432, "to_port": 5432, "referenced_security_group_id": "sg-app"})
	not "INFRA-NET-002" in t.ids(deny) with input as t.dev([r])
}

test_net_003_fails if {
	"INFRA-NET-003" in t.ids(deny) with input as t.dev([group, https_world])
}

test_net_003_passes if {
	lb := t.rc("aws_lb", "lb", {"internal": false, "security_groups": ["sg-1"]})
	not "INFRA-NET-003" in t.ids(deny) with input as t.dev([group, https_world, lb])
}

test_net_004_fails if {
	"INFRA-NET-004" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"publicly_accessible": true})])
}

test_net_004_passes if {
	not "INFRA-NET-004" in t.ids(deny) with input as t.dev([t.rc("aws_db_instance", "db", {"publicly_accessible": false})])
}

test_net_005_fails if {
	"INFRA-NET-005" in t.ids(deny) with input as t.dev([t.rc("aws_security_group", "g", {"vpc_id": null})])
}

test_net_005_fails_default_vpc if {
	"INFRA-NET-005" in t.ids(deny) with input as t.dev([t.rc("aws_default_vpc", "d", {})])
}

test_net_005_passes if {
	not "INFRA-NET-005" in t.ids(deny) with input as t.dev([t.unknown_rc("aws_security_group", "g", {}, ["vpc_id"])])
}

test_net_006_fails if {
	"INFRA-NET-006" in t.ids(deny) with input as t.dev([t.rc("aws_lb", "lb", {"internal": false})])
}

test_net_006_passes if {
	not "INFRA-NET-006" in t.ids(deny) with input as t.dev([t.rc("aws_lb", "lb", {"internal": true})])
}

test_net_007_fails if {
	"INFRA-NET-007" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_service", "s", {"network_configuration": [{"assign_public_ip": true}]})])
}

test_net_007_passes if {
	not "INFRA-NET-007" in t.ids(deny) with input as t.dev([t.rc("aws_ecs_service", "s", {"network_configuration": [{"assign_public_ip": false}]})])
}

test_net_008_fails if {
	"INFRA-NET-008" in t.ids(deny) with input as t.dev([t.rc("aws_vpc", "v", {"id": "vpc-1"})])
}

test_net_008_passes if {
	not "INFRA-NET-008" in t.ids(deny) with input as t.dev([
		t.rc("aws_vpc", "v", {"id": "vpc-1"}),
		t.rc("aws_default_security_group", "d", {"vpc_id": "vpc-1", "ingress": [], "egress": []}),
	])
}
