"""Start moto server with the project's fill-ins installed.

Usage: python3 -m infra_emulator --host 127.0.0.1 --port 4566

The settings moto reads at import time are set here, before moto is imported,
because they cannot be switched on once the server runs.
"""

import os
import sys

# Managed policies (arn:aws:iam::aws:policy/...) must exist for role attachments.
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")


def main(argv=None):
    from infra_emulator import fillins

    fillins.install_all()

    from moto.server import main as moto_main

    moto_main(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    main()
