"""Secrets Manager: names held by secrets scheduled for deletion, recovery windows."""

from . import Refusal, rule


@rule("secretsmanager-name-scheduled-for-deletion", "Secrets Manager", "CreateSecret", "InvalidRequestException",
      "https://github.com/aws-ia/terraform-aws-eks-blueprints/issues/1733")
def name_scheduled_for_deletion(req):
    """A secret scheduled for deletion keeps its name until its recovery window ends (or it is restored or
    force-deleted): a new secret can't take it."""
    secret = req.backend("secretsmanager").secrets.get(req.get("Name") or "")
    if secret is not None and secret.is_deleted():
        raise Refusal("InvalidRequestException",
                      "You can't create this secret because a secret with this name is already scheduled for deletion.")


@rule("secretsmanager-recovery-window", "Secrets Manager", "DeleteSecret", "InvalidParameterException",
      "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html")
def recovery_window(req):
    """RecoveryWindowInDays is 7-30."""
    days = req.get("RecoveryWindowInDays")
    if days is not None and not 7 <= int(days) <= 30:
        raise Refusal("InvalidParameterException",
                      "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).")
