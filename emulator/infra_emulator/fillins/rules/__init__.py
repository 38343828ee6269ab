"""AWS rules the emulator enforces: requests AWS refuses are refused here too.

moto accepts most well-formed requests whatever AWS's own rules say, so a stack
that applies on bare moto may fail on AWS. Each rule here is one AWS
constraint, checked before moto handles the request, answered with AWS's HTTP
status, error code and message in the service's own protocol (moto's
serializer renders a ``ServiceException`` as query XML, JSON or REST-XML from
the service model).

A rule is a small function registered with ``@rule`` in the module of its
service; its name, AWS error and source URL are listed by ``inventory()`` and
documented in docs/emulator.md ("AWS rules the emulator enforces"), where
internal/emulator/rules_inventory_test.go checks every one is listed and
tested. Rules that change what moto *does* rather than what it accepts (ACM
issuing a certificate only once DNS validation can succeed) register with
``behaviour`` and install their own patch.
"""

import importlib
import json
import sys
import traceback

from moto.core.exceptions import ServiceException

# Service modules, in install order. Add a module here and its rules to docs/emulator.md.
MODULES = ["rds", "ecs", "elbv2", "secretsmanager", "elasticache", "logs", "kms", "iam", "ec2",
           "s3", "cloudfront", "acm"]

_RULES = []

# moto's name of a service, where it is not the lower-cased display name
_MOTO_SERVICES = {"CloudWatch Logs": "logs", "Secrets Manager": "secretsmanager", "Route 53": "route53"}


class Rule:
    """One AWS constraint: where it applies, what AWS answers, and why."""

    def __init__(self, name, service, actions, error, source, doc, check=None, install=None):
        self.name = name
        self.service = service
        self.actions = actions
        self.error = error
        self.source = source
        self.doc = " ".join((doc or "").split())
        self.check = check
        self.install = install

    def row(self):
        return {"name": self.name, "service": self.service, "actions": ", ".join(self.actions),
                "error": self.error, "source": self.source, "rule": self.doc}


class Refusal(ServiceException):
    """AWS's answer to a request a rule refuses (code, message; status from the service model, else 400)."""

    def __init__(self, code, message, status=None):
        super().__init__(code, message)
        self.status = status


def rule(name, service, actions, error, source, moto_service=None):
    """Register ``check(req)`` as a rule on ``actions`` of ``service``.

    ``moto_service`` is moto's name of the service (``rds``, ``elbv2`` …),
    defaulting to the lower-cased ``service``. The check raises ``Refusal``.
    """
    if isinstance(actions, str):
        actions = [actions]

    def register(check):
        r = Rule(name, service, actions, error, source, check.__doc__, check=check)
        r.moto_service = moto_service or _MOTO_SERVICES.get(service, service.lower())
        _RULES.append(r)
        return check

    return register


def behaviour(name, service, actions, error, source, doc):
    """Register a rule enforced by a patch of moto's behaviour; decorate its installer."""
    if isinstance(actions, str):
        actions = [actions]

    def register(installer):
        _RULES.append(Rule(name, service, actions, error, source, doc, install=installer))
        return installer

    return register


class Request:
    """What a check sees: the parsed parameters and the caller's account and region."""

    def __init__(self, params, account, region, response=None):
        self.params = params or {}
        self.account = account
        self.region = region
        self.response = response

    def get(self, name, default=None):
        value = self.params.get(name)
        return default if value is None else value

    def backend(self, service):
        return backend(service, self.account, self.region)


def backend(service, account, region):
    """moto's backend of a service for an account: per region, or per partition for global services."""
    from moto.backends import get_backend
    from moto.utilities.utils import get_partition

    backends = get_backend(service)[account]
    if service in ("iam", "route53", "cloudfront", "sts", "s3"):
        return backends[get_partition(region)]
    return backends[region]


def _modules():
    return [importlib.import_module(f"{__name__}.{name}") for name in MODULES]


def all_rules():
    _modules()
    return list(_RULES)


def inventory():
    """Every rule as {name, service, actions, error, source, rule}, for docs and tests."""
    return [r.row() for r in all_rules()]


def checks_for(moto_service, action):
    return [r for r in _RULES if r.check and r.moto_service == moto_service and action in r.actions]


def run_checks(checks, req):
    """Run the checks; the first refusal is raised. A check that fails by mistake is logged and
    skipped, so a fault in a rule never turns into a 500 that SDKs retry for minutes."""
    for r in checks:
        try:
            r.check(req)
        except Refusal:
            raise
        except Exception:  # noqa: BLE001 - reported, then the request goes on to moto
            traceback.print_exc()
            print(f"infra_emulator: rule {r.name} failed; request passed on unchecked", file=sys.stderr)


def _parsed_params(response):
    """The request's parameters by API member name, whatever moto's own parsing."""
    if getattr(response, "automated_parameter_parsing", False) and hasattr(response, "params"):
        return response.params
    request = getattr(response, "fillin_request", None)
    if request is not None:
        saved = response.__dict__.get("params")
        try:
            response.parse_parameters(request)
            return response.params
        except Exception:
            pass
        finally:
            if saved is None:
                response.__dict__.pop("params", None)
            else:
                response.params = saved
    try:
        return json.loads(response.body or "{}")
    except (TypeError, ValueError):
        return {}


def install():
    from moto.core.responses import ActionResult, BaseResponse

    _modules()

    original_setup = BaseResponse.setup_class

    def setup_class(self, request, full_url, headers, *args, **kwargs):
        self.fillin_request = request
        return original_setup(self, request, full_url, headers, *args, **kwargs)

    BaseResponse.setup_class = setup_class

    original_call = BaseResponse.call_action

    def call_action(self):
        try:
            action = self._get_action()
        except Exception:
            action = None
        checks = checks_for(self.service_name, action) if action else []
        if checks:
            req = Request(_parsed_params(self), self.current_account, self.region, self)
            try:
                run_checks(checks, req)
            except Refusal as refusal:
                status, headers, body = self.serialized(ActionResult(refusal))
                if refusal.status:
                    status = refusal.status
                return (status, *self._enrich_response(headers, body))
        return original_call(self)

    BaseResponse.call_action = call_action

    for module in _modules():
        if hasattr(module, "install"):
            module.install()
    for r in _RULES:
        if r.install:
            r.install()
