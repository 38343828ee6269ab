"""EC2: security group names and descriptions, security group rule descriptions."""

import re

from . import Refusal, rule

_RULE_DESCRIPTION = re.compile(r"^[a-zA-Z0-9. _\-:/()#,@\[\]+=&;{}!$*]*$")


@rule("ec2-security-group-name", "EC2", "CreateSecurityGroup", "InvalidParameterValue",
      "https://github.com/pulumi/pulumi-awsx/issues/328")
def security_group_name(req):
    """A security group name may not start with sg-."""
    name = req.get("GroupName") or ""
    if name.lower().startswith("sg-"):
        raise Refusal("InvalidParameterValue",
                      f"Value ({name}) for parameter GroupName is invalid. Group names may not be in the format sg-*.")


@rule("ec2-security-group-description", "EC2", "CreateSecurityGroup", "InvalidParameterValue",
      "https://github.com/hashicorp/terraform-provider-aws/pull/43854")
def security_group_description(req):
    """A security group description is ASCII."""
    description = req.get("Description") or req.get("GroupDescription") or ""
    if any(ord(c) > 127 for c in description):
        raise Refusal("InvalidParameterValue",
                      f"Value ({description}) for parameter GroupDescription is invalid. "
                      "Character sets beyond ASCII are not supported.")


def _rule_descriptions(req):
    for permission in req.get("IpPermissions") or []:
        for key in ("IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"):
            for item in permission.get(key) or []:
                yield item.get("Description")
    for item in req.get("SecurityGroupRules") or []:
        yield (item.get("SecurityGroupRule") or {}).get("Description")


@rule("ec2-security-group-rule-description", "EC2",
      ["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "ModifySecurityGroupRules",
       "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress"],
      "InvalidParameterValue", "https://github.com/agentic-community/mcp-gateway-registry/pull/1728")
def security_group_rule_description(req):
    """A rule description is under 256 characters from a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*."""
    for description in _rule_descriptions(req):
        if description and (len(description) >= 256 or not _RULE_DESCRIPTION.match(description)):
            raise Refusal("InvalidParameterValue",
                          "Invalid rule description. Valid descriptions are strings less than 256 characters from the "
                          "following set:  a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*")
