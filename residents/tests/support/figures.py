"""Helpers of the figures tests: households with residents in need and pairings, and problems
with their steps written as they stood on given days (no service, no today)."""

import datetime

from django.utils import timezone

from accounts.tests.factories import UserFactory
from grid.models import Household
from organizations.models import Organization
from residents.models import NeedCategory, NeedStatus, Pairing, ResidentInNeed
from residents.models.problems import (
    Problem,
    ProblemAction,
    ProblemCategory,
    ProblemChannel,
    ProblemEvent,
    ProblemState,
)


def need(code: str) -> NeedCategory:
    return NeedCategory.objects.get(code=code)


def household(cell, *needs, status=NeedStatus.ACTIVE, address="1号") -> Household:
    """A household of ``cell``; one resident of ``status`` per entry of ``needs`` (a tuple of
    category codes each)."""
    home = Household.objects.create(grid_cell=cell, address=address)
    for number, codes in enumerate(needs):
        resident = ResidentInNeed.objects.create(
            household=home, name=f"居民{number}", status=status
        )
        resident.categories.set([need(code) for code in codes])
    return home


def pairing(home, started_on, ended_on=None) -> Pairing:
    helper = (
        Organization.objects.filter(grid_cell=home.grid_cell).first()
        or Organization.objects.order_by("pk").first()
    )
    return Pairing.objects.create(
        household=home, organization=helper, started_on=started_on, ended_on=ended_on
    )


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A moment of ``day`` in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def problem(
    cell,
    reported_on: datetime.date,
    *,
    days: int = 5,
    state: str = ProblemState.REPORTED,
    steps=(),
    satisfaction: str = "",
    merged_into=None,
    due_on: datetime.date | None = None,
) -> Problem:
    """A problem reported on ``reported_on`` with a deadline ``days`` later; ``steps``: the
    (action, state after, moment or day) after the report."""
    reporter = UserFactory()
    made = Problem.objects.create(
        grid_cell=cell,
        category=ProblemCategory.objects.get(code="environment"),
        channel=ProblemChannel.VISIT,
        reporter=reporter,
        description="楼道堆放杂物",
        reported_on=reported_on,
        due_on=due_on or reported_on + datetime.timedelta(days=days),
        state=state,
        satisfaction=satisfaction,
        merged_into=merged_into,
    )
    ProblemEvent.objects.create(
        problem=made,
        action=ProblemAction.REPORTED,
        state_after=ProblemState.REPORTED,
        at=at(reported_on),
    )
    for action, state_after, when in steps:
        if not isinstance(when, datetime.datetime):
            when = at(when)
        ProblemEvent.objects.create(problem=made, action=action, state_after=state_after, at=when)
    return made


def resolved(day) -> tuple:
    return (ProblemAction.RESOLVED, ProblemState.RESOLVED, day)


def confirmed(day) -> tuple:
    return (ProblemAction.CONFIRMED, ProblemState.CONFIRMED, day)


def reopened(day) -> tuple:
    return (ProblemAction.REOPENED, ProblemState.REOPENED, day)
