"""KMS rotation period.

moto 5.2.1 ignores EnableKeyRotation's RotationPeriodInDays and answers
GetKeyRotationStatus without it, so a key with rotation_period_in_days
(default 365 in AWS) never converges: the provider reads 0 every plan.
"""

import json

FILLINS = [
    ("KMS", "EnableKeyRotation, GetKeyRotationStatus (RotationPeriodInDays)",
     "the rotation period was dropped and never returned, so rotation_period_in_days diffed every plan"),
]

_DEFAULT_PERIOD = 365


def install():
    from moto.kms.responses import KmsResponse as R

    original_enable = R.enable_key_rotation
    original_status = R.get_key_rotation_status

    def enable_key_rotation(self):
        result = original_enable(self)
        key = self.kms_backend.keys[self.kms_backend.get_key_id(self._get_param("KeyId"))]
        key.fillin_rotation_period = self._get_param("RotationPeriodInDays") or _DEFAULT_PERIOD
        return result

    def get_key_rotation_status(self):
        body = json.loads(original_status(self))
        if body.get("KeyRotationEnabled"):
            key = self.kms_backend.keys[self.kms_backend.get_key_id(self._get_param("KeyId"))]
            body["RotationPeriodInDays"] = getattr(key, "fillin_rotation_period", _DEFAULT_PERIOD)
        return json.dumps(body)

    R.enable_key_rotation = enable_key_rotation
    R.get_key_rotation_status = get_key_rotation_status
