"""A stand-in for logging in to a database engine (not an AWS API).

RDS never reveals a password, and moto runs no database engine, so nothing
in the emulator could tell whether a password would let a client in. Tests
of credential rotation need exactly that: this route answers whether a user
name and password would authenticate against an instance as a database
engine would — the instance's master user and its current master password
(a read replica answers with its source's, as replication does). It is
served under moto's own /moto-api/ prefix, never under an AWS service, so it
cannot make any AWS request succeed.

POST /moto-api/infra/db-login
  {"DBInstanceIdentifier": "...", "Username": "...", "Password": "...",
   "Region": "us-east-1"}           (Region optional, default us-east-1)
-> 200 {"Authenticated": true|false}, 404 for an unknown instance.
"""

import json

FILLINS = [
    ("RDS (stand-in)", "POST /moto-api/infra/db-login",
     "no database engine: whether a master user name and password would log in to an instance (a replica answers with its source's password), for rotation tests; not an AWS API"),
]

_DEFAULT_ACCOUNT = "123456789012"


def _login(request, full_url, headers):
    from moto.rds.models import rds_backends

    body = json.loads(request.data or b"{}")
    backend = rds_backends[_DEFAULT_ACCOUNT][body.get("Region") or "us-east-1"]
    db = backend.databases.get(body.get("DBInstanceIdentifier", ""))
    if db is None:
        return 404, {"Content-Type": "application/json"}, json.dumps({"Message": "DBInstanceNotFound"})
    source = getattr(db, "source_db_instance_identifier", None)
    if source:
        db = backend.databases.get(source.split(":")[-1], db)
    ok = (
        body.get("Username") == getattr(db, "master_username", None)
        and bool(body.get("Password"))
        and body.get("Password") == getattr(db, "_master_user_password", None)
    )
    return 200, {"Content-Type": "application/json"}, json.dumps({"Authenticated": ok})


def install():
    from moto.moto_api._internal import urls

    urls.url_paths["{0}/moto-api/infra/db-login$"] = _login
