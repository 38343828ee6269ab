"""ECS services: the settings the provider reads back, and running tasks.

moto 5.2.1 drops enableExecuteCommand, enableECSManagedTags,
healthCheckGracePeriodSeconds, availabilityZoneRebalancing,
deploymentConfiguration (circuit breaker), capacityProviderStrategy and
placement settings from CreateService, so DescribeServices never returns them
and aws_ecs_service never converges. It runs no tasks: runningCount stays 0
(UpdateService copies desiredCount but CreateService does not). Here a service
"runs" its desired count at once, and its primary deployment says so.

moto also gives every service without launchType the launch type EC2, even one
created with a capacityProviderStrategy (a Fargate/Fargate Spot service), where
ECS returns no launchType (the two are exclusive); such a service now has none.
"""

import copy

FILLINS = [
    ("ECS", "CreateService, UpdateService, DescribeServices",
     "enableExecuteCommand, enableECSManagedTags, propagateTags, healthCheckGracePeriodSeconds, "
     "availabilityZoneRebalancing, deploymentConfiguration (circuit breaker), capacityProviderStrategy and "
     "placement settings were not kept; runningCount did not follow desiredCount"),
    ("ECS", "CreateService, UpdateService, DescribeServices",
     "a service with a capacityProviderStrategy and no launchType was reported with launchType EC2"),
]

# request parameter -> Service attribute (the serializer maps the attribute back)
_FIELDS = {
    "enableExecuteCommand": "enable_execute_command",
    "enableECSManagedTags": "enable_ecs_managed_tags",
    "propagateTags": "propagate_tags",
    "healthCheckGracePeriodSeconds": "health_check_grace_period_seconds",
    "availabilityZoneRebalancing": "availability_zone_rebalancing",
    "deploymentConfiguration": "deployment_configuration",
    "capacityProviderStrategy": "capacity_provider_strategy",
    "placementConstraints": "placement_constraints",
    "placementStrategy": "placement_strategy",
    "loadBalancers": "load_balancers",
    "networkConfiguration": "network_configuration",
    "serviceConnectConfiguration": "service_connect_configuration",
    "platformVersion": "platform_version",
}

_DEFAULTS = {
    "enable_execute_command": False,
    "enable_ecs_managed_tags": False,
    "availability_zone_rebalancing": "DISABLED",
    "deployment_configuration": {
        "deploymentCircuitBreaker": {"enable": False, "rollback": False},
        "maximumPercent": 200,
        "minimumHealthyPercent": 100,
    },
}


def _apply(service, params, defaults):
    for param, attr in _FIELDS.items():
        if params.get(param) is not None:
            setattr(service, attr, params[param])
        elif defaults and attr in _DEFAULTS and not hasattr(service, attr):
            setattr(service, attr, copy.deepcopy(_DEFAULTS[attr]))
    if params.get("capacityProviderStrategy") and not params.get("launchType"):
        # launchType and capacityProviderStrategy are exclusive in ECS
        service.launch_type = None
        for deployment in service.deployments:
            deployment.pop("launchType", None)
            deployment["capacityProviderStrategy"] = copy.deepcopy(params["capacityProviderStrategy"])
    _run_desired(service)


def _run_desired(service):
    """Every desired task is running (moto has no real tasks)."""
    service.running_count = service.desired_count or 0
    service.pending_count = 0
    for deployment in service.deployments:
        deployment["desiredCount"] = service.desired_count
        deployment["runningCount"] = service.desired_count
        deployment["pendingCount"] = 0
        deployment["rolloutState"] = "COMPLETED"
        deployment["rolloutStateReason"] = f"ECS deployment {deployment['id']} completed."
        deployment["taskDefinition"] = service.task_definition


def install():
    from moto.ecs.responses import EC2ContainerServiceResponse as R

    original_create = R.create_service

    def create_service(self):
        result = original_create(self)
        _apply(result.result["service"], self._get_params(), defaults=True)
        return result

    original_update = R.update_service

    def update_service(self):
        params = self._get_params()
        # moto sets every parameter as a snake_cased attribute; keep only the
        # ones it knows and set ours by name.
        known = {k: v for k, v in params.items() if k not in _FIELDS}
        self._get_params = lambda: known
        try:
            result = original_update(self)
        finally:
            del self._get_params
        _apply(result.result["service"], params, defaults=False)
        return result

    R.create_service = create_service
    R.update_service = update_service
