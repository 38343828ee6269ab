"""CloudWatch Logs: AssociateKmsKey and DisassociateKmsKey.

moto 5.2.1 has neither, so changing the kms_key_id of an existing aws_cloudwatch_log_group
answered 500 (and the provider retried). Here they set and clear the group's key, which
DescribeLogGroups already returns. Whether the key may be used is the rule logs-kms-key-usable.
"""

FILLINS = [
    ("CloudWatch Logs", "AssociateKmsKey, DisassociateKmsKey", "absent: a log group's KMS key could not be changed"),
]


def install():
    from moto.logs.exceptions import ResourceNotFoundException
    from moto.logs.responses import LogsResponse as R

    def _group(self):
        name = self._get_param("logGroupName") or str(self._get_param("resourceIdentifier") or "").split(":log-group:")[-1]
        group = self.logs_backend.groups.get(name)
        if group is None:
            raise ResourceNotFoundException()
        return group

    def associate_kms_key(self):
        _group(self).kms_key_id = self._get_param("kmsKeyId")
        return ""

    def disassociate_kms_key(self):
        _group(self).kms_key_id = None
        return ""

    R.associate_kms_key = associate_kms_key
    R.disassociate_kms_key = disassociate_kms_key
