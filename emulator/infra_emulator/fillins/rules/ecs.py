"""ECS: load-balanced services, launch types, capacity providers, Fargate task sizes."""

import re

from . import Refusal, rule


def _forwards_to(action, arn):
    data = getattr(action, "data", action) or {}
    if data.get("TargetGroupArn") == arn:
        return True
    return any(tg.get("TargetGroupArn") == arn for tg in (data.get("ForwardConfig") or {}).get("TargetGroups", []))


def has_load_balancer(elbv2, target_group_arn):
    """A listener or listener rule of some load balancer forwards to the target group."""
    for balancer in elbv2.load_balancers.values():
        for listener in balancer.listeners.values():
            if any(_forwards_to(a, target_group_arn) for a in listener.default_actions):
                return True
            for listener_rule in listener.rules.values():
                if any(_forwards_to(a, target_group_arn) for a in listener_rule.actions):
                    return True
    return False


@rule("ecs-target-group-without-load-balancer", "ECS", ["CreateService", "UpdateService"],
      "InvalidParameterException", "https://github.com/cloudposse/terraform-aws-ecs-web-app/issues/226")
def target_group_without_load_balancer(req):
    """A service's loadBalancers target group must be attached to a load balancer: some listener or
    listener rule forwards to it."""
    elbv2 = req.backend("elbv2")
    for lb in req.get("loadBalancers") or []:
        arn = lb.get("targetGroupArn")
        if arn and not has_load_balancer(elbv2, arn):
            raise Refusal("InvalidParameterException",
                          f"The target group with targetGroupArn {arn} does not have an associated load balancer.")


@rule("ecs-launch-type-with-capacity-providers", "ECS", ["CreateService", "UpdateService"],
      "InvalidParameterException", "https://github.com/terraform-linters/tflint-ruleset-aws/issues/349")
def launch_type_with_capacity_providers(req):
    """launchType and capacityProviderStrategy are exclusive."""
    if req.get("launchType") and req.get("capacityProviderStrategy"):
        raise Refusal("InvalidParameterException",
                      "Specifying both a launch type and capacity provider strategy is not supported. "
                      "Remove one and try again.")


@rule("ecs-capacity-provider-not-on-cluster", "ECS", ["CreateService", "UpdateService"],
      "InvalidParameterException", "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html")
def capacity_provider_not_on_cluster(req):
    """Every provider of a service's capacityProviderStrategy must be associated with its cluster
    (CreateCluster capacityProviders or PutClusterCapacityProviders)."""
    strategy = req.get("capacityProviderStrategy") or []
    if not strategy:
        return
    ecs = req.backend("ecs")
    name = str(req.get("cluster") or "default").split("/")[-1]
    cluster = ecs.clusters.get(name)
    if cluster is None:
        return  # moto answers ClusterNotFoundException
    associated = set(cluster.capacity_providers or [])
    for item in strategy:
        provider = item.get("capacityProvider")
        if provider not in associated:
            raise Refusal("InvalidParameterException",
                          "The specified capacity provider strategy cannot contain a capacity provider that is not "
                          "associated with the cluster. Associate the capacity provider with the cluster or specify "
                          "a valid capacity provider and try again.")


# task cpu units -> allowed task memory in MiB
_FARGATE = {
    256: [512, 1024, 2048],
    512: list(range(1024, 4096 + 1, 1024)),
    1024: list(range(2048, 8192 + 1, 1024)),
    2048: list(range(4096, 16384 + 1, 1024)),
    4096: list(range(8192, 30720 + 1, 1024)),
    8192: list(range(16384, 61440 + 1, 4096)),
    16384: list(range(32768, 122880 + 1, 8192)),
}


def _units(value, unit, scale):
    """'1024', '1 vCPU', '2 GB' or '2GB' as CPU units or MiB; None if unreadable."""
    text = str(value).strip()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(" + unit + r")?", text, re.IGNORECASE)
    if not match:
        return None
    number = float(match.group(1))
    return int(number * scale) if match.group(2) else int(number)


@rule("ecs-fargate-cpu-memory", "ECS", "RegisterTaskDefinition", "ClientException",
      "https://github.com/aws-games/cloud-game-development-toolkit/issues/737")
def fargate_cpu_memory(req):
    """A Fargate task size is one of the documented task CPU/memory pairs."""
    if "FARGATE" not in (req.get("requiresCompatibilities") or []):
        return
    cpu, memory = req.get("cpu"), req.get("memory")
    if cpu is None or memory is None:
        return
    units, mib = _units(cpu, "vcpu", 1024), _units(memory, "gb", 1024)
    if units is None or mib is None or mib not in _FARGATE.get(units, []):
        raise Refusal("ClientException",
                      f"No Fargate configuration exists for given values: {cpu} CPU, {memory} memory. "
                      "See the Amazon ECS documentation for the valid values.")
