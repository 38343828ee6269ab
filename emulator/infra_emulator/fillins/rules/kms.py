"""KMS: automatic rotation periods."""

from . import Refusal, rule


@rule("kms-rotation-period", "KMS", "EnableKeyRotation", "ValidationException",
      "https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html")
def rotation_period(req):
    """RotationPeriodInDays is 90-2560."""
    days = req.get("RotationPeriodInDays")
    if days is None:
        return
    if int(days) < 90:
        bound = "greater than or equal to 90"
    elif int(days) > 2560:
        bound = "less than or equal to 2560"
    else:
        return
    raise Refusal("ValidationException",
                  f"1 validation error detected: Value '{days}' at 'rotationPeriodInDays' failed to satisfy "
                  f"constraint: Member must have value {bound}")
