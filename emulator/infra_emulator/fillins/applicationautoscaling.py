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
    ("Application Auto Scaling", "DeleteScalingPolicy, DeregisterScalableTarget",
     "a missing policy or target answered ValidationException; AWS answers ObjectNotFoundException"),
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


def _object_not_found(fn):
    """AWS answers a delete of a policy or target that is not there with
    ObjectNotFoundException (the API reference's error for both actions;
    e.g. after ECS deleted them with their service, eagletmt/hako#69), which
    the provider takes as already deleted; moto answers ValidationException,
    which fails a destroy whose first call succeeded but was retried."""
    from moto.applicationautoscaling.exceptions import AWSValidationException
    from moto.core.exceptions import JsonRESTError

    def wrapped(self, *args, **kwargs):
        try:
            return fn(self, *args, **kwargs)
        except AWSValidationException as e:
            message = getattr(e, "message", str(e))
            if message.startswith(("No scaling policy found", "No scalable target found")):
                raise JsonRESTError("ObjectNotFoundException", message)
            raise
    return wrapped


def install():
    from moto.applicationautoscaling.models import ApplicationAutoscalingBackend as B
    from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse as R
    from moto.core.exceptions import JsonRESTError

    B.delete_scaling_policy = _object_not_found(B.delete_scaling_policy)
    B.deregister_scalable_target = _object_not_found(B.deregister_scalable_target)

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
