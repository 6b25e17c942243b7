"""The metric of reports approved on their first submission."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from activities.models import ReportState
from activities.tests.factories import ActivityFactory, ReportFactory
from assessment.metrics.registry import get
from assessment.tests.support.metrics import YEAR, D, measure
from organizations.models import Organization
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


def reviewed(organization, state, at: datetime.datetime | None, returned=0):
    activity = ActivityFactory(organization=organization, held_on=D(2025, 5, 5))
    return ReportFactory(
        activity=activity,
        state=state,
        times_returned=returned,
        reviewed_at=timezone.make_aware(at) if at else None,
    )


def test_reports_approved_on_first_submission(world):
    """A: approved at 23:30 on 31 December (local time), never returned (counts and is
    first-time); approved after one return (counts, not first-time); returned and not yet
    approved again (counts, not); approved at 00:30 on 1 January 2026 (outside the year);
    submitted, not yet reviewed (not counted): 1 of 3. B: nothing reviewed: fully met."""
    a = world.branch_a
    reviewed(a, ReportState.APPROVED, datetime.datetime(2025, 12, 31, 23, 30))
    reviewed(a, ReportState.APPROVED, datetime.datetime(2025, 6, 1, 10), returned=1)
    reviewed(a, ReportState.RETURNED, datetime.datetime(2025, 7, 1, 10), returned=1)
    reviewed(a, ReportState.APPROVED, datetime.datetime(2026, 1, 1, 0, 30))
    reviewed(a, ReportState.SUBMITTED, None)
    result = measure("reports_first_time", [a, world.branch_b, world.community1])
    assert result == {
        a: (round(Decimal(1) / 3, 4), 1, 3),
        world.branch_b: (Decimal("1"), 0, 0),
        world.community1: (round(Decimal(1) / 3, 4), 1, 3),
    }


def test_queries_do_not_grow_with_the_organizations(world):
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    for organization in many:
        reviewed(organization, ReportState.APPROVED, datetime.datetime(2025, 6, 1, 10))

    def queries(organizations):
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        with CaptureQueriesContext(connection) as ctx:
            get("reports_first_time").compute(qs, YEAR)
        return len(ctx.captured_queries)

    assert queries(few) == queries(many)
