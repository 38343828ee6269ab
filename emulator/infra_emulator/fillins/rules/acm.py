"""ACM: a DNS-validated certificate is ISSUED only once its validation records resolve publicly.

AWS issues an Amazon-issued certificate when, for every domain validation option, the CNAME
ACM names resolves on the public internet; otherwise the certificate stays PENDING_VALIDATION
(for up to 72 hours, then VALIDATION_TIMED_OUT). The emulator has no internet: a record
"resolves" when it is in the public hosted zone authoritative for its name (the longest-suffix
match among the emulator's public zones) and that zone is delegated, i.e. its nearest parent
public zone in the emulator holds an NS record set for the zone's name whose values are the
zone's own delegation-set name servers (as a user's parent zone or registrar would). A zone
with no parent zone in the emulator is not delegated.

moto's own rule (ISSUED once MOTO_ACM_VALIDATION_WAIT seconds have passed) is replaced.
"""

from moto.core.utils import utcnow

from . import backend, behaviour


def _name(value):
    return str(value or "").strip().lower().rstrip(".")


def _value(record):
    return _name(record.get("Value") if isinstance(record, dict) else record)


def _public_zones(account):
    return [z for z in backend("route53", account, "us-east-1").zones.values() if not z.private_zone]


def _within(name, zone_name):
    return name == zone_name or name.endswith("." + zone_name)


def _record_values(zone, name, record_type):
    return {_value(r) for rrset in zone.rrsets
            if _name(rrset.name) == name and rrset.type == record_type for r in (rrset.records or [])}


def delegated(zones, zone):
    """The zone's nearest parent zone delegates to the zone's own name servers."""
    zone_name = _name(zone.name)
    parents = [p for p in zones if p is not zone and zone_name.endswith("." + _name(p.name))]
    if not parents:
        return False
    nearest = max(len(_name(p.name)) for p in parents)
    servers = {_name(n) for n in zone.delegation_set.name_servers}
    return any(_record_values(p, zone_name, "NS") == servers
               for p in parents if len(_name(p.name)) == nearest)


def authoritative(zones, name):
    """The delegated public zone that answers for a name, or None."""
    candidates = [z for z in zones if _within(name, _name(z.name))]
    if not candidates:
        return None
    longest = max(len(_name(z.name)) for z in candidates)
    return next((z for z in candidates if len(_name(z.name)) == longest and delegated(zones, z)), None)


def validation_resolves(cert):
    """Every DNS validation record of the certificate is published in a delegated public zone."""
    options = cert.describe()["Certificate"].get("DomainValidationOptions") or []
    zones = _public_zones(cert.arn.split(":")[4])
    for option in options:
        record = option.get("ResourceRecord") or {}
        name = _name(record.get("Name"))
        zone = authoritative(zones, name)
        if zone is None or _value(record.get("Value")) not in _record_values(zone, name, "CNAME"):
            return False
    return bool(options)


def certificate(account, arn):
    """The ACM certificate with this ARN (any region), its status brought up to date; None if unknown."""
    parts = arn.split(":")
    if len(parts) < 6:
        return None
    try:
        bundle = backend("acm", account, parts[3])._certificates.get(arn)
    except KeyError:
        return None
    if bundle is not None:
        bundle.check()
    return bundle


@behaviour("acm-dns-validation-delegated", "ACM", ["DescribeCertificate", "GetCertificate", "ListCertificates"],
           "(stays PENDING_VALIDATION)", "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html",
           "A DNS-validated certificate becomes ISSUED only when every validation CNAME is in the public hosted "
           "zone authoritative for its name and that zone is delegated from its parent zone (NS record set equal "
           "to the zone's name servers); otherwise it stays PENDING_VALIDATION.")
def install_acm():
    from moto.acm.models import CertBundle

    def check(self):
        if self._not_valid_after(self._cert) <= utcnow():
            self.status = "EXPIRED"
            return
        if self.type == "AMAZON_ISSUED" and self.status == "PENDING_VALIDATION" and validation_resolves(self):
            self.status = "ISSUED"

    CertBundle.check = check
