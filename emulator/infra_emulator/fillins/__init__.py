"""Fill-ins for moto's gaps, one module per AWS service.

Each module exposes ``FILLINS`` (a list of ``(service, action, why)`` tuples, the
source of docs/emulator.md) and ``install()``, which patches moto in its own terms:
backend models for state, response classes for the wire format, URL maps for
routes moto lacks. ``install_all`` runs before moto's server builds its URL maps.
"""

import importlib

# Service modules, in install order. Add a module here and to docs/emulator.md.
MODULES = ["policy_conditions", "kms", "applicationautoscaling", "rds", "elasticache", "ecs", "ec2", "s3", "xray", "cloudfront",
           "route53", "logs", "dblogin", "secretsmanager_stages", "tagging",
           "iam_enforcement"]


def _modules():
    return [importlib.import_module(f"{__name__}.{name}") for name in MODULES]


def install_all():
    for module in _modules():
        module.install()
    # The AWS rules wrap what the fill-ins patched, so they run first on every request.
    from . import rules

    rules.install()


def inventory():
    """Every fill-in as (service, action, why), for docs and the doctor."""
    rows = []
    for module in _modules():
        rows.extend(module.FILLINS)
    return rows


def inventory_by_module():
    """Every fill-in as {module, service, actions, why}, for the docs check."""
    return [
        {"module": name, "service": service, "actions": actions, "why": why}
        for name, module in zip(MODULES, _modules())
        for service, actions, why in module.FILLINS
    ]

