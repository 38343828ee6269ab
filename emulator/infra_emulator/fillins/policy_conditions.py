"""IAM condition evaluation for resource policies, and the request context
S3 bucket policies are evaluated against.

moto evaluates a statement's ``Condition`` only for ``StringEquals``, treats
every other operator as matching, and reports a statement whose condition does
not match as DENIED. A TLS-only bucket policy (Deny when ``aws:SecureTransport``
is ``false``) therefore denied every object request, over HTTPS too.

This fill-in gives moto IAM's semantics for the common operators (a key absent
from the request context does not match unless the operator ends in
``IfExists``; ``Null`` tests presence), treats a statement whose condition does
not match as not applicable, and evaluates S3 bucket policies with
``aws:SecureTransport`` taken from the request's scheme.
"""

import fnmatch
import threading

FILLINS = [
    (
        "S3",
        "bucket policy evaluation (GetObject/PutObject/HeadObject/DeleteObject)",
        "Condition operators other than StringEquals were ignored, so a TLS-only Deny matched every request; "
        "aws:SecureTransport was never in the request context",
    ),
]

_request = threading.local()


def request_context():
    """Condition keys of the request being served on this thread."""
    scheme = getattr(_request, "scheme", None)
    if scheme is None:
        return {}
    return {"aws:SecureTransport": "true" if scheme == "https" else "false"}


def _as_list(v):
    return v if isinstance(v, list) else [v]


def _string_like(pattern, value):
    return fnmatch.fnmatchcase(value, pattern)


_OPERATORS = {
    "StringEquals": lambda exp, act: act == exp,
    "StringNotEquals": lambda exp, act: act != exp,
    "StringEqualsIgnoreCase": lambda exp, act: act.lower() == exp.lower(),
    "StringLike": lambda exp, act: _string_like(exp, act),
    "StringNotLike": lambda exp, act: not _string_like(exp, act),
    "ArnEquals": lambda exp, act: act == exp,
    "ArnLike": lambda exp, act: _string_like(exp, act),
    "Bool": lambda exp, act: str(act).lower() == str(exp).lower(),
}
_NEGATED = {"StringNotEquals", "StringNotLike"}


def conditions_match(conditions, context):
    """IAM semantics: every operator block and every key in it must match."""
    for operator, keys in conditions.items():
        if_exists = operator.endswith("IfExists")
        base = operator[: -len("IfExists")] if if_exists else operator
        for key, expected in keys.items():
            expected = [str(e) for e in _as_list(expected)]
            present = key in context
            if base == "Null":
                # "Null": "true" matches when the key is absent.
                want_absent = expected[0].lower() == "true"
                if want_absent == present:
                    return False
                continue
            if not present:
                if if_exists:
                    continue
                return False
            test = _OPERATORS.get(base)
            if test is None:
                # An operator we cannot evaluate must not silently match.
                return False
            actual = str(context[key])
            if base in _NEGATED:
                if not all(test(e, actual) for e in expected):
                    return False
            elif not any(test(e, actual) for e in expected):
                return False
    return True


def install():
    from moto.iam import access_control
    from moto.iam.access_control import PermissionResult
    from moto.moto_server import werkzeug_app
    from moto.s3 import models as s3_models

    dispatcher = werkzeug_app.DomainDispatcherApplication
    original_call = dispatcher.__call__

    def call_with_context(self, environ, start_response):
        _request.scheme = environ.get("wsgi.url_scheme", "http")
        try:
            return original_call(self, environ, start_response)
        finally:
            _request.scheme = None

    dispatcher.__call__ = call_with_context

    statement = access_control.IAMPolicyStatement
    original_permitted = statement.is_action_permitted

    def is_action_permitted(self, action, resource="*", principal=None, incoming_condition_values=None):
        conditions = self._statement.get("Condition")
        if conditions and not conditions_match(conditions, incoming_condition_values or {}):
            # A statement whose condition does not hold does not apply.
            return PermissionResult.NEUTRAL
        without_condition = dict(self._statement)
        without_condition.pop("Condition", None)
        return original_permitted(
            statement(without_condition), action, resource, principal, incoming_condition_values
        )

    statement.is_action_permitted = is_action_permitted

    def get_permission(self, action, resource):
        if self.policy is None:
            return PermissionResult.NEUTRAL
        policy = access_control.IAMPolicy(self.policy.decode())
        return policy.is_action_permitted(action, resource, incoming_condition_values=request_context())

    s3_models.FakeBucket.get_permission = get_permission
