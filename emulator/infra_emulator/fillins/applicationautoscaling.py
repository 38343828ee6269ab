"""Application Auto Scaling tags.

moto 5.2.1 has no ListTagsForResource/TagResource/UntagResource for
application-autoscaling and ignores the Tags of RegisterScalableTarget, so
aws_appautoscaling_target fails on create and destroy (it reads tags by the
target ARN). Tags live in moto's TaggingService on the backend, keyed by ARN.
"""

import json

FILLINS = [
    ("Application Auto Scaling", "ListTagsForResource, TagResource, UntagResource",
     "no tag actions; RegisterScalableTarget ignored Tags"),
]


def _tagger(backend):
    from moto.utilities.tagging_service import TaggingService

    if not hasattr(backend, "fillin_tags"):
        backend.fillin_tags = TaggingService()
    return backend.fillin_tags


def _known_arn(backend, arn):
    for by_id in backend.targets.values():
        for target in by_id.values():
            if target.arn == arn:
                return True
    return False


def install():
    from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse as R
    from moto.core.exceptions import JsonRESTError

    def _check(backend, arn):
        if not _known_arn(backend, arn):
            raise JsonRESTError("ResourceNotFoundException", f"No scalable target found for {arn}")

    original_register = R.register_scalable_target

    def register_scalable_target(self):
        body = original_register(self)
        tags = self._get_param("Tags") or {}
        if tags:
            arn = json.loads(body)["ScalableTargetARN"]
            _tagger(self.applicationautoscaling_backend).tag_resource(
                arn, [{"Key": k, "Value": v} for k, v in tags.items()])
        return body

    def list_tags_for_resource(self):
        backend = self.applicationautoscaling_backend
        arn = self._get_param("ResourceARN")
        _check(backend, arn)
        return json.dumps({"Tags": _tagger(backend).get_tag_dict_for_resource(arn)})

    def tag_resource(self):
        backend = self.applicationautoscaling_backend
        arn = self._get_param("ResourceARN")
        _check(backend, arn)
        tags = self._get_param("Tags") or {}
        _tagger(backend).tag_resource(arn, [{"Key": k, "Value": v} for k, v in tags.items()])
        return "{}"

    def untag_resource(self):
        backend = self.applicationautoscaling_backend
        arn = self._get_param("ResourceARN")
        _check(backend, arn)
        _tagger(backend).untag_resource_using_names(arn, self._get_param("TagKeys") or [])
        return "{}"

    R.register_scalable_target = register_scalable_target
    R.list_tags_for_resource = list_tags_for_resource
    R.tag_resource = tag_resource
    R.untag_resource = untag_resource
