"""Helpers of the weak-organization tests: criteria with one check switched on, members,
secretaries, published yearly results, and a flag confirmed with a plan."""

import datetime
from decimal import Decimal

from django.utils import timezone

from assessment.models import FlagState, Result, Scheme, WeakCriteria, WeakFlag
from members.tests.factories import MemberFactory
from organizations.models.posts import Role
from organizations.tests.factories import PostFactory

D = datetime.date
LONG_AGO = D(2020, 1, 1)
REVIEW_DAY = D(2026, 9, 1)
CHECKS = ("check_secretary", "check_meetings", "check_members", "check_results")


def only(street, check: str, **figures) -> WeakCriteria:
    """The street's criteria with only ``check`` switched on."""
    values = {name: name == check for name in CHECKS}
    return WeakCriteria.objects.create(organization=street, **values, **figures)


def full_members(organization, n: int, full_on=LONG_AGO) -> list:
    return [
        MemberFactory(organization=organization, status="full", full_member_on=full_on)
        for _ in range(n)
    ]


def secretary(organization, started_on=LONG_AGO, ended_on=None):
    return PostFactory(
        organization=organization, role=Role.SECRETARY, started_on=started_on, ended_on=ended_on
    )


def published_year(street, year: int, ranks: dict) -> Scheme:
    """A published yearly branch scheme of ``year`` with ``{organization: rank}``."""
    scheme = Scheme.objects.create(
        name=f"{year}年度考核",
        organization=street,
        level="branch",
        starts_on=D(year, 1, 1),
        ends_on=D(year, 12, 31),
        scoring_deadline=D(year + 1, 1, 15),
        state="published",
    )
    for organization, rank in ranks.items():
        Result.objects.create(
            scheme=scheme,
            organization=organization,
            total=Decimal(100 - rank),
            rank=rank,
            computed_at=timezone.now(),
        )
    return scheme


def flag_of(organization, street, state=FlagState.FLAGGED, reasons=None, on=REVIEW_DAY):
    return WeakFlag.objects.create(
        organization=organization,
        street=street,
        reviewed_on=on,
        reasons=reasons or [{"code": "few_full_members", "full": 1, "minimum": 3}],
        state=state,
        flagged_at=timezone.now(),
    )
