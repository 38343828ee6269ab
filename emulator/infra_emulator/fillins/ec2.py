"""EC2 security-group rules that reference another group keep their description.

moto 5.2.1 stores a rule's description in the IP range for CIDR rules and in
the user-id/group pair for SG-referencing rules, but DescribeSecurityGroupRules
reads it from the IP range only, so aws_vpc_security_group_ingress_rule with
referenced_security_group_id showed ``+ description`` on every plan.
"""

FILLINS = [
    ("EC2", "DescribeSecurityGroupRules (SG-referencing rules)",
     "the Description of a rule referencing another security group was dropped"),
]


def install():
    from moto.ec2.models.security_groups import SecurityGroupRule

    def description(self):
        return self.ip_range.get("Description") or (self.source_group or {}).get("Description")

    SecurityGroupRule.description = property(description)
