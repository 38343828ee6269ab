"""IAM: role names, the inline policy size of a role."""

import re

from . import Refusal, rule


@rule("iam-role-name", "IAM", "CreateRole", "ValidationError",
      "https://github.com/serverless/examples/issues/405")
def role_name(req):
    """A role name is 1-64 characters from letters, digits and +=,.@_-."""
    name = req.get("RoleName") or ""
    if len(name) > 64:
        raise Refusal("ValidationError",
                      f"1 validation error detected: Value '{name}' at 'roleName' failed to satisfy constraint: "
                      "Member must have length less than or equal to 64")
    if not re.fullmatch(r"[\w+=,.@-]+", name):
        raise Refusal("ValidationError",
                      f"1 validation error detected: Value '{name}' at 'roleName' failed to satisfy constraint: "
                      "Member must satisfy regular expression pattern: [\\w+=,.@-]+")


def _size(document):
    """Policy size as IAM counts it: characters other than white space."""
    return len(re.sub(r"\s", "", document or ""))


@rule("iam-role-inline-policy-size", "IAM", "PutRolePolicy", "LimitExceeded",
      "https://aws.amazon.com/premiumsupport/knowledge-center/iam-increase-policy-size/")
def role_inline_policy_size(req):
    """All inline policies of a role together hold at most 10,240 characters (white space not counted)."""
    name = req.get("RoleName")
    try:
        role = req.backend("iam").get_role(name)
    except Exception:
        return  # moto answers NoSuchEntity
    total = sum(_size(doc) for policy, doc in role.policies.items() if policy != req.get("PolicyName"))
    if total + _size(req.get("PolicyDocument")) > 10240:
        raise Refusal("LimitExceeded", f"Maximum policy size of 10240 bytes exceeded for role {name}", status=409)
