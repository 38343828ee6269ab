"""RDS: unique DbiResourceId, parameter Source, reserved DB instances.

moto 5.2.1 gives every DB instance the same DbiResourceId, so the provider
(which finds instances by it) loses a second instance or a read replica; it
returns parameters set by ModifyDB(Cluster)ParameterGroup without
``Source=user`` and ignores the Source filter, so aws_db_parameter_group never
converges; it has no reserved-instance actions at all.
"""

import datetime
import uuid

FILLINS = [
    ("RDS", "CreateDBInstance, CreateDBInstanceReadReplica (DbiResourceId)",
     "every instance had the same DbiResourceId"),
    ("RDS", "CreateDBInstanceReadReplica (replica settings)",
     "the replica copied the primary's Multi-AZ, IAM authentication, deletion protection and backup retention instead of the request's"),
    ("RDS", "DescribeDBParameters, DescribeDBClusterParameters (Source)",
     "user-set parameters had no Source=user; the Source filter was ignored"),
    ("RDS", "DescribeReservedDBInstancesOfferings, PurchaseReservedDBInstancesOffering, DescribeReservedDBInstances",
     "no reserved-instance actions"),
    ("RDS", "CreateDBInstance, ModifyDBInstance (backup/maintenance windows)",
     "windows that only touch (backup 03:00-04:00, maintenance sun:04:00-sun:05:00) were refused as overlapping; AWS accepts them"),
    ("RDS", "AddTagsToResource, ListTagsForResource, RemoveTagsFromResource (reserved instance ARNs)",
     "tags of ri: ARNs were dropped, so a tagged aws_rds_reserved_instance never converged"),
]


class _Tags:
    """Tags of one reserved DB instance, with moto's tag-holder methods."""

    def __init__(self):
        self.tags = []

    def get_tags(self):
        return self.tags

    def add_tags(self, tags):
        keys = [t["Key"] for t in tags]
        self.tags = [t for t in self.tags if t["Key"] not in keys] + list(tags)
        return self.tags

    def remove_tags(self, keys):
        self.tags = [t for t in self.tags if t["Key"] not in keys]

_CLASSES = ["db.t3.micro", "db.t3.small", "db.t3.medium", "db.t3.large", "db.t4g.medium",
            "db.m6g.large", "db.r6g.large", "db.r6g.xlarge", "db.r6g.2xlarge"]
_PRODUCTS = ["postgresql", "mysql"]
_DURATIONS = [31536000, 94608000]
_TYPES = ["No Upfront", "Partial Upfront", "All Upfront"]


def _catalogue():
    """A small, deterministic offering catalogue."""
    offerings = []
    for ci, cls in enumerate(_CLASSES):
        hourly = round(0.02 * (ci + 1), 3)
        for product in _PRODUCTS:
            for duration in _DURATIONS:
                for otype in _TYPES:
                    for multi_az in (False, True):
                        key = f"{cls}|{product}|{duration}|{otype}|{multi_az}"
                        factor = 2 if multi_az else 1
                        years = duration // 31536000
                        fixed = {"No Upfront": 0.0, "Partial Upfront": 0.5, "All Upfront": 1.0}[otype]
                        offerings.append({
                            "ReservedDBInstancesOfferingId": str(uuid.uuid5(uuid.NAMESPACE_URL, key)),
                            "DBInstanceClass": cls,
                            "Duration": duration,
                            "FixedPrice": round(fixed * hourly * factor * 8760 * years, 2),
                            "UsagePrice": 0.0,
                            "CurrencyCode": "USD",
                            "ProductDescription": product,
                            "OfferingType": otype,
                            "MultiAZ": multi_az,
                            "RecurringCharges": [] if otype == "All Upfront" else [{
                                "RecurringChargeAmount": round(hourly * factor * (1 - fixed / 2), 4),
                                "RecurringChargeFrequency": "Hourly"}],
                        })
    return offerings


_OFFERINGS = _catalogue()


def _matches(offering, params):
    checks = [
        ("ReservedDBInstancesOfferingId", "ReservedDBInstancesOfferingId"),
        ("DBInstanceClass", "DBInstanceClass"),
        ("ProductDescription", "ProductDescription"),
        ("OfferingType", "OfferingType"),
    ]
    for param, field in checks:
        if params.get(param) not in (None, "") and str(params[param]) != str(offering[field]):
            return False
    if params.get("Duration") not in (None, ""):
        duration = str(params["Duration"])
        years = {"1": "31536000", "3": "94608000"}.get(duration, duration)
        if years != str(offering["Duration"]):
            return False
    if params.get("MultiAZ") is not None and bool(params["MultiAZ"]) != offering["MultiAZ"]:
        return False
    return True


def _with_source(parameters):
    for p in parameters:
        p.setdefault("Source", "user")
        p.setdefault("ApplyType", "dynamic")
        p.setdefault("IsModifiable", True)


def install():
    from moto.rds.exceptions import RDSClientError as ServiceException
    from moto.core.responses import ActionResult
    from moto.moto_api._internal import mock_random
    from moto.rds import models
    from moto.rds.responses import RDSResponse as R

    # Windows that share only their boundary minute do not overlap: moto
    # counts a zero-second overlap as one. Its check is the only caller.
    from moto.rds import utils

    original_overlap = utils.get_overlap_between_two_date_ranges

    def overlap(*args):
        seconds = original_overlap(*args)
        return -1 if seconds == 0 else seconds

    utils.get_overlap_between_two_date_ranges = overlap

    # Unique DbiResourceId per instance.
    original_init = models.DBInstance.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.dbi_resource_id = "db-" + mock_random.get_random_string(length=26).upper()

    models.DBInstance.__init__ = init

    # A replica is a copy.copy of its source: give it its own id.
    original_replica = models.RDSBackend.create_db_instance_read_replica

    def create_db_instance_read_replica(self, db_kwargs):
        replica = original_replica(self, db_kwargs)
        replica.dbi_resource_id = "db-" + mock_random.get_random_string(length=26).upper()
        # The copy also carried the primary's Multi-AZ, IAM auth, deletion
        # protection and backups; AWS starts a replica from the request's
        # values (defaults: single-AZ, off, off, no automated backups).
        replica.multi_az = bool(db_kwargs.get("multi_az", False))
        replica.enable_iam_database_authentication = bool(db_kwargs.get("enable_iam_database_authentication", False))
        replica.deletion_protection = bool(db_kwargs.get("deletion_protection", False))
        replica.backup_retention_period = int(db_kwargs.get("backup_retention_period", 0) or 0)
        return replica

    models.RDSBackend.create_db_instance_read_replica = create_db_instance_read_replica

    # Parameters set through Modify… carry Source=user.
    for cls, method in ((models.DBParameterGroup, "update_parameters"),
                        (models.DBClusterParameterGroup, "update_cluster_parameters")):
        original = getattr(cls, method)

        def update(self, new_parameters, _original=original):
            new_parameters = [dict(p) for p in new_parameters]
            _with_source(new_parameters)
            _original(self, new_parameters)

        setattr(cls, method, update)

    def _filter_source(self, result):
        source = self.params.get("Source")
        if source:
            result.result["Parameters"] = [
                p for p in result.result["Parameters"] if p.get("Source", "user") == source]
        return result

    original_params = R.describe_db_parameters

    def describe_db_parameters(self):
        result = original_params(self)
        result.result["Parameters"] = [dict(p) for p in result.result["Parameters"]]
        return _filter_source(self, result)

    R.describe_db_parameters = describe_db_parameters

    original_cluster_params = R.describe_db_cluster_parameters

    def describe_db_cluster_parameters(self):
        return _filter_source(self, original_cluster_params(self))

    R.describe_db_cluster_parameters = describe_db_cluster_parameters

    # Reserved DB instances.
    def describe_reserved_db_instances_offerings(self):
        found = [o for o in _OFFERINGS if _matches(o, self.params)]
        if self.params.get("ReservedDBInstancesOfferingId") and not found:
            raise ServiceException("ReservedDBInstancesOfferingNotFound",
                           f"Offering {self.params['ReservedDBInstancesOfferingId']} not found")
        return ActionResult({"ReservedDBInstancesOfferings": found})

    def _reserved(backend):
        if not hasattr(backend, "fillin_reserved"):
            backend.fillin_reserved = {}
        return backend.fillin_reserved

    def purchase_reserved_db_instances_offering(self):
        offering_id = self.params.get("ReservedDBInstancesOfferingId")
        offering = next((o for o in _OFFERINGS if o["ReservedDBInstancesOfferingId"] == offering_id), None)
        if offering is None:
            raise ServiceException("ReservedDBInstancesOfferingNotFound", f"Offering {offering_id} not found")
        reserved_id = self.params.get("ReservedDBInstanceId") or str(uuid.uuid4())
        store = _reserved(self.backend)
        if reserved_id in store:
            raise ServiceException("ReservedDBInstanceAlreadyExists", f"Reservation {reserved_id} already exists")
        item = dict(offering)
        item.update({
            "ReservedDBInstanceId": reserved_id,
            "ReservedDBInstancesOfferingId": offering_id,
            "DBInstanceCount": int(self.params.get("DBInstanceCount") or 1),
            "StartTime": datetime.datetime.now(datetime.timezone.utc),
            "State": "active",
            "ReservedDBInstanceArn": f"arn:aws:rds:{self.region}:{self.current_account}:ri:{reserved_id}",
            "LeaseId": str(uuid.uuid4()),
        })
        store[reserved_id] = item
        tags = self.params.get("Tags") or []
        if tags:
            self.backend.add_tags_to_resource(item["ReservedDBInstanceArn"], tags)
        return ActionResult({"ReservedDBInstance": item})

    def describe_reserved_db_instances(self):
        store = _reserved(self.backend)
        wanted = self.params.get("ReservedDBInstanceId")
        if wanted and wanted not in store:
            raise ServiceException("ReservedDBInstanceNotFound", f"Reservation {wanted} not found")
        items = [store[wanted]] if wanted else list(store.values())
        return ActionResult({"ReservedDBInstances": items})

    # Tags on arn:aws:rds:<region>:<account>:ri:<id>; moto finds no resource
    # type "ri" and silently drops them.
    original_tagging = models.RDSBackend._get_resource_for_tagging

    def _get_resource_for_tagging(self, arn):
        parts = arn.split(":")
        if len(parts) == 7 and parts[2] == "rds" and parts[5] == "ri":
            if parts[6] not in _reserved(self):
                raise ServiceException("ReservedDBInstanceNotFound", f"Reservation {parts[6]} not found")
            if not hasattr(self, "fillin_reserved_tags"):
                self.fillin_reserved_tags = {}
            return self.fillin_reserved_tags.setdefault(parts[6], _Tags())
        return original_tagging(self, arn)

    models.RDSBackend._get_resource_for_tagging = _get_resource_for_tagging

    R.describe_reserved_db_instances_offerings = describe_reserved_db_instances_offerings
    R.purchase_reserved_db_instances_offering = purchase_reserved_db_instances_offering
    R.describe_reserved_db_instances = describe_reserved_db_instances
