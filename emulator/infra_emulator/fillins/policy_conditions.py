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

It also evaluates every statement as IAM does where moto did not: a
``NotResource`` statement applies to every resource but the listed ones
(moto ignored the element, so a Deny with NotResource denied nothing and an
Allow allowed everything), a statement for another principal does not apply
(moto: denied), ``?`` matches one character and other characters are literal
(moto built a regular expression from the pattern), and action names match
case-insensitively (IAM User Guide, "IAM JSON policy elements": Action,
NotResource, "Condition operators").
"""

import re
import threading

FILLINS = [
    (
        "IAM",
        "policy statement evaluation",
        "NotResource was ignored (a Deny with NotResource denied nothing, an Allow allowed everything), a statement naming "
        "another principal answered DENIED instead of not applying, and wildcards were turned into regular expressions "
        "(a '.' or '?' in a pattern was not literal, action names matched case-sensitively)",
    ),
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
    return wildcard(pattern, value)


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


class PartialContext(dict):
    """A request context that holds only the keys in ``known``.

    Identity policies are evaluated with the few global keys the emulator can
    supply; AWS would supply more. A condition on a key the emulator cannot
    know is decided the strict way: an Allow that needs it does not apply
    (the key is absent), a Deny that tests it applies (it is tested on the
    other keys only), so the emulator never grants what AWS might refuse.
    """

    def __init__(self, values, known):
        super().__init__(values)
        self.known = frozenset(known)


def statement_conditions_hold(statement, conditions, context):
    if isinstance(context, PartialContext) and statement.get("Effect") == "Deny":
        conditions = {
            op: {k: v for k, v in keys.items() if k in context.known}
            for op, keys in conditions.items()
        }
    return conditions_match(conditions, context)


def wildcard(pattern, value, ignore_case=False):
    """IAM's wildcards: * any run of characters, ? one character; nothing else is special."""
    rx = ".*".join(".".join(re.escape(q) for q in part.split("?")) for part in pattern.split("*"))
    return re.fullmatch(rx, value, re.IGNORECASE if ignore_case else 0) is not None


def element_matches(patterns, value, actions=False):
    """Action names match case-insensitively (IAM User Guide, "IAM JSON policy elements: Action"); ARNs do not."""
    return any(wildcard(p, value, ignore_case=actions) for p in _as_list(patterns))


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

    def is_action_permitted(self, action, resource="*", principal=None, incoming_condition_values=None):
        st = self._statement
        if "NotAction" in st:
            concerned = not element_matches(st["NotAction"], action, actions=True)
        else:
            concerned = element_matches(st.get("Action", []), action, actions=True)
        if not concerned:
            return PermissionResult.NEUTRAL
        if self.is_unknown_principal(st.get("Principal")):
            return PermissionResult.NEUTRAL
        if principal and not self._check_principal(principal):
            # A statement for another principal does not apply (moto: DENIED).
            return PermissionResult.NEUTRAL
        conditions = st.get("Condition")
        if conditions and not statement_conditions_hold(st, conditions, incoming_condition_values or {}):
            # A statement whose condition does not hold does not apply.
            return PermissionResult.NEUTRAL
        if "Resource" in st:
            if not element_matches(st["Resource"], resource):
                return PermissionResult.NEUTRAL
        elif "NotResource" in st:
            # moto ignored NotResource: such a statement applied to everything.
            if element_matches(st["NotResource"], resource):
                return PermissionResult.NEUTRAL
        # Neither: a trust policy statement, which names no resource.
        if st.get("Effect") == "Allow":
            return PermissionResult.PERMITTED
        return PermissionResult.DENIED

    statement.is_action_permitted = is_action_permitted

    def get_permission(self, action, resource):
        if self.policy is None:
            return PermissionResult.NEUTRAL
        policy = access_control.IAMPolicy(self.policy.decode())
        return policy.is_action_permitted(action, resource, incoming_condition_values=request_context())

    s3_models.FakeBucket.get_permission = get_permission
