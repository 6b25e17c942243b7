"""The metric of volunteer hours per member."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import AttendanceStatus
from activities.tests.factories import ActivityFactory, AttendanceFactory, activity_type
from assessment.metrics.registry import get
from assessment.tests.support.metrics import YEAR, D, measure
from members.tests.factories import MemberFactory
from organizations.models import Organization
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


def served(member, organization, day, hours, status=AttendanceStatus.PRESENT):
    activity = ActivityFactory(
        organization=organization, activity_type=activity_type("volunteer_service"), held_on=day
    )
    hours = Decimal(hours) if hours else None
    AttendanceFactory(activity=activity, member=member, status=status, hours=hours)


def test_volunteer_hours_per_member(world):
    """A holds 4 members on 31 December: 4 hours at A's service day, 2.5 at the community's
    (a member's hours count where they are held), an absent member has none and hours of
    2026 do not count: 6.5 / 4 = 1.625. A member who joined in 2026 is not on the roll
    then. B: no members: 0."""
    a = world.branch_a
    m1, m2, m3, _m4 = (MemberFactory(organization=a) for _ in range(4))
    MemberFactory(
        organization=a, joined_on=D(2026, 1, 5), full_member_on=None, status="probationary"
    )
    served(m1, a, D(2025, 3, 1), "4")
    served(m2, world.community1, D(2025, 12, 31), "2.5")
    served(m3, a, D(2025, 3, 1), None, AttendanceStatus.ABSENT)
    served(m1, a, D(2026, 1, 1), "5")
    result = measure("volunteer_hours", [a, world.branch_b, world.community1])
    assert result == {
        a: (Decimal("1.625"), Decimal("6.5"), 4),
        world.branch_b: (Decimal("0"), 0, 0),
        world.community1: (Decimal("1.625"), Decimal("6.5"), 4),
    }
    assert get("volunteer_hours").unit == "hours"


def test_queries_do_not_grow_with_the_organizations(world):
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    for organization in many:
        served(MemberFactory(organization=organization), organization, D(2025, 5, 1), "2")

    def queries(organizations):
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        with CaptureQueriesContext(connection) as ctx:
            get("volunteer_hours").compute(qs, YEAR)
        return len(ctx.captured_queries)

    assert queries(few) == queries(many)
