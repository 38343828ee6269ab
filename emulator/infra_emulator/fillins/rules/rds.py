"""RDS: replicas, final snapshots, identifiers, passwords, versions, subnet groups."""

import re

from . import Refusal, rule

_IDENTIFIER = re.compile(r"^[A-Za-z](?!.*--)[A-Za-z0-9-]*(?<!-)$")


def _db(req, identifier):
    """The DB instance named by an identifier or ARN, or None."""
    if not identifier:
        return None
    return req.backend("rds").databases.get(str(identifier).split(":")[-1])


def _invalid_identifier(parameter):
    return Refusal("InvalidParameterValue",
                   f"The parameter {parameter} is not a valid identifier. Identifiers must begin with a letter; "
                   "must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or "
                   "contain two consecutive hyphens.")


@rule("rds-replica-managed-password", "RDS", "CreateDBInstanceReadReplica", "InvalidParameterValue",
      "https://github.com/terraform-aws-modules/terraform-aws-rds/issues/532")
def replica_of_managed_password(req):
    """A read replica of a source whose master password RDS manages in Secrets Manager is refused
    (every engine except SQL Server; AWS RDS user guide, rds-secrets-manager limitations)."""
    source = _db(req, req.get("SourceDBInstanceIdentifier"))
    if source is not None and getattr(source, "manage_master_user_password", False) \
            and not str(source.engine).startswith("sqlserver"):
        raise Refusal("InvalidParameterValue",
                      f"Creating read replicas for source instance with engine {source.engine} where "
                      "ManageMasterUserPassword is enabled is not supported.")


@rule("rds-replica-needs-backups", "RDS", "CreateDBInstanceReadReplica", "InvalidDBInstanceState",
      "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html")
def replica_needs_backups(req):
    """The source of a read replica must keep automated backups (backup retention period above 0)."""
    source = _db(req, req.get("SourceDBInstanceIdentifier"))
    if source is not None and not source.read_replica_source_db_instance_identifier \
            and int(source.backup_retention_period or 0) == 0:
        raise Refusal("InvalidDBInstanceState",
                      "Automated backups are not enabled for this database instance. To enable automated backups, "
                      "use ModifyDBInstance to set the backup retention period to a non-zero value.")


@rule("rds-final-snapshot-exists", "RDS", "DeleteDBInstance", "DBSnapshotAlreadyExists",
      "https://github.com/terraform-aws-modules/terraform-aws-rds/issues/445")
def final_snapshot_exists(req):
    """The final snapshot of a deleted instance may not reuse the identifier of an existing snapshot."""
    final = req.get("FinalDBSnapshotIdentifier")
    if final and not req.get("SkipFinalSnapshot") and final in req.backend("rds").database_snapshots:
        raise Refusal("DBSnapshotAlreadyExists",
                      f"Cannot create the snapshot because a snapshot with the identifier {final} already exists.")


@rule("rds-final-snapshot-required", "RDS", "DeleteDBInstance", "InvalidParameterCombination",
      "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html")
def final_snapshot_required(req):
    """Deleting a (non-replica) instance without SkipFinalSnapshot needs a FinalDBSnapshotIdentifier."""
    db = _db(req, req.get("DBInstanceIdentifier"))
    if db is not None and not db.read_replica_source_db_instance_identifier \
            and not req.get("SkipFinalSnapshot") and not req.get("FinalDBSnapshotIdentifier"):
        raise Refusal("InvalidParameterCombination",
                      "FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.")


@rule("rds-identifier", "RDS",
      ["CreateDBInstance", "CreateDBInstanceReadReplica", "DeleteDBInstance", "CreateDBSnapshot"],
      "InvalidParameterValue", "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html")
def identifier(req):
    """DB instance identifiers: 1-63 letters, digits and hyphens, first a letter, no trailing or double
    hyphen; snapshot identifiers (FinalDBSnapshotIdentifier, DBSnapshotIdentifier) the same in 1-255."""
    for parameter, longest in (("DBInstanceIdentifier", 63), ("FinalDBSnapshotIdentifier", 255),
                               ("DBSnapshotIdentifier", 255)):
        value = req.get(parameter)
        if value is None or (parameter == "DBInstanceIdentifier" and str(value).startswith("arn:")):
            continue
        if parameter == "FinalDBSnapshotIdentifier" and req.get("SkipFinalSnapshot"):
            continue
        if len(str(value)) > longest or not _IDENTIFIER.match(str(value)):
            raise _invalid_identifier(parameter)


@rule("rds-password-characters", "RDS", ["CreateDBInstance", "ModifyDBInstance"], "InvalidParameterValue",
      "https://github.com/terraform-aws-modules/terraform-aws-rds/issues/243")
def password_characters(req):
    """The master password may hold printable ASCII except '/', '@', '"' and space."""
    password = req.get("MasterUserPassword")
    if password and any(c in '/@" ' or not (33 <= ord(c) <= 126) for c in str(password)):
        raise Refusal("InvalidParameterValue",
                      "The parameter MasterUserPassword is not a valid password. Only printable ASCII characters "
                      "besides '/', '@', '\"', ' ' may be used.")


_LONGEST_PASSWORD = {"mysql": 41, "mariadb": 41, "postgres": 128}


@rule("rds-password-length", "RDS", ["CreateDBInstance", "ModifyDBInstance"], "InvalidParameterValue",
      "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html")
def password_length(req):
    """The master password is 8-41 characters for MySQL and MariaDB, 8-128 for PostgreSQL."""
    password = req.get("MasterUserPassword")
    if not password:
        return
    engine = req.get("Engine")
    if engine is None:
        db = _db(req, req.get("DBInstanceIdentifier"))
        engine = db.engine if db is not None else None
    if len(password) < 8:
        raise Refusal("InvalidParameterValue",
                      "The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters.")
    longest = _LONGEST_PASSWORD.get(str(engine))
    if longest and len(password) > longest:
        raise Refusal("InvalidParameterValue",
                      f"The parameter MasterUserPassword is not a valid password because it is longer than {longest} characters.")


@rule("rds-engine-version", "RDS", ["CreateDBInstance", "ModifyDBInstance"], "InvalidParameterCombination",
      "https://github.com/tryretool/terraform-retool-modules/issues/70")
def engine_version(req):
    """PostgreSQL 10 and later was never offered on RDS as the .0 release of a major version
    (16.0, 15.0 ...): RDS answers that it cannot find the version."""
    version = req.get("EngineVersion")
    engine = req.get("Engine")
    if engine is None:
        db = _db(req, req.get("DBInstanceIdentifier"))
        engine = db.engine if db is not None else None
    if engine == "postgres" and version:
        match = re.fullmatch(r"(\d+)\.0", str(version))
        if match and int(match.group(1)) >= 10:
            raise Refusal("InvalidParameterCombination", f"Cannot find version {version} for postgres")


@rule("rds-monitoring-role", "RDS", ["CreateDBInstance", "CreateDBInstanceReadReplica", "ModifyDBInstance"],
      "InvalidParameterCombination",
      "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html")
def monitoring_role(req):
    """Enhanced Monitoring (MonitoringInterval above 0) needs a MonitoringRoleArn."""
    interval = int(req.get("MonitoringInterval", 0) or 0)
    if interval > 0 and not req.get("MonitoringRoleArn"):
        db = _db(req, req.get("DBInstanceIdentifier")) if req.response._get_action() == "ModifyDBInstance" else None
        if db is None or not getattr(db, "monitoring_role_arn", None):
            raise Refusal("InvalidParameterCombination",
                          "A MonitoringRoleARN value is required if you specify a MonitoringInterval value other than 0.")


@rule("rds-subnet-group-azs", "RDS", ["CreateDBSubnetGroup", "ModifyDBSubnetGroup"],
      "DBSubnetGroupDoesNotCoverEnoughAZs", "https://github.com/terraform-aws-modules/terraform-aws-vpc/issues/821")
def subnet_group_azs(req):
    """A DB subnet group covers at least two Availability Zones."""
    ids = req.get("SubnetIds") or []
    ec2 = req.backend("ec2")
    zones = []
    for subnet_id in ids:
        try:
            zone = ec2.get_subnet(subnet_id).availability_zone
        except Exception:
            return  # moto answers unknown subnets itself
        if zone not in zones:
            zones.append(zone)
    if len(zones) == 1:
        raise Refusal("DBSubnetGroupDoesNotCoverEnoughAZs",
                      "The DB subnet group doesn't meet Availability Zone (AZ) coverage requirement. "
                      f"Current AZ coverage: {zones[0]}. Add subnets to cover at least 2 AZs.")
