"""The metrics of organizational life: required meetings held, attendance."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import AttendanceStatus, Exemption
from activities.tests.factories import ActivityFactory, AttendanceFactory, activity_type
from assessment.metrics.registry import get
from assessment.tests.support.metrics import Q1, YEAR, D, measure, only_required
from members.models import MobileMember
from members.models.mobile import MobileCategory, MobileDirection
from members.tests.factories import MemberFactory
from organizations.models import Organization
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


def meeting(organization, day, **kwargs):
    return ActivityFactory(
        organization=organization,
        activity_type=activity_type("branch_general_meeting"),
        held_on=day,
        **kwargs,
    )


@pytest.fixture
def held_meetings(world):
    """Branch general meetings (quarterly) only. A: Q1 on its last day, Q2, Q3 exempt, Q4
    missing. B: Q2 on its first day, Q4. C: none. A branch founded in 2026: nothing due."""
    only_required("branch_general_meeting")
    meeting(world.branch_a, D(2025, 3, 31))
    meeting(world.branch_a, D(2025, 5, 10))
    Exemption.objects.create(
        organization=world.branch_a,
        activity_type=activity_type("branch_general_meeting"),
        starts_on=D(2025, 7, 1),
        ends_on=D(2025, 9, 30),
        reason="换届",
    )
    meeting(world.branch_b, D(2025, 4, 1))
    meeting(world.branch_b, D(2025, 12, 31))
    meeting(world.branch_c, D(2026, 1, 1))  # the next year
    return branch(world.community2, established_on=D(2026, 1, 1))


def test_meetings_held_share_per_branch_and_community(world, held_meetings):
    result = measure(
        "meetings_held",
        [world.branch_a, world.branch_b, world.branch_c, held_meetings, world.community1],
    )
    assert result == {
        world.branch_a: (Decimal("0.75"), 3, 4),  # Q1, Q2 held, Q3 exempt; Q4 missing
        world.branch_b: (Decimal("0.5"), 2, 4),  # Q2 (1 April), Q4 held
        world.branch_c: (Decimal("0"), 0, 4),  # 1 January 2026 is outside the year
        held_meetings: (Decimal("1"), 0, 0),  # founded after the year: nothing required
        world.community1: (Decimal("0.625"), 5, 8),  # A and B (the party group has none due)
    }


def test_meetings_held_counts_only_periods_inside_the_period(world, held_meetings):
    # Q1: A held on 31 March (its last day), B's meeting of 1 April falls in Q2.
    result = measure("meetings_held", [world.branch_a, world.branch_b], Q1)
    assert result == {
        world.branch_a: (Decimal("1"), 1, 1),
        world.branch_b: (Decimal("0"), 0, 1),
    }


def test_meetings_held_links_to_the_calendar(world, held_meetings):
    qs = Organization.objects.filter(pk=world.branch_a.pk)
    records = get("meetings_held").compute(qs, YEAR)[world.branch_a.pk].records
    assert records == f"/activities/compliance/?organization={world.branch_a.pk}&year=2025"


def away(member, since):
    MobileMember.objects.create(
        direction=MobileDirection.OUTGOING,
        category=MobileCategory.MIGRANT_WORKER,
        member=member,
        organization=member.organization,
        whereabouts="广东省深圳市",
        away_since=since,
    )


def attend(activity, member, status=AttendanceStatus.PRESENT):
    AttendanceFactory(activity=activity, member=member, status=status)


def test_attendance_rate(world):
    """A: Q1 meeting 3 present, 1 on leave, 1 absent; Q2 meeting 2 present and 1 absent who
    was away (not expected): 5 present of 3+1+1+2 = 7 expected. A volunteer day and a
    meeting of 2026 do not count. B: nobody expected."""
    only_required("branch_general_meeting")
    members = [MemberFactory(organization=world.branch_a) for _ in range(5)]
    first = meeting(world.branch_a, D(2025, 3, 1))
    for member in members[:3]:
        attend(first, member)
    attend(first, members[3], AttendanceStatus.LEAVE)
    attend(first, members[4], AttendanceStatus.ABSENT)
    second = meeting(world.branch_a, D(2025, 6, 1))
    attend(second, members[0])
    attend(second, members[1])
    away(members[4], D(2025, 5, 1))
    attend(second, members[4], AttendanceStatus.ABSENT)
    volunteer = ActivityFactory(
        organization=world.branch_a,
        activity_type=activity_type("volunteer_service"),
        held_on=D(2025, 6, 2),
    )
    attend(volunteer, members[3])
    attend(meeting(world.branch_a, D(2026, 1, 5)), members[3])
    result = measure("attendance", [world.branch_a, world.branch_b, world.community1])
    assert result == {
        world.branch_a: (round(Decimal(5) / 7, 4), 5, 7),
        world.branch_b: (Decimal("1"), 0, 0),
        world.community1: (round(Decimal(5) / 7, 4), 5, 7),
    }


def _queries(key, organizations) -> int:
    qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
    with CaptureQueriesContext(connection) as ctx:
        get(key).compute(qs, YEAR)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("key", ["meetings_held", "attendance"])
def test_queries_do_not_grow_with_the_organizations(world, key):
    only_required("branch_general_meeting")
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    for organization in many:
        attend(meeting(organization, D(2025, 2, 2)), MemberFactory(organization=organization))
    assert _queries(key, few) == _queries(key, many)
