"""Route 53: every hosted zone gets its own name servers.

moto 5.2.1 gives every zone created without a reusable delegation set the same four name
servers (ns-2048.awsdns-64.com …), so an NS delegation made for one zone also "delegated" any
other zone of that name, before or after it existed. Route 53 assigns each new zone its own
four servers (one each under .com, .net, .org and .co.uk), which is why a parent zone's NS
record must be written after the zone is created and rewritten when the zone is re-created.
"""

FILLINS = [
    ("Route 53", "CreateHostedZone (name servers)",
     "every zone had the same four name servers, so a delegation matched any zone of that name"),
]

_TLDS = ["com", "net", "org", "co.uk"]


def _servers(random):
    number, shard = random.randint(0, 511), random.randint(0, 63)
    return [f"ns-{number + 512 * i}.awsdns-{shard:02d}.{tld}" for i, tld in enumerate(_TLDS)]


def install():
    from moto.moto_api._internal import mock_random
    from moto.route53.models import Route53Backend

    original = Route53Backend.create_hosted_zone

    def create_hosted_zone(self, name, private_zone, *args, **kwargs):
        delegation_set_id = kwargs.get("delegation_set_id") or (args[4] if len(args) > 4 else None)
        zone = original(self, name, private_zone, *args, **kwargs)
        if delegation_set_id:
            return zone  # a reusable delegation set keeps its shared servers, as in Route 53
        taken = {s for z in self.zones.values() if z is not zone and z.delegation_set
                 for s in z.delegation_set.name_servers}
        servers = _servers(mock_random)
        while taken.intersection(servers):
            servers = _servers(mock_random)
        old = list(zone.delegation_set.name_servers)
        zone.delegation_set.name_servers = servers
        for rrset in zone.rrsets:
            if rrset.type == "NS" and rrset.records == old:
                rrset.records = list(servers)
            if rrset.type == "SOA" and rrset.records:
                soa = rrset.records[0]
                value = soa.get("Value") if isinstance(soa, dict) else soa
                rrset.records = [{"Value": value.replace(old[0], servers[0], 1)}]
        return zone

    Route53Backend.create_hosted_zone = create_hosted_zone
