"""Elastic Load Balancing v2: names, Availability Zones, HTTPS listener certificates."""

import re

from . import Refusal, rule
from .acm import certificate


@rule("elbv2-load-balancer-name", "ELBv2", "CreateLoadBalancer", "ValidationError",
      "https://github.com/aws-cloudformation/cfn-lint/issues/3259")
def load_balancer_name(req):
    """A load balancer name has at most 32 characters."""
    name = req.get("Name") or ""
    if len(name) > 32:
        raise Refusal("ValidationError", f"The load balancer name '{name}' cannot be longer than '32' characters")


@rule("elbv2-target-group-name", "ELBv2", "CreateTargetGroup", "ValidationError",
      "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html")
def target_group_name(req):
    """A target group name has at most 32 characters."""
    name = req.get("Name") or ""
    if len(name) > 32:
        raise Refusal("ValidationError", f"Target group name '{name}' cannot be longer than '32' characters")


def _zones(req, subnet_ids):
    ec2 = req.backend("ec2")
    zones = []
    for subnet_id in subnet_ids:
        try:
            zones.append(ec2.get_subnet(subnet_id).availability_zone)
        except Exception:
            return None  # moto answers unknown subnets itself
    return zones


@rule("elbv2-application-two-zones", "ELBv2", ["CreateLoadBalancer", "SetSubnets"], "ValidationError",
      "https://github.com/kasmtech/terraform/issues/5")
def application_two_zones(req):
    """An Application Load Balancer spans subnets in at least two Availability Zones."""
    if (req.get("Type") or "application") != "application":
        return
    subnets = list(req.get("Subnets") or []) + [m.get("SubnetId") for m in req.get("SubnetMappings") or []]
    if req.response._get_action() == "SetSubnets":
        balancer = req.backend("elbv2").load_balancers.get(req.get("LoadBalancerArn"))
        if balancer is None or balancer.type != "application":
            return
    zones = _zones(req, subnets)
    if zones is not None and len(set(zones)) < 2:
        raise Refusal("ValidationError", "At least two subnets in two different Availability Zones must be specified")


@rule("elbv2-one-subnet-per-zone", "ELBv2", ["CreateLoadBalancer", "SetSubnets"], "InvalidConfigurationRequest",
      "https://github.com/robertdebock/terraform-aws-vault/issues/5")
def one_subnet_per_zone(req):
    """A load balancer takes at most one subnet per Availability Zone."""
    subnets = list(req.get("Subnets") or []) + [m.get("SubnetId") for m in req.get("SubnetMappings") or []]
    zones = _zones(req, subnets)
    if zones is not None and len(set(zones)) < len(zones):
        raise Refusal("InvalidConfigurationRequest",
                      "A load balancer cannot be attached to multiple subnets in the same Availability Zone")


@rule("elbv2-https-listener-certificate", "ELBv2", "CreateListener", "ValidationError",
      "https://github.com/pulumi/pulumi/issues/15712")
def https_listener_certificate(req):
    """An HTTPS listener names a certificate."""
    if str(req.get("Protocol") or "").upper() == "HTTPS" and not req.get("Certificates"):
        raise Refusal("ValidationError", "A certificate must be specified for HTTPS listeners")


@rule("elbv2-certificate-issued", "ELBv2", ["CreateListener", "ModifyListener", "AddListenerCertificates"],
      "UnsupportedCertificate", "https://github.com/DataBiosphere/azul/issues/8321")
def certificate_issued(req):
    """A listener certificate from ACM exists and is ISSUED (a certificate still PENDING_VALIDATION is refused)."""
    for item in req.get("Certificates") or []:
        arn = item.get("CertificateArn") or ""
        if not re.match(r"^arn:aws[\w-]*:acm:", arn):
            continue
        bundle = certificate(req.account, arn)
        if bundle is None:
            raise Refusal("CertificateNotFound", f"Certificate '{arn}' not found")
        if bundle.status != "ISSUED":
            raise Refusal("UnsupportedCertificate",
                          f"The certificate '{arn}' must have a fully-qualified domain name, a supported signature, "
                          "and a supported key size.")
