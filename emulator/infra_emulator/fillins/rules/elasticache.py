"""ElastiCache: replication group ids, automatic failover, RBAC user groups and IAM users."""

from . import Refusal, rule


@rule("elasticache-replication-group-id-length", "ElastiCache", "CreateReplicationGroup", "InvalidParameterValue",
      "https://github.com/code-dot-org/code-dot-org/pull/66775")
def replication_group_id_length(req):
    """A replication group id has at most 40 characters."""
    if len(req.get("ReplicationGroupId") or "") > 40:
        raise Refusal("InvalidParameterValue", "Replication Group ID cannot be longer than 40 characters.")


@rule("elasticache-failover-needs-two-clusters", "ElastiCache", "CreateReplicationGroup",
      "InvalidParameterCombination", "https://github.com/hashicorp/terraform/issues/25077")
def failover_needs_two_clusters(req):
    """Automatic failover of a cluster-mode-disabled group needs at least 2 cache clusters (a primary and a
    replica)."""
    if not req.get("AutomaticFailoverEnabled") or req.get("NumNodeGroups") or req.get("NodeGroupConfiguration"):
        return
    if req.get("NumCacheClusters") is not None:
        clusters = int(req.get("NumCacheClusters"))
    elif req.get("PreferredCacheClusterAZs"):
        clusters = len(req.get("PreferredCacheClusterAZs"))
    elif req.get("ReplicasPerNodeGroup") is not None:
        clusters = int(req.get("ReplicasPerNodeGroup")) + 1
    else:
        clusters = 1
    if clusters < 2:
        raise Refusal("InvalidParameterCombination",
                      "When using automatic failover, there must be at least 2 cache clusters in the replication group.")


@rule("elasticache-user-group-needs-transit-encryption", "ElastiCache", "CreateReplicationGroup",
      "InvalidParameterCombination", "https://github.com/hashicorp/terraform-provider-aws/issues/42966")
def user_group_needs_transit_encryption(req):
    """Role-based access control (UserGroupIds) needs encryption in transit."""
    if req.get("UserGroupIds") and not req.get("TransitEncryptionEnabled"):
        raise Refusal("InvalidParameterCombination",
                      "User group based access control requires encryption-in-transit to be enabled on the "
                      "replication group.")


@rule("elasticache-user-group-default-user", "ElastiCache", "CreateUserGroup", "DefaultUserRequired",
      "https://github.com/hashicorp/terraform-provider-aws/issues/25593")
def user_group_default_user(req):
    """A Redis user group contains a user whose user name is "default"."""
    if str(req.get("Engine") or "redis").lower() != "redis":
        return
    users = req.backend("elasticache").users
    names = [users[u].name for u in req.get("UserIds") or [] if u in users]
    if "default" not in names:
        raise Refusal("DefaultUserRequired", "User group needs to contain a user with the user name default.")


@rule("elasticache-iam-user-id-is-name", "ElastiCache", "CreateUser", "InvalidParameterCombination",
      "https://github.com/terraform-aws-modules/terraform-aws-elasticache/issues/65")
def iam_user_id_is_name(req):
    """A user authenticating with IAM has UserId equal to UserName."""
    mode = (req.get("AuthenticationMode") or {}).get("Type")
    if str(mode).lower() == "iam" and req.get("UserId") != req.get("UserName"):
        raise Refusal("InvalidParameterCombination", "User Id and User name must be same for authentication type: iam")
