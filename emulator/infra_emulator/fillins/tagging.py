"""Resource Groups Tagging API: GetResources for the stacks' types moto left out.

moto 5.2.1's GetResources walks a fixed list of backends that has neither Route 53
nor ECR, so a hosted zone or an image repository carrying a stack's tag was never
returned, and `infra drift --unmanaged` could not see the orphan a killed apply
leaves (a hosted zone, in the route53 stack). AWS returns both
(https://docs.aws.amazon.com/ARG/latest/userguide/supported-resources.html:
Route 53 hostedzone and ECR repository are taggable through the tagging API).
Route 53 is a global service whose ARNs carry no region; like the other global
resources it is listed by the us-east-1 endpoint, so other regions do not repeat it. Tag and type filters behave as for moto's own
types: every TagFilter must match (a key alone, or key and one of its values) and
ResourceTypeFilters name a service ("route53") or service:type
("route53:hostedzone", "ecr:repository"). IAM is not added: infra lists IAM roles
through IAM itself (ListRoles, ListRoleTags), which works the same on AWS.
"""

FILLINS = [
    ("Resource Groups Tagging API", "GetResources (route53:hostedzone, ecr:repository)",
     "hosted zones and ECR repositories were never returned"),
]


def _wanted(type_filters, service, kind):
    return not type_filters or service in type_filters or f"{service}:{kind}" in type_filters


def _matches(tag_filters, tags):
    for f in tag_filters or []:
        values = f.get("Values") or []
        value = tags.get(f["Key"])
        if f["Key"] not in tags or (values and value not in values):
            return False
    return True


def _extra(backend, tag_filters, type_filters):
    from moto.ecr.models import ecr_backends
    from moto.route53.models import route53_backends

    if backend.region_name == "us-east-1" and _wanted(type_filters, "route53", "hostedzone"):
        r53 = route53_backends[backend.account_id]["aws"]
        for zone_id in list(r53.zones):
            tags = dict(r53.list_tags_for_resource(zone_id))
            if tags and _matches(tag_filters, tags):
                yield {"ResourceARN": f"arn:aws:route53:::hostedzone/{zone_id}",
                       "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}
    if _wanted(type_filters, "ecr", "repository"):
        ecr = ecr_backends[backend.account_id][backend.region_name]
        for repo in list(ecr.repositories.values()):
            tags = ecr.tagger.get_tag_dict_for_resource(repo.arn)
            if tags and _matches(tag_filters, tags):
                yield {"ResourceARN": repo.arn, "Tags": [{"Key": k, "Value": v} for k, v in tags.items()]}


def install():
    from moto.resourcegroupstaggingapi.models import ResourceGroupsTaggingAPIBackend as B

    original = B._get_resources_generator

    def _get_resources_generator(self, tag_filters=None, resource_type_filters=None):
        yield from original(self, tag_filters=tag_filters, resource_type_filters=resource_type_filters)
        yield from _extra(self, tag_filters, resource_type_filters)

    B._get_resources_generator = _get_resources_generator
