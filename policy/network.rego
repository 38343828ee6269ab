# Network isolation: Task Manager design, DON'T 5 "Don't use default VPC";
# HMS design, Security 3 "Use private subnets for sensitive resources".
package infra.rules.network

import data.infra.lib

rules := {
	"INFRA-NET-001": {
		"severity": "HIGH",
		"title": "Ingress from anywhere (0.0.0.0/0, ::/0) only on ports 80 and 443",
		"remediation": "Narrow the port to 80/443 (load balancers only) or the source to a security group or private CIDR.",
	},
	"INFRA-NET-002": {
		"severity": "HIGH",
		"title": "No administration or database port (22, 3389, 3306, 5432, 6379, 1433, 27017) is open to a CIDR range",
		"remediation": "Reach instances with SSM/ECS Exec; allow database ports only from the application's security group.",
	},
	"INFRA-NET-003": {
		"severity": "MEDIUM",
		"title": "Only a load balancer's security group is open to anywhere on 80/443",
		"remediation": "Put the service behind the load balancer and allow ingress from the load balancer's security group.",
	},
	"INFRA-NET-004": {
		"severity": "HIGH",
		"title": "RDS instances are not publicly accessible",
		"remediation": "Set publicly_accessible = false; place the instance in the private data subnets.",
	},
	"INFRA-NET-005": {
		"severity": "MEDIUM",
		"title": "Nothing is placed in or adopts the default VPC",
		"remediation": "Create a VPC (modules/networking) and set vpc_id on every security group.",
	},
	"INFRA-NET-006": {
		"severity": "HIGH",
		"title": "Load balancers are internal unless declared public by a waiver",
		"remediation": "Set internal = true, or waive INFRA-NET-006 above the aws_lb block saying why it faces the internet.",
	},
	"INFRA-NET-007": {
		"severity": "HIGH",
		"title": "ECS tasks get no public IP address",
		"remediation": "Set network_configuration.assign_public_ip = false and run tasks in private subnets behind NAT.",
	},
	"INFRA-NET-008": {
		"severity": "LOW",
		"title": "Every VPC's default security group has no rules",
		"remediation": "Declare aws_default_security_group with empty ingress and egress for the VPC (modules/networking does).",
	},
}

world := {"0.0.0.0/0", "::/0"}

admin_ports := [22, 3389, 3306, 5432, 6379, 1433, 27017]

all_protocols := {"-1", "all"}

# ingress is every ingress permission: {"address", "attribute", "cidrs",
# "from", "to", "all"} (rc(p) is its resource).
ingress contains {"address": rc.address, "attribute": sprintf("ingress[%d]", [i]), "cidrs": cidrs, "from": object.get(r, "from_port", 0), "to": object.get(r, "to_port", 0), "all": r.protocol in all_protocols} if {
	some rc in lib.resources("aws_security_group")
	some i, r in object.get(lib.after(rc), "ingress", [])
	cidrs := {c | some c in array.concat(object.get(r, "cidr_blocks", []), object.get(r, "ipv6_cidr_blocks", []))}
}

ingress contains {"address": rc.address, "attribute": "cidr_blocks", "cidrs": cidrs, "from": lib.value(rc, "from_port"), "to": lib.value(rc, "to_port"), "all": lib.value(rc, "protocol") in all_protocols} if {
	some rc in lib.resources("aws_security_group_rule")
	lib.value(rc, "type") == "ingress"
	cidrs := {c | some c in array.concat(object.get(lib.after(rc), "cidr_blocks", []), object.get(lib.after(rc), "ipv6_cidr_blocks", []))}
}

ingress contains {"address": rc.address, "attribute": attr, "cidrs": {cidr}, "from": object.get(lib.after(rc), "from_port", 0), "to": object.get(lib.after(rc), "to_port", 0), "all": lib.value(rc, "ip_protocol") in all_protocols} if {
	some rc in lib.resources("aws_vpc_security_group_ingress_rule")
	some attr in ["cidr_ipv4", "cidr_ipv6"]
	cidr := lib.value(rc, attr)
	is_string(cidr)
}

by_address[rc.address] := rc if {
	some t in ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"]
	some rc in lib.resources(t)
}

rc(p) := by_address[p.address]

covers(p, port) if p.all

covers(p, port) if {
	not p.all
	p.from <= port
	port <= p.to
}

web_only(p) if {
	not p.all
	p.from == p.to
	p.from in {80, 443}
}

ports(p) := "all ports" if p.all

ports(p) := sprintf("port %d", [p.from]) if {
	not p.all
	p.from == p.to
}

ports(p) := sprintf("ports %d-%d", [p.from, p.to]) if {
	not p.all
	p.from != p.to
}

deny contains lib.finding("INFRA-NET-001", rc(p), p.attribute, sprintf("%s open to %s", [ports(p), concat(", ", sort([c | some c in p.cidrs; c in world]))])) if {
	some p in ingress
	some c in p.cidrs
	c in world
	not web_only(p)
}

deny contains lib.finding("INFRA-NET-002", rc(p), p.attribute, sprintf("port %d open to %s", [port, concat(", ", sort(p.cidrs))])) if {
	some p in ingress
	count(p.cidrs) > 0
	some port in admin_ports
	covers(p, port)
}

# The security group a rule belongs to.
group_of(p) := sg if {
	sg := rc(p)
	sg.type == "aws_security_group"
}

group_of(p) := sg if {
	r := rc(p)
	r.type != "aws_security_group"
	some sg in lib.referenced(r, "security_group_id", "aws_security_group", "id")
}

load_balanced(sg) if {
	some t in ["aws_lb", "aws_alb"]
	count(lib.attached(sg, t, "security_groups", "id")) > 0
}

deny contains lib.finding("INFRA-NET-003", rc(p), p.attribute, sprintf("%s open to anywhere on a security group no load balancer uses", [ports(p)])) if {
	some p in ingress
	web_only(p)
	some c in p.cidrs
	c in world
	not lb_group(p)
}

lb_group(p) if load_balanced(group_of(p))

deny contains lib.finding("INFRA-NET-004", rc, "publicly_accessible", "RDS instance is publicly accessible") if {
	some rc in lib.resources("aws_db_instance")
	lib.value(rc, "publicly_accessible") == true
}

deny contains lib.finding("INFRA-NET-005", rc, "vpc_id", sprintf("%s adopts the default VPC", [rc.type])) if {
	some t in ["aws_default_vpc", "aws_default_subnet"]
	some rc in lib.resources(t)
}

deny contains lib.finding("INFRA-NET-005", rc, "vpc_id", "security group has no vpc_id: it lands in the default VPC") if {
	some rc in lib.resources("aws_security_group")
	not lib.set(rc, "vpc_id")
}

deny contains lib.finding("INFRA-NET-006", rc, "internal", "load balancer is internet-facing") if {
	some t in ["aws_lb", "aws_alb"]
	some rc in lib.resources(t)
	lib.value(rc, "internal") != true
	not lib.unknown(rc, "internal")
}

deny contains lib.finding("INFRA-NET-007", rc, "network_configuration.assign_public_ip", "ECS tasks get a public IP address") if {
	some rc in lib.resources("aws_ecs_service")
	object.get(lib.block(rc, "network_configuration"), "assign_public_ip", false) == true
}

deny contains lib.finding("INFRA-NET-008", rc, "id", "VPC has no declared, rule-less default security group") if {
	some rc in lib.resources("aws_vpc")
	not closed_default_group(rc)
}

closed_default_group(vpc) if {
	some sg in lib.attached(vpc, "aws_default_security_group", "vpc_id", "id")
	count(object.get(lib.after(sg), "ingress", [])) == 0
	count(object.get(lib.after(sg), "egress", [])) == 0
}
