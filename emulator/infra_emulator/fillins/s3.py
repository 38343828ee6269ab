"""S3 lifecycle configuration keeps its TransitionDefaultMinimumObjectSize.

moto 5.2.1 ignores the x-amz-transition-default-minimum-object-size header of
PutBucketLifecycleConfiguration and always answers ``all_storage_classes_128K``,
so aws_s3_bucket_lifecycle_configuration with ``varies_by_storage_class`` waited
until it timed out. The value put is kept on the bucket and returned by Put and
GetBucketLifecycleConfiguration (default ``all_storage_classes_128K``).
"""

FILLINS = [
    ("S3", "PutBucketLifecycleConfiguration, GetBucketLifecycleConfiguration",
     "TransitionDefaultMinimumObjectSize was ignored; Get always returned all_storage_classes_128K"),
]

HEADER = "x-amz-transition-default-minimum-object-size"
DEFAULT = "all_storage_classes_128K"


def install():
    from moto.s3.responses import S3Response

    original_put = S3Response._bucket_response_put

    def bucket_response_put(self, request, bucket_name, querystring):
        result = original_put(self, request, bucket_name, querystring)
        if "lifecycle" in querystring and result == "":
            value = request.headers.get(HEADER) or DEFAULT
            bucket = self.backend.get_bucket(bucket_name)
            bucket.fillin_transition_default_minimum_object_size = value
            return 200, {HEADER: value}, ""
        return result

    original_get = S3Response.get_bucket_lifecycle

    def get_bucket_lifecycle(self):
        status, headers, body = original_get(self)
        bucket = self.backend.get_bucket(self.bucket_name)
        headers[HEADER] = getattr(bucket, "fillin_transition_default_minimum_object_size", DEFAULT)
        return status, headers, body

    S3Response._bucket_response_put = bucket_response_put
    S3Response.get_bucket_lifecycle = get_bucket_lifecycle
