"""The metrics of member work: training hours reached, mobile members contacted."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from assessment.metrics.registry import get
from assessment.tests.support.metrics import YEAR, D, measure
from members.models import TrainingAttendance, TrainingCourse, TrainingSession
from members.tests.factories import MemberFactory
from members.tests.support.mobile import contact, incoming, outgoing
from organizations.models import Organization, Role
from organizations.tests.factories import PostFactory, branch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


MIDYEAR = D(2025, 6, 1)


def trained(member, hours, day=MIDYEAR):
    course = TrainingCourse.objects.create(
        organization=member.organization,
        level="branch",
        title="学习",
        starts_on=day,
        ends_on=day,
        planned_hours=hours,
    )
    session = TrainingSession.objects.create(course=course, held_on=day, topic="党章", hours=hours)
    TrainingAttendance.objects.create(session=session, member=member, hours=hours)


def cadre(organization, role=Role.SECRETARY):
    user = UserFactory()
    PostFactory(user=user, organization=organization, role=role)
    return MemberFactory(organization=organization, user=user)


def test_training_hours_met(world):
    """A: a member with 32 hours (met), one with 31.5 and 10 more in 2026 (not), a secretary
    with 32 (not: 56 needed), a secretary with 56 (met), a member who joined in 2026 (not
    counted): 2 of 4. B: no members: fully met."""
    a = world.branch_a
    trained(MemberFactory(organization=a), Decimal("32"))
    short = MemberFactory(organization=a)
    trained(short, Decimal("31.5"))
    trained(short, Decimal("10"), D(2026, 1, 5))
    trained(cadre(a), Decimal("32"))
    trained(cadre(a, Role.ORGANIZATION_MEMBER), Decimal("56"))
    MemberFactory(
        organization=a, joined_on=D(2026, 1, 5), full_member_on=None, status="probationary"
    )
    result = measure("training_met", [a, world.branch_b, world.community1])
    assert result == {
        a: (Decimal("0.5"), 2, 4),
        world.branch_b: (Decimal("1"), 0, 0),
        world.community1: (Decimal("0.5"), 2, 4),
    }


def test_mobile_members_contacted(world):
    """At 31 December 2025 (90 days: a contact after 2 October counts): contacted on 3
    October (89 days: counts); on 2 October (90: does not); away since 1 November and not
    yet contacted (the clock runs from going away: counts); contacted in June and again in
    2026 (does not); reached in May, an unanswered call in December (does not). A record
    ended in November and one opened in 2026 are not measured: 2 of 5."""
    a, by = world.branch_a, UserFactory()
    contact(outgoing(a), D(2025, 10, 3), by)
    contact(outgoing(a), D(2025, 10, 2), by)
    outgoing(a, away_since=D(2025, 11, 1))
    later = outgoing(a)
    contact(later, D(2025, 6, 1), by)
    contact(later, D(2026, 1, 5), by)
    unanswered = incoming(a)
    contact(unanswered, D(2025, 5, 1), by)
    contact(unanswered, D(2025, 12, 1), by, reached=False)
    outgoing(a, ended_on=D(2025, 11, 30))
    outgoing(a, away_since=D(2026, 1, 10))
    result = measure("mobile_contacted", [a, world.branch_b])
    assert result == {a: (Decimal("0.4"), 2, 5), world.branch_b: (Decimal("1"), 0, 0)}
    records = get("mobile_contacted").compute(Organization.objects.filter(pk=a.pk), YEAR)
    assert records[a.pk].records == f"/members/mobile/records/?organization={a.pk}"


@pytest.mark.parametrize("key", ["training_met", "mobile_contacted"])
def test_queries_do_not_grow_with_the_organizations(world, key):
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    by = UserFactory()
    for organization in many:
        member = MemberFactory(organization=organization)
        trained(member, Decimal("8"))
        contact(outgoing(member=member), D(2025, 12, 1), by)

    def queries(organizations):
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        with CaptureQueriesContext(connection) as ctx:
            get(key).compute(qs, YEAR)
        return len(ctx.captured_queries)

    assert queries(few) == queries(many)
