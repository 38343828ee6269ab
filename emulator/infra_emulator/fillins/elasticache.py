"""ElastiCache: replication-group members, parameter groups, subnet-group
delete/modify, RBAC user groups, ModifyUser/ModifyReplicationGroup, tags.

moto 5.2.1 lists member clusters of a replication group but never creates
them (the provider reads ``<id>-001`` and fails), ignores NumCacheClusters,
leaves deleted groups and clusters "deleting" forever, omits SecurityGroups
from DescribeCacheClusters, and has no parameter-group, user-group,
ModifyReplicationGroup, ModifyUser or subnet-group delete/modify actions.
State stays in moto's ElastiCacheBackend (new dicts are attributes on it).
"""

import copy
import re

FILLINS = [
    ("ElastiCache", "CreateReplicationGroup, DescribeCacheClusters, DescribeCacheSubnetGroups",
     "member clusters <id>-00N were not created (and NumCacheClusters ignored); clusters had no SecurityGroups "
     "or CacheParameterGroup; subnets had no SubnetAvailabilityZone.Name"),
    ("ElastiCache", "ModifyReplicationGroup", "absent"),
    ("ElastiCache", "DeleteReplicationGroup, DeleteCacheCluster",
     "groups and clusters stayed 'deleting' forever; member clusters were kept"),
    ("ElastiCache", "CreateCacheParameterGroup, DescribeCacheParameterGroups, ModifyCacheParameterGroup, "
     "ResetCacheParameterGroup, DeleteCacheParameterGroup, DescribeCacheParameters",
     "absent (user-set values are returned with Source=user)"),
    ("ElastiCache", "DeleteCacheSubnetGroup, ModifyCacheSubnetGroup", "absent"),
    ("ElastiCache", "CreateUserGroup, DescribeUserGroups, ModifyUserGroup, DeleteUserGroup, ModifyUser",
     "absent"),
    ("ElastiCache", "ListTagsForResource, AddTagsToResource, RemoveTagsFromResource",
     "parameter-group and user-group ARNs were rejected"),
]


def _ensure(backend):
    if not hasattr(backend, "fillin_parameter_groups"):
        backend.fillin_parameter_groups = {}
        backend.fillin_user_groups = {}
        backend.arn_regex = re.compile(
            r"^arn:aws:elasticache:.*:[0-9]*:"
            r"(cluster|snapshot|subnetgroup|replicationgroup|user|usergroup|parametergroup):.*$")
    return backend


def _arn(backend, kind, name):
    return f"arn:aws:elasticache:{backend.region_name}:{backend.account_id}:{kind}:{name}"


def _family_of(name):
    # default.redis7 -> redis7, default.redis6.x -> redis6.x
    return name.split(".", 1)[1] if name.startswith("default.") else "redis7"


def install():
    from moto.core.responses import ActionResult, EmptyResult
    from moto.elasticache import exceptions as exc
    from moto.elasticache import models
    from moto.elasticache.responses import ElastiCacheResponse as R

    def error(code, message):
        return exc.ElastiCacheException(code, message)

    # --- clusters: SecurityGroups in DescribeCacheClusters -----------------
    models.CacheCluster.security_groups = property(
        lambda self: [{"SecurityGroupId": s, "Status": "active"} for s in self.security_group_ids])
    models.CacheCluster.cache_parameter_group = property(
        lambda self: {"CacheParameterGroupName": self.cache_parameter_group_name or "default.redis7",
                      "ParameterApplyStatus": "in-sync"})

    # Subnets carry their zone as {"Name": …} (moto put a bare string there).
    original_subnet_group_init = models.CacheSubnetGroup.__init__

    def subnet_group_init(self, *args, **kwargs):
        original_subnet_group_init(self, *args, **kwargs)
        for subnet in self.subnets:
            az = subnet.pop("subnet_availability_zone", None) or subnet.pop("Subnet_availability_zone", None)
            subnet["SubnetAvailabilityZone"] = az if isinstance(az, dict) else {"Name": az or "us-east-1a"}

    models.CacheSubnetGroup.__init__ = subnet_group_init

    # --- replication groups -------------------------------------------------
    B = models.ElastiCacheBackend
    original_create_rg = B.create_replication_group

    def create_replication_group(self, **kwargs):
        _ensure(self)
        n = kwargs.get("num_cache_clusters")
        if (kwargs.get("cluster_mode") or "disabled") != "enabled" and n and not kwargs.get("replicas_per_node_group"):
            # moto counts replicas from ReplicasPerNodeGroup only.
            kwargs["replicas_per_node_group"] = n - 1
        rg = original_create_rg(self, **kwargs)
        azs = {m["cache_cluster_id"]: m.get("preferred_availability_zone")
               for g in rg.node_groups for m in g["node_group_members"]}
        for member in rg.member_clusters:
            if member in self.cache_clusters:
                continue
            cluster = models.CacheCluster(
                account_id=self.account_id, region_name=self.region_name, cache_cluster_id=member,
                cache_node_type=rg.cache_node_type, replication_group_id=rg.replication_group_id,
                az_mode="single-az", preferred_availability_zone=azs.get(member), num_cache_nodes=1,
                engine=rg.engine, engine_version=kwargs.get("engine_version") or "7.1",
                cache_parameter_group_name=kwargs.get("cache_parameter_group_name") or "default.redis7",
                cache_subnet_group_name=kwargs.get("cache_subnet_group_name"),
                transit_encryption_enabled=rg.transit_encryption_enabled, network_type=rg.network_type,
                ip_discovery=rg.ip_discovery, snapshot_name=None,
                preferred_maintenance_window=kwargs.get("preferred_maintenance_window") or "sun:05:00-sun:06:00",
                port=rg.port, notification_topic_arn=kwargs.get("notification_topic_arn"),
                auto_minor_version_upgrade=kwargs.get("auto_minor_version_upgrade", True),
                snapshot_retention_limit=rg.snapshot_retention_limit, snapshot_window=rg.snapshot_window,
                auth_token=None, outpost_mode=None, preferred_outpost_arn=None, preferred_availability_zones=None,
                cache_security_group_names=None, security_group_ids=kwargs.get("security_group_ids") or [],
                tags=None, snapshot_arns=None, preferred_outpost_arns=None, log_delivery_configurations=[],
                cache_node_ids_to_remove=None, cache_node_ids_to_reboot=None,
            )
            cluster.at_rest_encryption_enabled = rg.at_rest_encryption_enabled
            self.cache_clusters[member] = cluster
        for group_id in rg.user_group_ids:
            group = self.fillin_user_groups.get(group_id)
            if group is not None and rg.replication_group_id not in group["ReplicationGroups"]:
                group["ReplicationGroups"].append(rg.replication_group_id)
        return rg

    B.create_replication_group = create_replication_group

    def delete_replication_group(self, replication_group_id, retain_primary_cluster):
        _ensure(self)
        if replication_group_id not in self.replication_groups:
            raise exc.ReplicationGroupNotFound(replication_group_id)
        rg = self.replication_groups.pop(replication_group_id)
        for member in rg.member_clusters:
            self.cache_clusters.pop(member, None)
        for group in self.fillin_user_groups.values():
            if replication_group_id in group["ReplicationGroups"]:
                group["ReplicationGroups"].remove(replication_group_id)
        rg.status = "deleting"
        return rg

    B.delete_replication_group = delete_replication_group

    def delete_cache_cluster(self, cache_cluster_id):
        if cache_cluster_id not in self.cache_clusters:
            raise exc.CacheClusterNotFound(cache_cluster_id)
        cluster = self.cache_clusters.pop(cache_cluster_id)
        cluster.cache_cluster_status = "deleting"
        return cluster

    B.delete_cache_cluster = delete_cache_cluster

    def modify_replication_group(self):
        backend = _ensure(self.elasticache_backend)
        rg_id = self._get_param("ReplicationGroupId")
        if rg_id not in backend.replication_groups:
            raise exc.ReplicationGroupNotFound(rg_id)
        rg = backend.replication_groups[rg_id]
        members = [backend.cache_clusters[m] for m in rg.member_clusters if m in backend.cache_clusters]
        p = self._get_param
        if p("ReplicationGroupDescription") is not None:
            rg.description = p("ReplicationGroupDescription")
        if p("AutomaticFailoverEnabled") is not None:
            rg.automatic_failover = "enabled" if self._get_bool_param("AutomaticFailoverEnabled") else "disabled"
        if p("MultiAZEnabled") is not None:
            rg.multi_az = "enabled" if self._get_bool_param("MultiAZEnabled") else "disabled"
        if p("SnapshotRetentionLimit") is not None:
            rg.snapshot_retention_limit = self._get_int_param("SnapshotRetentionLimit")
        if p("SnapshotWindow") is not None:
            rg.snapshot_window = p("SnapshotWindow")
        if p("CacheNodeType") is not None:
            rg.cache_node_type = p("CacheNodeType")
        if p("TransitEncryptionEnabled") is not None:
            rg.transit_encryption_enabled = self._get_bool_param("TransitEncryptionEnabled")
        if p("TransitEncryptionMode") is not None:
            rg.transit_encryption_mode = p("TransitEncryptionMode")
        if p("AutoMinorVersionUpgrade") is not None:
            rg.auto_minor_version_upgrade = self._get_bool_param("AutoMinorVersionUpgrade")
        if p("LogDeliveryConfigurations") is not None:
            # Merged by LogType; Enabled=false removes one (as the provider does to drop it).
            by_type = {c.get("LogType"): c for c in rg.log_delivery_configurations}
            for config in p("LogDeliveryConfigurations"):
                if config.get("Enabled") is False or str(config.get("Enabled")).lower() == "false":
                    by_type.pop(config.get("LogType"), None)
                else:
                    config = {k: v for k, v in config.items() if k != "Enabled"}
                    by_type[config.get("LogType")] = rg._get_log_delivery_configurations([config])[0]
            rg.log_delivery_configurations = list(by_type.values())
        add = p("UserGroupIdsToAdd") or []
        remove = p("UserGroupIdsToRemove") or []
        rg.user_group_ids = [g for g in rg.user_group_ids if g not in remove] + [
            g for g in add if g not in rg.user_group_ids]
        for g in add:
            if g in backend.fillin_user_groups:
                backend.fillin_user_groups[g]["ReplicationGroups"].append(rg_id)
        for g in remove:
            if g in backend.fillin_user_groups and rg_id in backend.fillin_user_groups[g]["ReplicationGroups"]:
                backend.fillin_user_groups[g]["ReplicationGroups"].remove(rg_id)
        cluster_fields = {
            "CacheNodeType": "cache_node_type", "EngineVersion": "engine_version",
            "CacheParameterGroupName": "cache_parameter_group_name",
            "PreferredMaintenanceWindow": "preferred_maintenance_window",
            "SecurityGroupIds": "security_group_ids", "NotificationTopicArn": "notification_topic_arn",
            "SnapshotWindow": "snapshot_window", "SnapshotRetentionLimit": "snapshot_retention_limit",
        }
        for param, attr in cluster_fields.items():
            value = p(param)
            if value is None:
                continue
            if param == "SnapshotRetentionLimit":
                value = int(value)
            if hasattr(rg, attr) and attr not in ("snapshot_window", "snapshot_retention_limit", "cache_node_type"):
                setattr(rg, attr, value)
            for cluster in members:
                setattr(cluster, attr, value)
        return ActionResult({"ReplicationGroup": rg})

    R.modify_replication_group = modify_replication_group

    # --- parameter groups ---------------------------------------------------
    def _param_group(backend, name):
        groups = _ensure(backend).fillin_parameter_groups
        if name in groups:
            return groups[name]
        if name and name.startswith("default."):
            groups[name] = {
                "CacheParameterGroupName": name, "CacheParameterGroupFamily": _family_of(name),
                "Description": f"Default parameter group for {_family_of(name)}", "IsGlobal": False,
                "ARN": _arn(backend, "parametergroup", name), "Parameters": {},
            }
            return groups[name]
        raise error("CacheParameterGroupNotFound", f"CacheParameterGroup {name} not found.")

    def _public(group):
        return {k: v for k, v in group.items() if k != "Parameters"}

    def create_cache_parameter_group(self):
        backend = _ensure(self.elasticache_backend)
        name = self._get_param("CacheParameterGroupName")
        if name in backend.fillin_parameter_groups:
            raise error("CacheParameterGroupAlreadyExists", f"Parameter group {name} already exists.")
        group = {
            "CacheParameterGroupName": name,
            "CacheParameterGroupFamily": self._get_param("CacheParameterGroupFamily"),
            "Description": self._get_param("Description"),
            "IsGlobal": False,
            "ARN": _arn(backend, "parametergroup", name),
            "Parameters": {},
        }
        backend.fillin_parameter_groups[name] = group
        tags = self._get_param("Tags") or []
        if tags:
            backend.tagging_service.tag_resource(group["ARN"], tags)
        return ActionResult({"CacheParameterGroup": _public(group)})

    def describe_cache_parameter_groups(self):
        backend = _ensure(self.elasticache_backend)
        name = self._get_param("CacheParameterGroupName")
        groups = [_param_group(backend, name)] if name else list(backend.fillin_parameter_groups.values())
        return ActionResult({"CacheParameterGroups": [_public(g) for g in groups]})

    def modify_cache_parameter_group(self):
        group = _param_group(self.elasticache_backend, self._get_param("CacheParameterGroupName"))
        for pv in self._get_param("ParameterNameValues") or []:
            group["Parameters"][pv["ParameterName"]] = pv.get("ParameterValue")
        return ActionResult({"CacheParameterGroupName": group["CacheParameterGroupName"]})

    def reset_cache_parameter_group(self):
        group = _param_group(self.elasticache_backend, self._get_param("CacheParameterGroupName"))
        if self._get_bool_param("ResetAllParameters"):
            group["Parameters"].clear()
        for pv in self._get_param("ParameterNameValues") or []:
            group["Parameters"].pop(pv["ParameterName"], None)
        return ActionResult({"CacheParameterGroupName": group["CacheParameterGroupName"]})

    def delete_cache_parameter_group(self):
        backend = _ensure(self.elasticache_backend)
        name = self._get_param("CacheParameterGroupName")
        _param_group(backend, name)
        backend.fillin_parameter_groups.pop(name, None)
        return EmptyResult()

    def describe_cache_parameters(self):
        group = _param_group(self.elasticache_backend, self._get_param("CacheParameterGroupName"))
        source = self._get_param("Source")
        params = []
        if source in (None, "", "user"):
            params = [{
                "ParameterName": k, "ParameterValue": v, "Source": "user", "DataType": "string",
                "IsModifiable": True, "MinimumEngineVersion": "5.0.0", "ChangeType": "immediate",
            } for k, v in sorted(group["Parameters"].items())]
        return ActionResult({"Parameters": params})

    for fn in (create_cache_parameter_group, describe_cache_parameter_groups, modify_cache_parameter_group,
               reset_cache_parameter_group, delete_cache_parameter_group, describe_cache_parameters):
        setattr(R, fn.__name__, fn)

    # --- subnet groups --------------------------------------------------------
    def delete_cache_subnet_group(self):
        backend = self.elasticache_backend
        name = self._get_param("CacheSubnetGroupName")
        if name not in backend.cache_subnet_groups:
            raise exc.CacheSubnetGroupNotFound(name)
        backend.cache_subnet_groups.pop(name)
        return EmptyResult()

    def modify_cache_subnet_group(self):
        backend = self.elasticache_backend
        name = self._get_param("CacheSubnetGroupName")
        if name not in backend.cache_subnet_groups:
            raise exc.CacheSubnetGroupNotFound(name)
        old = backend.cache_subnet_groups[name]
        new = models.CacheSubnetGroup(
            account_id=backend.account_id, region_name=backend.region_name, cache_subnet_group_name=name,
            cache_subnet_group_description=self._get_param("CacheSubnetGroupDescription")
            or old.cache_subnet_group_description,
            subnet_ids=self._get_param("SubnetIds") or old.subnet_ids, tags=old.tags)
        backend.cache_subnet_groups[name] = new
        return ActionResult({"CacheSubnetGroup": new})

    R.delete_cache_subnet_group = delete_cache_subnet_group
    R.modify_cache_subnet_group = modify_cache_subnet_group

    # --- users and user groups ------------------------------------------------
    def modify_user(self):
        backend = self.elasticache_backend
        user_id = self._get_param("UserId")
        if user_id not in backend.users:
            raise exc.UserNotFound(user_id)
        user = backend.users[user_id]
        if self._get_param("AccessString") is not None:
            user.access_string = self._get_param("AccessString")
        if self._get_param("AppendAccessString"):
            user.access_string = f"{user.access_string} {self._get_param('AppendAccessString')}"
        mode = self._get_param("AuthenticationMode")
        if mode:
            user.authentication_type = mode.get("Type")
            user.passwords = mode.get("Passwords") or []
            user.no_password_required = mode.get("Type") == "no-password-required"
        if self._get_param("Passwords"):
            user.passwords = self._get_param("Passwords")
            user.authentication_type = "password"
            user.no_password_required = False
        if self._get_param("NoPasswordRequired") is not None:
            user.no_password_required = self._get_bool_param("NoPasswordRequired")
        return ActionResult(user)

    R.modify_user = modify_user

    def _user_group(backend, group_id):
        groups = _ensure(backend).fillin_user_groups
        if group_id not in groups:
            raise error("UserGroupNotFound", f"User group {group_id} not found.")
        return groups[group_id]

    def _check_users(backend, user_ids):
        for u in user_ids:
            if u not in backend.users:
                raise exc.UserNotFound(u)

    def _sync_user_memberships(backend, group):
        for user in backend.users.values():
            ids = [g for g in user.user_group_ids if g != group["UserGroupId"]]
            if user.id in group["UserIds"] and group["Status"] != "deleting":
                ids.append(group["UserGroupId"])
            user.user_group_ids = ids

    def create_user_group(self):
        backend = _ensure(self.elasticache_backend)
        group_id = self._get_param("UserGroupId")
        if group_id in backend.fillin_user_groups:
            raise error("UserGroupAlreadyExists", f"User group {group_id} already exists.")
        user_ids = self._get_param("UserIds") or []
        _check_users(backend, user_ids)
        group = {
            "UserGroupId": group_id, "Status": "active", "Engine": self._get_param("Engine") or "redis",
            "UserIds": list(user_ids), "MinimumEngineVersion": "6.0", "ReplicationGroups": [],
            "ServerlessCaches": [], "ARN": _arn(backend, "usergroup", group_id),
        }
        backend.fillin_user_groups[group_id] = group
        _sync_user_memberships(backend, group)
        tags = self._get_param("Tags") or []
        if tags:
            backend.tagging_service.tag_resource(group["ARN"], tags)
        return ActionResult(group)

    def describe_user_groups(self):
        backend = _ensure(self.elasticache_backend)
        group_id = self._get_param("UserGroupId")
        groups = [_user_group(backend, group_id)] if group_id else list(backend.fillin_user_groups.values())
        return ActionResult({"UserGroups": groups})

    def modify_user_group(self):
        backend = _ensure(self.elasticache_backend)
        group = _user_group(backend, self._get_param("UserGroupId"))
        add = self._get_param("UserIdsToAdd") or []
        remove = self._get_param("UserIdsToRemove") or []
        _check_users(backend, add)
        group["UserIds"] = [u for u in group["UserIds"] if u not in remove] + [
            u for u in add if u not in group["UserIds"]]
        _sync_user_memberships(backend, group)
        return ActionResult(group)

    def delete_user_group(self):
        backend = _ensure(self.elasticache_backend)
        group = copy.deepcopy(_user_group(backend, self._get_param("UserGroupId")))
        backend.fillin_user_groups.pop(group["UserGroupId"])
        group["Status"] = "deleting"
        _sync_user_memberships(backend, group)
        return ActionResult(group)

    for fn in (create_user_group, describe_user_groups, modify_user_group, delete_user_group):
        setattr(R, fn.__name__, fn)

    # A deleted user disappears (moto kept it "deleting" until described by id).
    original_delete_user = B.delete_user

    def delete_user(self, user_id):
        user = original_delete_user(self, user_id)
        self.users.pop(user_id, None)
        return user

    B.delete_user = delete_user

    # Tags: accept parameter-group and user-group ARNs.
    original_list_tags = B.list_tags_for_resource

    def list_tags_for_resource(self, arn):
        _ensure(self)
        return original_list_tags(self, arn)

    B.list_tags_for_resource = list_tags_for_resource
