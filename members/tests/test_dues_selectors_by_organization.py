"""Dues figures of many organizations at once: paid on time, long arrears."""

import datetime
from decimal import Decimal

import pytest

from members.models import DuesRecord
from members.selectors.dues import dues_on_time_by_organization, long_arrears_by_organization
from members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def record(member, month, paid_on=None):
    return DuesRecord.objects.create(
        member=member,
        organization=member.organization,
        month=month,
        category="employed",
        income=Decimal("4000"),
        expected=Decimal("40"),
        paid=Decimal("40") if paid_on else Decimal("0"),
        paid_on=paid_on,
    )


def test_paid_on_time_counts_the_last_day_not_the_day_after(world, django_assert_num_queries):
    a = MemberFactory(organization=world.branch_a)
    record(a, D(2025, 1, 1), D(2025, 1, 31))  # on time: the month's last day
    record(a, D(2025, 2, 1), D(2025, 3, 1))  # late: the day after
    record(a, D(2025, 3, 1))  # unpaid
    record(a, D(2025, 4, 1), D(2025, 4, 2))  # after the last month asked for
    record(MemberFactory(organization=world.branch_b), D(2025, 1, 1), D(2024, 12, 20))
    ids = [world.branch_a.pk, world.branch_b.pk, world.branch_c.pk]
    with django_assert_num_queries(1):
        counts = dues_on_time_by_organization(ids, D(2025, 1, 1), D(2025, 3, 1))
    assert counts == {world.branch_a.pk: (3, 1), world.branch_b.pk: (1, 1)}


def test_long_arrears_as_of_a_day(world, django_assert_num_queries):
    """On 31 July 2025, with a limit of 6: January to June unpaid counts; February to June
    (5) does not; January to June paid on 1 August still counts; a July record is not over."""
    branch = world.branch_a
    for first, paid_on in ((1, None), (2, None), (1, D(2025, 8, 1))):
        member = MemberFactory(organization=branch)
        for month in range(first, 7):
            record(member, D(2025, month, 1), paid_on)
        record(member, D(2025, 7, 1))
    with django_assert_num_queries(1):
        counts = long_arrears_by_organization([branch.pk, world.branch_b.pk], D(2025, 7, 31), 6)
    assert counts == {branch.pk: (3, 2)}


def test_roll_counts_on_a_day(world, django_assert_num_queries):
    from members.selectors.roll import roll_counts_on

    MemberFactory(organization=world.branch_a)
    MemberFactory(organization=world.branch_a, left_on=D(2025, 6, 30))  # left that day: off
    MemberFactory(organization=world.branch_a, left_on=D(2025, 7, 1))  # still on the roll
    MemberFactory(
        organization=world.branch_b,
        joined_on=D(2025, 7, 1),
        full_member_on=None,
        status="probationary",
    )
    with django_assert_num_queries(1):
        counts = roll_counts_on([world.branch_a.pk, world.branch_b.pk], D(2025, 6, 30))
    assert counts == {world.branch_a.pk: 2}
