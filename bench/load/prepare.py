"""The load test's own set-up and its write counts, inside Django with the stack's settings.

    python bench/load/prepare.py accounts --count 60 --out accounts.json   (password in LOAD_PASSWORD)
    python bench/load/prepare.py counts

`accounts`: focal points for the load run only (`load-focal-NNN@load.example.org`), each the focal point of
one active member authority of the demo network and requester of one open exchange with another, the
password set afresh every run from LOAD_PASSWORD. Made through the services (`role_grant`,
`exchange_request`), as the admin would; the demo loader's public behaviour is not touched.
`counts`: the rows the load's writes leave (messages, applications, profile revisions), as JSON, read
before and after a run by `bench/load.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "load-focal-{:03d}@load.example.org"
DOMAIN = "@load.example.org"
AREA = "youth-engagement"  # the practice area of each load exchange


def load_accounts(*, count: int, password: str) -> list[dict]:
    """`count` focal points with open exchanges; the same people, cities and exchanges on every run."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from accounts.models import Role, RoleAssignment
    from accounts.services import role_grant, role_revoke
    from cities.models import City, PracticeArea
    from exchanges.models import ExchangeRequest
    from exchanges.services import ACTIVE_STAGES, exchange_request

    User = get_user_model()
    cities = list(City.objects.filter(stage__in=ACTIVE_STAGES).order_by("pk")[: 2 * count])
    if len(cities) < count + 1:
        raise SystemExit(f"Only {len(cities)} active authorities: the load needs {count + 1} (load the demo network).")
    area = PracticeArea.objects.get(code=AREA)
    accounts = []
    for index in range(count):
        city, partner = cities[index], cities[(index + count) % len(cities)]
        if partner.pk == city.pk:
            partner = cities[(index + 1) % len(cities)]
        email = EMAIL.format(index + 1)
        with transaction.atomic():
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(email=email, name=f"Load Focal {index + 1:03d}", password=password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            # One city per load account: a focal point whose earlier city changed keeps only this one.
            for earlier in RoleAssignment.objects.filter(user=user, role=Role.FOCAL_POINT).exclude(city=city):
                role_revoke(assignment=earlier)
            role_grant(user=user, role=Role.FOCAL_POINT, city=city)
            found = ExchangeRequest.objects.between(city, partner).open().filter(requester=city).first()
            if found is None:
                found = exchange_request(
                    requester=city,
                    partner=partner,
                    areas=[area],
                    message="An exchange opened by the load test (bench/load).",
                    actor=user,
                )
        accounts.append({"email": email, "city": city.slug, "exchange": found.pk})
    return accounts


def write_counts() -> dict[str, int]:
    """What each kind of write leaves: one message, one application, one revision of the city profile."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Revision

    from cities.models import City
    from exchanges.models import ExchangeMessage
    from memberships.models import JoinApplication

    return {
        "message": ExchangeMessage.objects.count(),
        "join": JoinApplication.objects.count(),
        "profile": Revision.objects.filter(content_type=ContentType.objects.get_for_model(City)).count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("accounts")
    made.add_argument("--count", type=int, default=60)
    made.add_argument("--out", type=Path, required=True)
    commands.add_parser("counts")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if args.command == "accounts":
        password = os.environ.get("LOAD_PASSWORD", "")
        if len(password) < 12:
            raise SystemExit("LOAD_PASSWORD must hold the load accounts' password (12 characters or more).")
        accounts = load_accounts(count=args.count, password=password)
        args.out.write_text(json.dumps(accounts))
        print(f"{len(accounts)} load focal points ready.")
    else:
        print(json.dumps(write_counts()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
