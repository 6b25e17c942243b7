"""Helpers of the demo tests: running ``seed_demo`` quietly."""

import datetime
import io

from django.apps import apps
from django.core.management import call_command

from activities.demo.base import MONTHS
from activities.models import Exemption
from members.dates import add_months
from organizations.models import Post


def seed(members_per_street: int = 120, **options) -> str:
    """Run ``seed_demo`` with this many members per street; return what it printed."""
    out = io.StringIO()
    call_command(
        "seed_demo",
        stdout=out,
        members_per_street=members_per_street,
        allow_without_debug=True,
        **options,
    )
    return out.getvalue()


def window_start(today: datetime.date) -> datetime.date:
    return add_months(today.replace(day=1), -(MONTHS - 1))


def exempt_ids() -> set[int]:
    return set(Exemption.objects.values_list("organization_id", flat=True))


def open_posts() -> dict[int, dict[str, set[int]]]:
    posts: dict[int, dict[str, set[int]]] = {}
    for organization_id, role, user_id in Post.objects.filter(ended_on__isnull=True).values_list(
        "organization_id", "role", "user_id"
    ):
        posts.setdefault(organization_id, {}).setdefault(role, set()).add(user_id)
    return posts


def is_of_activities(rule) -> bool:
    module = getattr(rule.due, "__module__", "") or ""
    return module.startswith("activities.") or rule.model._meta.app_label == "activities"


def activity_counts() -> dict[str, int]:
    config = apps.get_app_config("activities")
    return {m._meta.label: m._default_manager.count() for m in config.get_models()}
