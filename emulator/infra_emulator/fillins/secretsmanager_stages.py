"""Secrets Manager: the current version after a staging-label move.

moto 5.2.1 moves the AWSCURRENT label in UpdateSecretVersionStage but keeps
answering GetSecretValue (no VersionId, no VersionStage) with the version
that was current before, so a rotation looked as if it never happened. AWS
returns the version labelled AWSCURRENT ("If you don't specify either a
VersionStage or VersionId, Secrets Manager returns the AWSCURRENT version",
GetSecretValue API reference).
"""

FILLINS = [
    ("Secrets Manager", "UpdateSecretVersionStage (AWSCURRENT)",
     "after AWSCURRENT moved to another version, GetSecretValue without a version still returned the old one"),
]


def install():
    from moto.secretsmanager.models import SecretsManagerBackend

    original = SecretsManagerBackend.update_secret_version_stage

    def update_secret_version_stage(self, secret_id, version_stage, remove_from_version_id, move_to_version_id):
        result = original(self, secret_id, version_stage, remove_from_version_id, move_to_version_id)
        if version_stage == "AWSCURRENT" and move_to_version_id:
            secret = self.secrets[secret_id]
            secret.default_version_id = move_to_version_id
        return result

    SecretsManagerBackend.update_secret_version_stage = update_secret_version_stage
