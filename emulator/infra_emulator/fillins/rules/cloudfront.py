"""CloudFront: viewer certificates (us-east-1, issued, covering the aliases), aliases unique per account."""

from . import Refusal, rule
from .acm import certificate

_DOCS = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html#alternate-domain-names-requirements"


def _config(req):
    if req.get("DistributionConfigWithTags"):
        return req.get("DistributionConfigWithTags").get("DistributionConfig") or {}
    return req.get("DistributionConfig") or {}


def _aliases(config):
    return [a.lower() for a in ((config.get("Aliases") or {}).get("Items") or [])]


def _covers(names, alias):
    for name in names:
        name = name.lower()
        if name == alias:
            return True
        if name.startswith("*.") and alias.count(".") == name.count(".") and alias.endswith(name[1:]):
            return True
    return False


_ACTIONS = ["CreateDistribution", "CreateDistributionWithTags", "UpdateDistribution"]


@rule("cloudfront-viewer-certificate", "CloudFront", _ACTIONS, "InvalidViewerCertificate",
      "https://github.com/cloudposse/terraform-aws-cloudfront-s3-cdn/issues/55")
def viewer_certificate(req):
    """An ACM viewer certificate exists in us-east-1 and is ISSUED."""
    arn = (_config(req).get("ViewerCertificate") or {}).get("ACMCertificateArn")
    if not arn:
        return
    parts = arn.split(":")
    bundle = certificate(req.account, arn) if len(parts) > 3 and parts[3] == "us-east-1" else None
    if bundle is None or bundle.status != "ISSUED":
        raise Refusal("InvalidViewerCertificate",
                      "The specified SSL certificate doesn't exist, isn't in us-east-1 region, isn't valid, or doesn't "
                      "include a valid certificate chain.")


@rule("cloudfront-certificate-covers-aliases", "CloudFront", _ACTIONS, "InvalidViewerCertificate",
      "https://github.com/hashicorp/terraform-provider-aws/issues/13828")
def certificate_covers_aliases(req):
    """Every alternate domain name (alias) is covered by the viewer certificate; aliases need a certificate
    other than CloudFront's default."""
    config = _config(req)
    aliases = _aliases(config)
    if not aliases:
        return
    viewer = config.get("ViewerCertificate") or {}
    arn = viewer.get("ACMCertificateArn")
    if not arn and not viewer.get("IAMCertificateId"):
        raise Refusal("InvalidViewerCertificate",
                      "To add an alternate domain name (CNAME) to a CloudFront distribution, you must attach a trusted "
                      f"certificate that validates your authorization to use the domain name. For more details, see: {_DOCS}")
    bundle = certificate(req.account, arn) if arn else None
    if bundle is None:
        return  # no ACM certificate to read (IAM certificate), or the viewer-certificate rule refuses it
    described = bundle.describe()["Certificate"]
    names = [described["DomainName"]] + list(described.get("SubjectAlternativeNames") or [])
    if not all(_covers(names, alias) for alias in aliases):
        raise Refusal("InvalidViewerCertificate",
                      "The certificate that is attached to your distribution doesn't cover the alternate domain name "
                      f"(CNAME) that you're trying to add. For more details, see: {_DOCS}")


@rule("cloudfront-cname-already-exists", "CloudFront", _ACTIONS, "CNAMEAlreadyExists",
      "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/CNAMEs.html")
def cname_already_exists(req):
    """An alternate domain name belongs to one distribution of the account at a time."""
    aliases = set(_aliases(_config(req)))
    if not aliases:
        return
    own = req.get("Id")
    for dist in req.backend("cloudfront").distributions.values():
        if dist.distribution_id == own:
            continue
        theirs = {a.lower() for a in (getattr(dist.distribution_config, "Aliases", {}) or {}).get("Items") or []}
        if aliases & theirs:
            raise Refusal("CNAMEAlreadyExists",
                          "One or more of the CNAMEs you provided are already associated with a different resource.",
                          status=409)
