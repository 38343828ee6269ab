"""IAM enforcement: what moto needs to authorise the CI roles' requests as AWS does.

moto authorises requests against the caller's IAM policies once IAM
enforcement is on (``INITIAL_NO_AUTH_ACTION_COUNT``, or at run time
``POST /moto-api/reset-auth`` with the number of requests to let through
unauthenticated, ``0`` for all; ``inf`` switches it off again). Three gaps
made it refuse requests AWS accepts from a least-privilege role:

* The SigV4 check rebuilt the canonical request from the decoded URL, so a
  query parameter with an encoded reserved character (the S3 backend's
  ``ListObjectsV2 prefix=env%3A%2F``, sent by every Terraform run) never
  matched the client's signature: SignatureDoesNotMatch. AWS signs and
  checks the query string as sent (Signature Version 4, "Create a canonical
  request": each name and value URI-encoded).
* DynamoDB requests were authorised against Resource ``*``, so a statement
  scoped to a table ARN (the Terraform lock table) never matched. AWS
  authorises item and table actions against the table's ARN
  (``arn:aws:dynamodb:<region>:<account>:table/<name>``; Service
  Authorization Reference, Amazon DynamoDB, resource type ``table``).
* S3's HeadBucket was authorised as ``s3:HeadBucket``, which is no IAM
  action; AWS requires ``s3:ListBucket`` ("To use this operation, you must
  have permissions to perform the s3:ListBucket action", HeadBucket API
  reference).
* The action was named after the request's signing name: CloudWatch signs
  as ``monitoring``, so ``cloudwatch:DescribeAlarms`` in a policy never
  matched ``monitoring:DescribeAlarms``. IAM names CloudWatch's actions
  ``cloudwatch:…`` (Service Authorization Reference, Amazon CloudWatch).

* The signature's payload hash was computed over moto's parsed parameters
  when the request had no body (a REST GET such as Route 53's
  ListHostedZones: the query parameters, or the headers), so every such
  request was refused with SignatureDoesNotMatch. AWS hashes the payload as
  sent, empty for a GET (SigV4, "Create a canonical request":
  HashedPayload).
* KMS and Secrets Manager requests were authorised against Resource ``*``,
  so statements scoped to key or secret ARNs (the CI roles' state key and
  stack secrets) never matched. AWS authorises them against the key's ARN
  (an alias in ``KeyId`` resolves to its key; alias actions without a key
  against the alias ARN) and the secret's ARN (Service Authorization
  Reference, AWS KMS: resource types ``key`` and ``alias``; AWS Secrets
  Manager: ``Secret``).

* Identity policies were evaluated with no request context, so a statement
  with a Condition never matched (an Allow granted nothing, a Deny refused
  nothing). AWS evaluates the global condition keys of every request; the
  fill-in supplies ``aws:RequestedRegion`` (IAM User Guide, "AWS global
  condition context keys").

What moto does not do (docs/emulator.md): resource-level permissions of
other services (their requests are authorised against ``*``), condition
keys of identity policies other than aws:RequestedRegion (decided the strict
way: an Allow that needs another key does not apply, a Deny that tests one
applies), service-linked checks (a call that needs a second permission on
AWS, such as ecs:CreateService's iam:PassRole, is checked once; KMS alias
actions are checked on the alias and every key involved, as AWS does).
"""

import json

from .policy_conditions import PartialContext

from moto.core.exceptions import _RESTError
from urllib.parse import urlparse, urlunparse

FILLINS = [
    ("IAM enforcement", "SigV4 check of every request",
     "the signature was recomputed over the decoded query string, so a request with an encoded reserved character in a parameter (Terraform's S3 backend: ListObjectsV2 prefix=env%3A%2F) was refused with SignatureDoesNotMatch"),
    ("IAM enforcement", "DynamoDB (every action with TableName)",
     "requests were authorised against Resource \"*\", so a policy statement scoped to the table ARN (the Terraform lock table) never matched"),
    ("IAM enforcement", "CloudWatch (every action)",
     "the action was named after the signing name (monitoring:DescribeAlarms), not IAM's prefix (cloudwatch:DescribeAlarms)"),
    ("IAM enforcement", "refusals (AccessDenied, InvalidClientTokenId, SignatureDoesNotMatch)",
     "rendered as <ErrorResponse><Errors><Error> for every service, which the SDKs of query and REST-XML services cannot parse (UnknownError), and as XML for JSON services; AWS answers in the service's protocol: <ErrorResponse><Error> (query, REST-XML), {\"__type\": \"AccessDeniedException\"|\"UnrecognizedClientException\"} with HTTP 400 (JSON)"),
    ("IAM enforcement", "identity policy conditions",
     "identity policies were evaluated with no request context, so every statement with a Condition (the CI apply role's aws:RequestedRegion on its unscoped statements) never matched: its Allow granted nothing, its Deny refused nothing; AWS supplies the global condition keys of every request"),
    ("IAM enforcement", "SigV4 payload hash of a request without a body",
     "the payload hash was computed over moto's parsed query parameters or headers instead of the empty body, so every such request was refused with SignatureDoesNotMatch"),
    ("IAM enforcement", "KMS and Secrets Manager resources",
     "requests were authorised against Resource \"*\", so statements scoped to key or secret ARNs (the CI roles' state key and stack secrets) neither allowed nor denied anything"),
    ("IAM enforcement", "S3 HeadBucket",
     "authorised as s3:HeadBucket, an action IAM does not have, so no policy allowed it; AWS authorises HeadBucket as s3:ListBucket"),
]

# Signing names whose IAM action prefix differs.
IAM_PREFIX = {"monitoring": "cloudwatch"}


# What JSON-protocol services call moto's query-style refusal codes.
JSON_CODES = {"AccessDenied": "AccessDeniedException", "InvalidClientTokenId": "UnrecognizedClientException"}

_protocols = {}


def protocol(service):
    """The service's wire protocol from botocore's model (None when unknown)."""
    if service not in _protocols:
        try:
            import botocore.session

            meta = botocore.session.get_session().get_service_model(service).metadata
            proto = meta.get("protocol")
            # CloudWatch lists CBOR first but also serves query, which the
            # emulator and this project's clients speak.
            if proto == "smithy-rpc-v2-cbor" and "query" in meta.get("protocols", []):
                proto = "query"
            _protocols[service] = proto
        except Exception:  # unknown service name: leave moto's answer alone
            _protocols[service] = None
    return _protocols[service]


def in_protocol(response, err):
    """moto's refusal re-rendered the way the service's own protocol answers it."""
    from xml.sax.saxutils import escape

    from moto.core.exceptions import JsonRESTError, _RESTError

    proto = protocol(getattr(response, "service_name", "") or "")
    if proto in ("json", "rest-json"):
        out = JsonRESTError(JSON_CODES.get(err.error_type, err.error_type), err.message)
        out.code = 400
        return out
    if proto in ("query", "rest-xml"):
        out = _RESTError(err.error_type, err.message)
        out.code = err.code
        out.description = (
            "<ErrorResponse><Error><Type>Sender</Type>"
            f"<Code>{escape(err.error_type)}</Code><Message>{escape(err.message)}</Message>"
            "</Error><RequestId>infra-emulator</RequestId></ErrorResponse>"
        )
        return out
    return err  # ec2 (Response/Errors/Error) and s3 keep moto's own shapes


def _json_body(response):
    body = response.body
    if isinstance(body, (bytes, str)):
        try:
            body = json.loads(body or "{}")
        except ValueError:
            return {}
    return body if isinstance(body, dict) else {}


def _arn(response, service, resource):
    from moto.utilities.utils import get_partition

    return f"arn:{get_partition(response.region)}:{service}:{response.region}:{response.current_account}:{resource}"


def kms_resource(self):
    """The key a KMS request acts on (an alias resolved to its key), else its alias, else *."""
    import base64

    from moto.kms.models import kms_backends
    from moto.kms.utils import KEY_ID_LEN

    body = _json_body(self)
    key = body.get("KeyId") or body.get("TargetKeyId") or body.get("DestinationKeyId")
    if not key and body.get("CiphertextBlob"):
        try:
            key = base64.b64decode(body["CiphertextBlob"])[:KEY_ID_LEN].decode()
        except (ValueError, UnicodeDecodeError):
            key = None
    backend = kms_backends[self.current_account][self.region]
    alias = body.get("AliasName")
    if alias and self._get_action() in ("CreateAlias", "UpdateAlias", "DeleteAlias"):
        # AWS authorises alias actions on the alias and on every key
        # involved: the key it points to now and the new target.
        resources = [_arn(self, "kms", alias)]
        current = backend.get_key_id_from_alias(alias) if alias.startswith("alias/") else None
        for k in (current, key):
            if k:
                arn = _key_arn(self, backend, k)
                if arn not in resources:
                    resources.append(arn)
        return resources
    if not key:
        return _arn(self, "kms", alias) if alias else "*"
    return _key_arn(self, backend, key)


def _key_arn(self, backend, key):
    try:
        key_id = backend.any_id_to_key_id(key)
    except Exception:  # an alias that names no key
        key_id = None
    if key_id and key_id in backend.keys:
        return backend.keys[key_id].arn
    if key.startswith("arn:"):
        return key
    return _arn(self, "kms", key if key.startswith("alias/") else f"key/{key}")


def secret_resource(self):
    """The ARN of the secret a Secrets Manager request names (its full ARN once it exists), else *."""
    from moto.secretsmanager.models import secretsmanager_backends

    body = _json_body(self)
    name = body.get("SecretId") or body.get("Name")
    if not name:
        return "*"
    secret = secretsmanager_backends[self.current_account][self.region].secrets.get(name)
    if secret is not None:
        return secret.arn
    return name if name.startswith("arn:") else _arn(self, "secretsmanager", f"secret:{name}")


def install():
    from moto.core import authorization
    from moto.core.responses import BaseResponse
    from moto.dynamodb.responses import DynamoHandler
    from moto.iam import access_control

    original_setup = BaseResponse.setup_class

    def setup_class(self, request, full_url, headers, *args, **kwargs):
        result = original_setup(self, request, full_url, headers, *args, **kwargs)
        environ = getattr(request, "environ", None) or {}
        raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
        self._infra_raw_query = urlparse(raw).query if raw else None
        return result

    BaseResponse.setup_class = setup_class

    original_auth = authorization.ActionAuthenticatorMixin._authenticate_and_authorize_action

    def authenticate_and_authorize(self, iam_request_cls, resource="*"):
        if isinstance(resource, list):
            # An action AWS authorises on several resources: each must pass.
            for one in resource:
                authenticate_and_authorize(self, iam_request_cls, one)
            return
        raw = getattr(self, "_infra_raw_query", None)
        decoded = self.uri
        if raw:
            self.uri = urlunparse(urlparse(decoded)._replace(query=raw))
        try:
            return original_auth(self, iam_request_cls, resource)
        except _RESTError as err:
            raise in_protocol(self, err) from None
        finally:
            self.uri = decoded

    authorization.ActionAuthenticatorMixin._authenticate_and_authorize_action = authenticate_and_authorize

    def determine_resource(self):
        name = _json_body(self).get("TableName")
        if not name:
            return "*"
        return name if name.startswith("arn:") else _arn(self, "dynamodb", f"table/{name}")

    DynamoHandler._determine_resource = determine_resource

    original_init = access_control.IAMRequestBase.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        service, _, action = self._action.partition(":")
        if service in IAM_PREFIX:
            self._action = f"{IAM_PREFIX[service]}:{action}"

    access_control.IAMRequestBase.__init__ = init

    # Identity policies see the request's context. Only aws:RequestedRegion
    # (the signing region) is supplied: a condition on any other key still
    # does not match, so an Allow that needs it grants nothing here.
    def check_action_permitted(self, resource):
        if self._action == "sts:GetCallerIdentity":
            return
        context = PartialContext({"aws:RequestedRegion": self._region}, known=["aws:RequestedRegion"])
        permitted = False
        for policy in self._access_key.collect_policies():
            result = access_control.IAMPolicy(policy).is_action_permitted(self._action, resource, None, context)
            if result == access_control.PermissionResult.DENIED:
                self._raise_access_denied()
            elif result == access_control.PermissionResult.PERMITTED:
                permitted = True
        if self._is_assuming_role_operation(resource):
            permitted = permitted and self._check_role_trust_relationship(resource)
        if not permitted:
            self._raise_access_denied()

    access_control.IAMRequestBase.check_action_permitted = check_action_permitted

    def create_aws_request(self):
        # moto's own, but SigV4 hashes the body as sent. moto passed its
        # parsed parameters whenever the raw body was empty: right for a
        # form POST (the server consumed the body, the form re-encodes to
        # it), wrong for a request without a body (a REST GET, whose
        # "parameters" are its query string or even its headers).
        from botocore.awsrequest import AWSRequest

        signed = self._get_string_between("SignedHeaders=", ",", self._headers["Authorization"]).split(";")
        headers = self._create_headers_for_aws_request(signed, self._headers)
        content_type = next((v for k, v in self._headers.items() if k.lower() == "content-type"), "")
        data = self._body or (self._data if content_type.startswith("application/x-www-form-urlencoded") else b"")
        request = AWSRequest(method=self._method, url=self._path, data=data, headers=headers)
        request.context["timestamp"] = headers["X-Amz-Date"]
        return request

    access_control.IAMRequestBase._create_aws_request = create_aws_request

    from moto.kms.responses import KmsResponse
    from moto.secretsmanager.responses import SecretsManagerResponse

    KmsResponse._determine_resource = kms_resource
    SecretsManagerResponse._determine_resource = secret_resource

    from moto.s3.responses import S3Response

    original_set_action = S3Response._set_action

    def set_action(self, action_resource_type, method, querystring):
        original_set_action(self, action_resource_type, method, querystring)
        if self.data.get("Action") == "HeadBucket":
            self.data["Action"] = "ListBucket"

    S3Response._set_action = set_action
