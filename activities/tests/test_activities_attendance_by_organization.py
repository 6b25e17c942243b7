"""Attendance counts summed per organization, for many organizations at once."""

import datetime

import pytest

from activities.attendance import attendance_counts_by_organization
from activities.models import Activity, AttendanceStatus
from activities.tests.factories import ActivityFactory, AttendanceFactory
from members.models import MobileMember
from members.models.mobile import MobileCategory, MobileDirection
from members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_counts_are_summed_per_organization_in_one_query(world, django_assert_num_queries):
    """A: two activities, 2 present, 1 on leave, 1 absent while away (not expected). B: one
    absent. C: no activity, no row."""
    a1 = ActivityFactory(organization=world.branch_a, held_on=D(2026, 3, 1))
    a2 = ActivityFactory(organization=world.branch_a, held_on=D(2026, 4, 1))
    b1 = ActivityFactory(organization=world.branch_b, held_on=D(2026, 3, 1))
    members = [MemberFactory(organization=world.branch_a) for _ in range(3)]
    AttendanceFactory(activity=a1, member=members[0])
    AttendanceFactory(activity=a2, member=members[0])
    AttendanceFactory(activity=a2, member=members[1], status=AttendanceStatus.LEAVE)
    MobileMember.objects.create(
        direction=MobileDirection.OUTGOING,
        category=MobileCategory.MIGRANT_WORKER,
        member=members[2],
        organization=world.branch_a,
        whereabouts="广东省深圳市",
        away_since=D(2026, 1, 1),
    )
    AttendanceFactory(activity=a2, member=members[2], status=AttendanceStatus.ABSENT)
    AttendanceFactory(
        activity=b1,
        member=MemberFactory(organization=world.branch_b),
        status=AttendanceStatus.ABSENT,
    )
    with django_assert_num_queries(1):
        counts = attendance_counts_by_organization(Activity.objects.all())
    assert set(counts) == {world.branch_a.pk, world.branch_b.pk}
    a = counts[world.branch_a.pk]
    assert (a.present, a.leave, a.absent, a.away, a.expected) == (2, 1, 0, 1, 3)
    assert counts[world.branch_b.pk].expected == 1
    assert counts[world.branch_b.pk].present == 0
