"""X-Ray sampling rules and their tags.

moto 5.2.1 routes only the trace APIs of X-Ray; CreateSamplingRule,
GetSamplingRules, UpdateSamplingRule, DeleteSamplingRule and the tag actions
answered 404, so aws_xray_sampling_rule could not be created. Rules live on
moto's XRayBackend, tags in a moto TaggingService; the built-in "Default" rule
exists as in AWS.
"""

import json
import time

FILLINS = [
    ("X-Ray", "CreateSamplingRule, GetSamplingRules, UpdateSamplingRule, DeleteSamplingRule",
     "no sampling-rule routes"),
    ("X-Ray", "TagResource, UntagResource, ListTagsForResource", "no tag routes"),
]

_PATHS = ["CreateSamplingRule", "GetSamplingRules", "UpdateSamplingRule", "DeleteSamplingRule",
          "TagResource", "UntagResource", "ListTagsForResource"]

_UPDATABLE = ["ResourceARN", "Priority", "FixedRate", "ReservoirSize", "Host", "ServiceName", "ServiceType",
              "HTTPMethod", "URLPath", "Attributes"]


def _state(backend):
    from moto.utilities.tagging_service import TaggingService

    if not hasattr(backend, "fillin_rules"):
        arn = f"arn:aws:xray:{backend.region_name}:{backend.account_id}:sampling-rule/Default"
        now = time.time()
        backend.fillin_rules = {"Default": {
            "SamplingRule": {
                "RuleName": "Default", "RuleARN": arn, "ResourceARN": "*", "Priority": 10000,
                "FixedRate": 0.05, "ReservoirSize": 1, "ServiceName": "*", "ServiceType": "*", "Host": "*",
                "HTTPMethod": "*", "URLPath": "*", "Version": 1, "Attributes": {},
            },
            "CreatedAt": now, "ModifiedAt": now,
        }}
        backend.fillin_tags = TaggingService()
    return backend


def install():
    from moto.xray import urls
    from moto.xray.responses import XRayResponse as R

    for path in _PATHS:
        urls.url_paths["{0}/" + path + "$"] = R.dispatch

    def find(backend, name=None, arn=None):
        for record in backend.fillin_rules.values():
            rule = record["SamplingRule"]
            if (name and rule["RuleName"] == name) or (arn and rule["RuleARN"] == arn):
                return record
        return None

    def missing(self):
        return self._error("InvalidRequestException", "Sampling rule does not exist")

    def create_sampling_rule(self):
        backend = _state(self.xray_backend)
        rule = dict(self._get_param("SamplingRule") or {})
        name = rule.get("RuleName")
        if not name or name in backend.fillin_rules:
            return self._error("RuleLimitExceededException" if name else "InvalidRequestException",
                               f"Sampling rule {name} already exists" if name else "RuleName is required")
        rule["RuleARN"] = f"arn:aws:xray:{self.region}:{self.current_account}:sampling-rule/{name}"
        rule.setdefault("Attributes", {})
        rule.setdefault("Version", 1)
        now = time.time()
        record = {"SamplingRule": rule, "CreatedAt": now, "ModifiedAt": now}
        backend.fillin_rules[name] = record
        tags = self._get_param("Tags") or []
        if tags:
            backend.fillin_tags.tag_resource(rule["RuleARN"], tags)
        return json.dumps({"SamplingRuleRecord": record})

    def get_sampling_rules(self):
        backend = _state(self.xray_backend)
        records = sorted(backend.fillin_rules.values(), key=lambda r: r["SamplingRule"]["Priority"])
        return json.dumps({"SamplingRuleRecords": records})

    def update_sampling_rule(self):
        backend = _state(self.xray_backend)
        update = self._get_param("SamplingRuleUpdate") or {}
        record = find(backend, update.get("RuleName"), update.get("RuleARN"))
        if record is None:
            return missing(self)
        for key in _UPDATABLE:
            if key in update:
                record["SamplingRule"][key] = update[key]
        record["ModifiedAt"] = time.time()
        return json.dumps({"SamplingRuleRecord": record})

    def delete_sampling_rule(self):
        backend = _state(self.xray_backend)
        record = find(backend, self._get_param("RuleName"), self._get_param("RuleARN"))
        if record is None:
            return missing(self)
        name = record["SamplingRule"]["RuleName"]
        if name == "Default":
            return self._error("InvalidRequestException", "The Default rule cannot be deleted")
        del backend.fillin_rules[name]
        backend.fillin_tags.delete_all_tags_for_resource(record["SamplingRule"]["RuleARN"])
        return json.dumps({"SamplingRuleRecord": record})

    def on_rule(action):
        """A tag action on an existing rule's ARN; unknown ARNs are not found."""

        def handler(self):
            backend = _state(self.xray_backend)
            arn = self._get_param("ResourceARN")
            if find(backend, arn=arn) is None:
                return self._error("ResourceNotFoundException", "Resource not found")
            return json.dumps(action(self, backend.fillin_tags, arn))

        handler.__name__ = action.__name__
        return handler

    @on_rule
    def tag_resource(self, tags, arn):
        tags.tag_resource(arn, self._get_param("Tags") or [])
        return {}

    @on_rule
    def untag_resource(self, tags, arn):
        tags.untag_resource_using_names(arn, self._get_param("TagKeys") or [])
        return {}

    @on_rule
    def list_tags_for_resource(self, tags, arn):
        return tags.list_tags_for_resource(arn)

    for fn in (create_sampling_rule, get_sampling_rules, update_sampling_rule, delete_sampling_rule,
               tag_resource, untag_resource, list_tags_for_resource):
        setattr(R, fn.__name__, fn)
