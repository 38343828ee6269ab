"""CloudWatch Logs: retention values, log group names, KMS keys usable by the Logs service."""

import fnmatch
import json
import re

from . import Refusal, rule

RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
                  3288, 3653]


@rule("logs-retention-days", "CloudWatch Logs", "PutRetentionPolicy", "InvalidParameterException",
      "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html")
def retention_days(req):
    """retentionInDays is one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
    2192, 2557, 2922, 3288, 3653."""
    days = req.get("retentionInDays")
    if days is not None and int(days) not in RETENTION_DAYS:
        raise Refusal("InvalidParameterException",
                      f"1 validation error detected: Value '{days}' at 'retentionInDays' failed to satisfy constraint: "
                      f"Member must satisfy enum value set: [{', '.join(str(d) for d in RETENTION_DAYS)}]")


@rule("logs-group-name", "CloudWatch Logs", "CreateLogGroup", "InvalidParameterException",
      "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html")
def group_name(req):
    """A log group name is 1-512 characters from a-z, A-Z, 0-9, '_', '-', '/', '.', '#'."""
    name = req.get("logGroupName") or ""
    if len(name) > 512:
        raise Refusal("InvalidParameterException",
                      f"1 validation error detected: Value '{name}' at 'logGroupName' failed to satisfy constraint: "
                      "Member must have length less than or equal to 512")
    if not re.fullmatch(r"[\.\-_/#A-Za-z0-9]+", name):
        raise Refusal("InvalidParameterException",
                      f"1 validation error detected: Value '{name}' at 'logGroupName' failed to satisfy constraint: "
                      "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+")


def _list(value):
    return value if isinstance(value, list) else [value]


def _principal_is_logs(principal, region):
    if principal == "*":
        return True
    if not isinstance(principal, dict):
        return False
    if "*" in _list(principal.get("AWS", [])):
        return True
    return bool({f"logs.{region}.amazonaws.com", "logs.amazonaws.com"} & set(_list(principal.get("Service", []))))


def _conditions_hold(conditions, context):
    """Condition keys the Logs service supplies are evaluated; others are assumed to hold."""
    for operator, entries in (conditions or {}).items():
        op = operator.replace("IfExists", "")
        for key, expected in entries.items():
            if key.lower() not in context:
                continue
            actual = context[key.lower()]
            values = _list(expected)
            if op in ("StringEquals", "ArnEquals") and actual not in values:
                return False
            if op in ("StringLike", "ArnLike") and not any(fnmatch.fnmatchcase(actual, v) for v in values):
                return False
    return True


def logs_may_use(policy, region, log_group_arn):
    """The key policy lets the Logs service principal encrypt (GenerateDataKey) and decrypt with the key."""
    try:
        statements = _list(json.loads(policy).get("Statement", []))
    except (TypeError, ValueError, AttributeError):
        return False
    context = {"kms:encryptioncontext:aws:logs:arn": log_group_arn}
    for action in ("kms:GenerateDataKey", "kms:Decrypt"):
        if not any(s.get("Effect") == "Allow" and _principal_is_logs(s.get("Principal"), region)
                   and any(fnmatch.fnmatchcase(action.lower(), a.lower()) for a in _list(s.get("Action", [])))
                   and _conditions_hold(s.get("Condition"), context) for s in statements):
            return False
    return True


@rule("logs-kms-key-usable", "CloudWatch Logs", ["CreateLogGroup", "AssociateKmsKey"], "AccessDeniedException",
      "https://github.com/hashicorp/terraform-provider-aws/issues/29282")
def kms_key_usable(req):
    """The KMS key of a log group exists in the log group's region and its key policy allows the Logs service
    principal (logs.<region>.amazonaws.com) to use it."""
    key_id = req.get("kmsKeyId")
    name = req.get("logGroupName")
    if not key_id or not name:
        return
    arn = f"arn:aws:logs:{req.region}:{req.account}:log-group:{name}"
    kms = req.backend("kms")
    try:
        key = kms.keys[kms.any_id_to_key_id(key_id)]
    except Exception:
        key = None
    if key is None or (str(key_id).startswith("arn:") and str(key_id).split(":")[3] != req.region) \
            or not logs_may_use(key.policy, req.region, arn):
        raise Refusal("AccessDeniedException",
                      f"The specified KMS key does not exist or is not allowed to be used with Arn '{arn}'")
