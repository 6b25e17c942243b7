"""The metric of reminders resolved by their due date."""

import datetime
import itertools
from decimal import Decimal

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.tests.factories import UserFactory
from assessment.metrics.registry import get
from assessment.tests.support.metrics import YEAR, D, measure
from organizations.models import Organization
from organizations.tests.factories import branch
from reminders.models import Reminder, ReminderState

pytestmark = pytest.mark.django_db
_periods = itertools.count(1)


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


def due(organization, due_on, done_at: datetime.datetime | None = None, recipient=None):
    return Reminder.objects.create(
        kind="test.branch",
        content_type=ContentType.objects.get_for_model(Organization),
        object_id=organization.pk,
        period=f"p{next(_periods)}",
        recipient=recipient or UserFactory(),
        organization=organization,
        due_on=due_on,
        state=ReminderState.DONE if done_at else ReminderState.OPEN,
        done_at=timezone.make_aware(done_at) if done_at else None,
    )


def test_reminders_resolved_in_time(world):
    """A: due 31 March, done at 23:30 that day local time (in time); due 10 May, done at
    00:10 on 11 May (late); due 1 December, still open (not); due 5 January 2026 (outside
    the year): 1 of 3. B: none due: fully met."""
    a = world.branch_a
    due(a, D(2025, 3, 31), datetime.datetime(2025, 3, 31, 23, 30))
    due(a, D(2025, 5, 10), datetime.datetime(2025, 5, 11, 0, 10))
    due(a, D(2025, 12, 1))
    due(a, D(2026, 1, 5), datetime.datetime(2026, 1, 2, 9))
    result = measure("reminders_in_time", [a, world.branch_b, world.community1])
    assert result == {
        a: (round(Decimal(1) / 3, 4), 1, 3),
        world.branch_b: (Decimal("1"), 0, 0),
        world.community1: (round(Decimal(1) / 3, 4), 1, 3),
    }


def test_queries_do_not_grow_with_the_organizations(world):
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    user = UserFactory()
    for organization in many:
        due(organization, D(2025, 5, 1), recipient=user)

    def queries(organizations):
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        with CaptureQueriesContext(connection) as ctx:
            get("reminders_in_time").compute(qs, YEAR)
        return len(ctx.captured_queries)

    assert queries(few) == queries(many)
