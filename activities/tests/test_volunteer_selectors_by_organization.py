"""Volunteer hours per organization holding the members, for many organizations at once."""

import datetime
from decimal import Decimal

import pytest

from activities.selectors.volunteer import volunteer_hours_by_holding_organization
from activities.tests.factories import ActivityFactory, AttendanceFactory, activity_type
from members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_hours_by_the_members_organization(world, django_assert_num_queries):
    service = ActivityFactory(
        organization=world.community1,
        activity_type=activity_type("volunteer_service"),
        held_on=D(2025, 3, 31),
    )
    AttendanceFactory(
        activity=service, member=MemberFactory(organization=world.branch_a), hours=Decimal("2")
    )
    AttendanceFactory(
        activity=service, member=MemberFactory(organization=world.branch_b), hours=Decimal("1.5")
    )
    ids = [world.branch_a.pk, world.branch_b.pk, world.branch_c.pk]
    with django_assert_num_queries(1):
        hours = volunteer_hours_by_holding_organization(ids, D(2025, 1, 1), D(2025, 3, 31))
    assert hours == {world.branch_a.pk: Decimal("2"), world.branch_b.pk: Decimal("1.5")}
    assert volunteer_hours_by_holding_organization(ids, D(2025, 4, 1), D(2025, 6, 30)) == {}
