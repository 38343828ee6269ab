"""S3: bucket names, lifecycle transitions and expirations, public policies under Block Public Access.

S3 requests do not pass through moto's generic action dispatch, so this module installs its own
hook on bucket PUTs and answers refusals as S3 XML errors.
"""

import ipaddress
import json
import re

import xmltodict

from . import Refusal, Request, checks_for, rule, run_checks

_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")


@rule("s3-bucket-name", "S3", "CreateBucket", "InvalidBucketName",
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html")
def bucket_name(req):
    """A general purpose bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending
    with a letter or digit, no '..', not an IP address, no reserved prefix or suffix."""
    name = req.get("Bucket") or ""
    ip_like = False
    try:
        ipaddress.ip_address(name)
        ip_like = True
    except ValueError:
        pass
    if not _BUCKET.match(name) or ".." in name or ip_like or name.startswith(_RESERVED_PREFIXES) \
            or name.endswith(_RESERVED_SUFFIXES):
        raise Refusal("InvalidBucketName", "The specified bucket is not valid.")


def _list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _rules(req):
    return _list(((req.get("LifecycleConfiguration") or {}).get("Rule")))


def _prefix(rule_):
    filt = rule_.get("Filter") or {}
    prefix = rule_.get("Prefix") or filt.get("Prefix") or (filt.get("And") or {}).get("Prefix") or ""
    return prefix if isinstance(prefix, str) else ""


@rule("s3-lifecycle-infrequent-access-days", "S3", "PutBucketLifecycleConfiguration", "InvalidArgument",
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html")
def infrequent_access_days(req):
    """Objects move to STANDARD_IA or ONEZONE_IA no earlier than 30 days after creation."""
    for rule_ in _rules(req):
        for transition in _list(rule_.get("Transition")):
            days, storage_class = transition.get("Days"), transition.get("StorageClass")
            if storage_class in ("STANDARD_IA", "ONEZONE_IA") and days is not None and int(days) < 30:
                raise Refusal("InvalidArgument",
                              f"'Days' in Transition action must be greater than or equal to 30 for storageClass "
                              f"'{storage_class}'")


@rule("s3-lifecycle-expiration-after-transition", "S3", "PutBucketLifecycleConfiguration", "InvalidArgument",
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html")
def expiration_after_transition(req):
    """In a rule, the expiration comes later than every transition ('Days' strictly greater)."""
    for rule_ in _rules(req):
        expiration = (rule_.get("Expiration") or {}).get("Days")
        if expiration is None:
            continue
        days = [int(t["Days"]) for t in _list(rule_.get("Transition")) if t.get("Days") is not None]
        if days and int(expiration) <= max(days):
            raise Refusal("InvalidArgument",
                          f"'Days' in the Expiration action for filter '(prefix={_prefix(rule_)})' must be greater "
                          "than 'Days' in the Transition action")


def _is_public(policy):
    """A statement allows everyone ('*') with no condition narrowing it."""
    try:
        statements = _list(json.loads(policy).get("Statement"))
    except (TypeError, ValueError, AttributeError):
        return False
    for s in statements:
        principal = s.get("Principal")
        everyone = principal == "*" or (isinstance(principal, dict) and "*" in _list(principal.get("AWS")))
        if s.get("Effect") == "Allow" and everyone and not s.get("Condition"):
            return True
    return False


@rule("s3-public-policy-blocked", "S3", "PutBucketPolicy", "AccessDenied",
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html")
def public_policy_blocked(req):
    """A public bucket policy is refused while the bucket's Block Public Access has BlockPublicPolicy on."""
    bucket = req.backend("s3").buckets.get(req.get("Bucket"))
    block = getattr(bucket, "public_access_block", None)
    if block is not None and block.block_public_policy and _is_public(req.get("Policy")):
        raise Refusal("AccessDenied",
                      f"User: {_caller(req)} is not authorized to perform: s3:PutBucketPolicy on resource: "
                      f"\"arn:aws:s3:::{req.get('Bucket')}\" because public policies are blocked by the "
                      "BlockPublicPolicy block public access setting.", status=403)


def _caller(req):
    try:
        return req.backend("sts").get_caller_identity(req.response.get_access_key(), req.region)[1]
    except Exception:
        return f"arn:aws:iam::{req.account}:root"


def _params(response, bucket, querystring):
    body = response.body
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if "lifecycle" in querystring:
        try:
            parsed = xmltodict.parse(body or "<LifecycleConfiguration/>")
        except Exception:
            return "PutBucketLifecycleConfiguration", {"Bucket": bucket}
        return "PutBucketLifecycleConfiguration", {"Bucket": bucket, **parsed}
    if "policy" in querystring:
        return "PutBucketPolicy", {"Bucket": bucket, "Policy": body}
    if not querystring:
        return "CreateBucket", {"Bucket": bucket}
    return None, {}


def install():
    from moto.core.responses import ActionResult
    from moto.s3.responses import S3Response

    original_put = S3Response._bucket_response_put

    def bucket_response_put(self, request, bucket_name, querystring):
        action, params = _params(self, bucket_name, querystring)
        checks = checks_for("s3", action) if action else []
        if checks:
            req = Request(params, self.current_account, self.region, self)
            try:
                run_checks(checks, req)
            except Refusal as refusal:
                self.data["Action"] = action
                status, headers, body = self.serialized(ActionResult(refusal))
                return refusal.status or status, headers, body
        return original_put(self, request, bucket_name, querystring)

    S3Response._bucket_response_put = bucket_response_put
