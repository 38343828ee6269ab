"""CloudFront: distribution fields read back, and cache / origin-request /
response-headers policies (custom and the AWS managed ones).

moto 5.2.1 drops an origin's OriginAccessControlId, always returns
ForwardedValues (also when a CachePolicyId is set), defaults SSLSupportMethod
to sni-only for the default certificate, and has no policy APIs at all, so
data sources such as aws_cloudfront_cache_policy "Managed-CachingOptimized"
fail. Policies live on moto's CloudFrontBackend.
"""

import copy
import datetime
import uuid

FILLINS = [
    ("CloudFront", "CreateDistribution, GetDistribution, UpdateDistribution",
     "OriginAccessControlId and S3OriginConfig were dropped; ForwardedValues returned although CachePolicyId "
     "was set; SSLSupportMethod defaulted to sni-only for the default certificate"),
    ("CloudFront", "CreateDistribution, CreateDistributionWithTags (ARN)",
     "the distribution ARN had no empty region field (arn:aws:cloudfront:<account>:distribution/<id> instead of "
     "arn:aws:cloudfront::<account>:distribution/<id>), so policies conditioned on AWS:SourceArn named a different ARN"),
    ("CloudFront", "ListCachePolicies, GetCachePolicy, CreateCachePolicy, UpdateCachePolicy, DeleteCachePolicy",
     "absent; managed policies (Managed-CachingOptimized, Managed-CachingDisabled, …) did not exist"),
    ("CloudFront", "ListOriginRequestPolicies, GetOriginRequestPolicy, CreateOriginRequestPolicy, "
     "UpdateOriginRequestPolicy, DeleteOriginRequestPolicy",
     "absent; managed policies (Managed-AllViewer, Managed-AllViewerExceptHostHeader, …) did not exist"),
    ("CloudFront", "ListResponseHeadersPolicies, GetResponseHeadersPolicy, CreateResponseHeadersPolicy, "
     "UpdateResponseHeadersPolicy, DeleteResponseHeadersPolicy",
     "absent; managed policies (Managed-SecurityHeadersPolicy, …) did not exist"),
]


def _none(kind):
    return {f"{kind}Behavior": "none"}


def _keys(kind, behavior, items):
    cfg = {f"{kind}Behavior": behavior}
    if items:
        cfg[f"{kind}s"] = {"Quantity": len(items), "Items": items}
    return cfg


def _cache(name, comment, min_ttl, default_ttl, max_ttl, gzip, headers=None, cookies="none", query="none"):
    return {
        "Name": name, "Comment": comment, "MinTTL": min_ttl, "DefaultTTL": default_ttl, "MaxTTL": max_ttl,
        "ParametersInCacheKeyAndForwardedToOrigin": {
            "EnableAcceptEncodingGzip": gzip, "EnableAcceptEncodingBrotli": gzip,
            "HeadersConfig": _keys("Header", "whitelist" if headers else "none", headers),
            "CookiesConfig": {"CookieBehavior": cookies},
            "QueryStringsConfig": {"QueryStringBehavior": query},
        },
    }


def _origin(name, comment, headers="none", header_items=None, cookies="none", query="none"):
    return {
        "Name": name, "Comment": comment,
        "HeadersConfig": _keys("Header", headers, header_items),
        "CookiesConfig": {"CookieBehavior": cookies},
        "QueryStringsConfig": {"QueryStringBehavior": query},
    }


def _security_headers():
    return {
        "XSSProtection": {"Override": False, "Protection": True, "ModeBlock": True},
        "FrameOptions": {"Override": False, "FrameOption": "SAMEORIGIN"},
        "ReferrerPolicy": {"Override": False, "ReferrerPolicy": "strict-origin-when-cross-origin"},
        "ContentTypeOptions": {"Override": True},
        "StrictTransportSecurity": {"Override": False, "IncludeSubdomains": False, "Preload": False,
                                    "AccessControlMaxAgeSec": 31536000},
    }


def _cors(preflight):
    cfg = {
        "AccessControlAllowOrigins": {"Quantity": 1, "Items": ["*"]},
        "AccessControlAllowHeaders": {"Quantity": 1, "Items": ["*"]},
        "AccessControlAllowMethods": {"Quantity": 1, "Items": ["ALL" if preflight else "GET"]},
        "AccessControlAllowCredentials": False,
        "OriginOverride": False,
    }
    return cfg


def _headers(name, comment, cors=None, security=False):
    cfg = {"Name": name, "Comment": comment}
    if cors is not None:
        cfg["CorsConfig"] = _cors(cors)
    if security:
        cfg["SecurityHeadersConfig"] = _security_headers()
    return cfg


# AWS managed policies: the ids are AWS's own (the same in every account).
MANAGED = {
    "CachePolicy": {
        "658327ea-f89d-4fab-a63d-7e88639e58f6": _cache(
            "Managed-CachingOptimized", "Policy with caching enabled. Supports Gzip and Brotli compression.",
            1, 86400, 31536000, True),
        "4135ea2d-6df8-44a3-9df3-4b5a84be39ad": _cache(
            "Managed-CachingDisabled", "Policy with caching disabled", 0, 0, 0, False),
        "b2884449-e4de-46a7-ac36-70bc7f1ddd6d": _cache(
            "Managed-CachingOptimizedForUncompressedObjects",
            "Default policy when compression is disabled", 1, 86400, 31536000, False),
        "08627262-05a9-4f76-9ded-b50ca2e3a84f": _cache(
            "Managed-Elemental-MediaPackage", "Policy for Elemental MediaPackage Origin", 0, 86400, 31536000,
            True, headers=["origin"], query="whitelist"),
        "4cc15a8a-d715-48a4-82b8-cc0b614638fe": _cache(
            "Managed-Amplify", "Policy for Amplify Origin", 2, 2, 31536000, True,
            headers=["Authorization", "CloudFront-Viewer-Country", "Host"], cookies="all", query="all"),
    },
    "OriginRequestPolicy": {
        "216adef6-5c7f-47e4-b989-5492eafa07d3": _origin(
            "Managed-AllViewer", "Policy to forward all parameters in viewer requests",
            headers="allViewer", cookies="all", query="all"),
        "b689b0a8-53d0-40ab-baf2-68738e2966ac": _origin(
            "Managed-AllViewerExceptHostHeader",
            "Policy to forward all parameters in viewer requests except for the Host header",
            headers="allExcept", header_items=["host"], cookies="all", query="all"),
        "33f36d7e-f396-46d9-90e0-52428a34d9dc": _origin(
            "Managed-AllViewerAndCloudFrontHeaders-2022-06",
            "Policy to forward all parameters in viewer requests and all CloudFront headers",
            headers="allViewerAndWhitelistCloudFront", header_items=["CloudFront-Viewer-Country"],
            cookies="all", query="all"),
        "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf": _origin(
            "Managed-CORS-S3Origin", "Policy for origin request headers for S3 CORS",
            headers="whitelist",
            header_items=["origin", "access-control-request-headers", "access-control-request-method"]),
        "59781a5b-3903-41f3-afcb-af62929ccde1": _origin(
            "Managed-CORS-CustomOrigin", "Policy for origin request headers for custom CORS",
            headers="whitelist", header_items=["origin"]),
        "acba4595-bd28-49b8-b9fe-13317c0390fa": _origin(
            "Managed-UserAgentRefererHeaders", "Policy for User-Agent and Referer headers",
            headers="whitelist", header_items=["referer", "user-agent"]),
    },
    "ResponseHeadersPolicy": {
        "60669652-455b-4ae9-85a4-c4c02393f86c": _headers(
            "Managed-SimpleCORS", "Allows all origins for simple CORS requests", cors=False),
        "5cc3b908-e619-4b99-88e5-2cf7f45965bd": _headers(
            "Managed-CORS-With-Preflight", "Allows all origins for CORS requests, including preflight requests",
            cors=True),
        "67f7725c-6f97-4210-82d7-5512b31e9d03": _headers(
            "Managed-SecurityHeadersPolicy", "Adds a set of security headers to every response", security=True),
        "e61eb60c-9c35-4d20-a928-2b84e02af89c": _headers(
            "Managed-CORS-and-SecurityHeadersPolicy",
            "Allows all origins for simple CORS requests and adds security headers", cors=False, security=True),
        "eaab4381-ed33-4a86-88ca-d9558dc6cd63": _headers(
            "Managed-CORS-with-preflight-and-SecurityHeadersPolicy",
            "Allows all origins for CORS requests, including preflight, and adds security headers",
            cors=True, security=True),
    },
}

_PATHS = {"CachePolicy": "cache-policy", "OriginRequestPolicy": "origin-request-policy",
          "ResponseHeadersPolicy": "response-headers-policy"}


def _store(backend):
    if not hasattr(backend, "fillin_policies"):
        now = datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone.utc)
        backend.fillin_policies = {
            kind: {pid: {"Id": pid, "Type": "managed", "Config": copy.deepcopy(cfg), "ETag": "E" + pid[:12].upper(),
                         "LastModifiedTime": now}
                   for pid, cfg in items.items()}
            for kind, items in MANAGED.items()
        }
    return backend.fillin_policies


def install():
    from moto.cloudfront import exceptions as cf_exc
    from moto.cloudfront import models, urls
    from moto.cloudfront.responses import CloudFrontResponse as R
    from moto.core.responses import ActionResult, EmptyResult

    def error(code, message):
        return cf_exc.CloudFrontException(code, message)

    # --- distribution fields ----------------------------------------------
    original_distribution_init = models.Distribution.__init__

    def distribution_init(self, account_id, region_name, config):
        original_distribution_init(self, account_id, region_name, config)
        # CloudFront is global: its ARNs have an empty region field.
        partition = self.arn.split(":", 2)[1]
        self.arn = f"arn:{partition}:cloudfront::{account_id}:distribution/{self.distribution_id}"

    models.Distribution.__init__ = distribution_init

    original_origin_init = models.Origin.__init__

    def origin_init(self, origin):
        original_origin_init(self, origin)
        self.origin_access_control_id = origin.get("OriginAccessControlId") or ""
        if "S3OriginConfig" in origin:
            self.s3_origin_config = {"OriginAccessIdentity": self.s3_access_identity or ""}

    models.Origin.__init__ = origin_init

    original_behaviour_init = models.DefaultCacheBehaviour.__init__

    def behaviour_init(self, config):
        original_behaviour_init(self, config)
        if config.get("CachePolicyId"):
            # AWS returns no legacy cache settings with a cache policy.
            self.forwarded_values = None
        for key, attr in (("FunctionAssociations", "function_associations"),
                          ("LambdaFunctionAssociations", "lambda_function_associations")):
            if config.get(key):
                setattr(self, attr, config[key])

    models.DefaultCacheBehaviour.__init__ = behaviour_init

    original_cb_init = models.CacheBehaviour.__init__

    def cb_init(self, config):
        original_cb_init(self, config)
        if config.get("CachePolicyId"):
            self.forwarded_values = None
        self.response_headers_policy_id = config.get("ResponseHeadersPolicyId")

    models.CacheBehaviour.__init__ = cb_init

    original_cert_init = models.ViewerCertificate.__init__

    def cert_init(self, config):
        original_cert_init(self, config)
        if not config.get("SSLSupportMethod") and not (config.get("ACMCertificateArn") or config.get("IAMCertificateId")):
            self.ssl_support_method = None
        if config.get("ACMCertificateArn"):
            self.certificate_source = "acm"
            self.cloud_front_default_certificate = bool(config.get("CloudFrontDefaultCertificate", False))

    models.ViewerCertificate.__init__ = cert_init

    # --- policies -----------------------------------------------------------
    for kind, path in _PATHS.items():
        urls.url_paths["{0}/2020-05-31/" + path + "$"] = R.dispatch
        urls.url_paths["{0}/2020-05-31/" + path + "/(?P<policy_id>[^/]+)$"] = R.dispatch
        urls.url_paths["{0}/2020-05-31/" + path + "/(?P<policy_id>[^/]+)/config$"] = R.dispatch

    def make(kind):
        config_key = f"{kind}Config"
        not_found = f"NoSuch{kind}"

        def view(item):
            return {"Id": item["Id"], "LastModifiedTime": item["LastModifiedTime"], config_key: item["Config"]}

        def get_item(self, check_etag=False):
            store = _store(self.backend)[kind]
            pid = self._get_param("Id")
            if pid not in store:
                raise error(not_found, f"The {kind} {pid} does not exist.")
            item = store[pid]
            if check_etag:
                if item["Type"] == "managed":
                    raise error("AccessDenied", f"Managed {kind} {pid} cannot be changed.")
                if_match = self._get_param("IfMatch")
                if if_match and if_match != item["ETag"]:
                    raise error("PreconditionFailed", "The If-Match version is missing or not valid.")
            return item

        def list_(self):
            wanted = self._get_param("Type")
            items = [i for i in _store(self.backend)[kind].values() if not wanted or i["Type"] == wanted]
            return ActionResult({f"{kind}List": {
                "MaxItems": 100, "Quantity": len(items),
                "Items": [{"Type": i["Type"], kind: view(i)} for i in items] or None,
            }})

        def get(self):
            item = get_item(self)
            return ActionResult({kind: view(item), "ETag": item["ETag"]})

        def get_config(self):
            item = get_item(self)
            return ActionResult({config_key: item["Config"], "ETag": item["ETag"]})

        def create(self):
            store = _store(self.backend)[kind]
            config = self._get_param(config_key) or {}
            if any(i["Config"].get("Name") == config.get("Name") for i in store.values()):
                raise error(f"{kind}AlreadyExists", f"A {kind} named {config.get('Name')} already exists.")
            pid = str(uuid.uuid4())
            item = {"Id": pid, "Type": "custom", "Config": config, "ETag": uuid.uuid4().hex[:14].upper(),
                    "LastModifiedTime": datetime.datetime.now(datetime.timezone.utc)}
            store[pid] = item
            return ActionResult({kind: view(item), "ETag": item["ETag"],
                                 "Location": f"https://cloudfront.amazonaws.com/2020-05-31/{_PATHS[kind]}/{pid}"})

        def update(self):
            item = get_item(self, check_etag=True)
            item["Config"] = self._get_param(config_key) or {}
            item["ETag"] = uuid.uuid4().hex[:14].upper()
            item["LastModifiedTime"] = datetime.datetime.now(datetime.timezone.utc)
            return ActionResult({kind: view(item), "ETag": item["ETag"]})

        def delete(self):
            item = get_item(self, check_etag=True)
            del _store(self.backend)[kind][item["Id"]]
            return EmptyResult()

        plural = {"CachePolicy": "cache_policies", "OriginRequestPolicy": "origin_request_policies",
                  "ResponseHeadersPolicy": "response_headers_policies"}[kind]
        singular = {"CachePolicy": "cache_policy", "OriginRequestPolicy": "origin_request_policy",
                    "ResponseHeadersPolicy": "response_headers_policy"}[kind]
        setattr(R, f"list_{plural}", list_)
        setattr(R, f"get_{singular}", get)
        setattr(R, f"get_{singular}_config", get_config)
        setattr(R, f"create_{singular}", create)
        setattr(R, f"update_{singular}", update)
        setattr(R, f"delete_{singular}", delete)

    for kind in _PATHS:
        make(kind)
