"""Helpers of the seeding tests: running seed_demo on a small roll, snapshots of the seeded
rows, and what a demo login sees."""

import datetime
import io

from django.apps import apps
from django.core.management import call_command

from accounts.models import User
from members.models import (
    Member,
    Transfer,
    TransferEvent,
)
from organizations.demo import DEMO_LOGINS
from organizations.models import (
    Post,
    Role,
)
from organizations.scoping import visible_organizations_for

SNAPSHOT_APPS = ("grid", "organizations", "accounts", "members")
LOGINS = tuple(login.username for login in DEMO_LOGINS)
SCOPED_LOGINS = tuple(login.username for login in DEMO_LOGINS if not login.is_superuser)
DAYS_30 = datetime.timedelta(days=30)
DAYS_7 = datetime.timedelta(days=7)


# Members make seeding slow: the tests of the tree and of idempotency use a small roll,
# those of the members the default of about 1,500 or a few hundred.
SMALL_ROLL = 120


def seed(**options) -> str:
    out = io.StringIO()
    options.setdefault("members_per_street", SMALL_ROLL)
    call_command("seed_demo", stdout=out, allow_without_debug=True, **options)
    return out.getvalue()


def snapshot_models() -> list:
    """Every model of the apps, history models included: a second run must not even
    record a change."""
    return [model for app in SNAPSHOT_APPS for model in apps.get_app_config(app).get_models()]


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in snapshot_models()}


def snapshot() -> dict[str, list]:
    return {
        m._meta.label: list(m._default_manager.order_by("pk").values()) for m in snapshot_models()
    }


def visible_codes(username: str) -> set[str]:
    user = User.objects.get(username=username)  # fresh object: the scope is cached on it
    return set(visible_organizations_for(user).values_list("code", flat=True))


def open_posts(username: str) -> list[tuple[str, str]]:
    return list(
        Post.objects.filter(user__username=username, ended_on__isnull=True).values_list(
            "organization__code", "role"
        )
    )


def on_roll_of(street_code: str):
    return Member.objects.on_roll().filter(organization__street__code=street_code)


NANJING = "3201"


def secretary_of(organization_id: int) -> int:
    return Post.objects.get(
        organization_id=organization_id, role=Role.SECRETARY, ended_on__isnull=True
    ).user_id


def events_of(transfer: Transfer) -> list[TransferEvent]:
    return list(transfer.events.order_by("at", "pk"))
