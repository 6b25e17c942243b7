"""The metrics of party dues: paid on time, members long in arrears."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.metrics.registry import Period, get
from assessment.tests.support.metrics import YEAR, D, dues, measure
from members.tests.factories import MemberFactory
from organizations.models import Organization
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


def test_dues_paid_on_time(world):
    """A: January paid on 31 January (on time), February paid on 1 March (late), March
    unpaid, a record of January 2026 outside the year: 1 of 3. B: December paid on 31
    December: 1 of 1. C: no records: 100%. Community 1: 2 of 4."""
    member = MemberFactory(organization=world.branch_a)
    dues(member, D(2025, 1, 1), D(2025, 1, 31))
    dues(member, D(2025, 2, 1), D(2025, 3, 1))
    dues(member, D(2025, 3, 1))
    dues(member, D(2026, 1, 1), D(2026, 1, 2))
    dues(MemberFactory(organization=world.branch_b), D(2025, 12, 1), D(2025, 12, 31))
    result = measure(
        "dues_on_time", [world.branch_a, world.branch_b, world.branch_c, world.community1]
    )
    assert result == {
        world.branch_a: (round(Decimal(1) / 3, 4), 1, 3),
        world.branch_b: (Decimal("1"), 1, 1),
        world.branch_c: (Decimal("1"), 0, 0),
        world.community1: (Decimal("0.5"), 2, 4),
    }


def test_dues_of_the_running_month_wait_for_its_end(world):
    # On 1 March 2026, the year 2026 so far measures January and February, not March.
    member = MemberFactory(organization=world.branch_a)
    dues(member, D(2026, 1, 1), D(2026, 1, 5))
    dues(member, D(2026, 2, 1))
    dues(member, D(2026, 3, 1))
    result = measure("dues_on_time", [world.branch_a], Period(D(2026, 1, 1), D(2026, 12, 31)))
    assert result == {world.branch_a: (Decimal("0.5"), 1, 2)}


def unpaid_months(member, first_month: int, count: int, paid_on=None):
    for month in range(first_month, first_month + count):
        dues(member, D(2025, month, 1), paid_on)


def test_members_long_in_arrears(world):
    """At 31 December 2025, in A: one member with June to November unpaid (6 months over:
    counts), one with July to November (5: does not), one with June to November paid on
    2 January 2026 (still unpaid at the end of the year: counts), one with December unpaid
    (not over yet) and May to September unpaid: 5, does not. A member who left in 2025 and
    one who joined in 2026 are not on the roll. 2 of 4. B: no members: 0."""
    a = world.branch_a
    unpaid_months(MemberFactory(organization=a), 6, 6)
    unpaid_months(MemberFactory(organization=a), 7, 5)
    unpaid_months(MemberFactory(organization=a), 6, 6, paid_on=D(2026, 1, 2))
    fourth = MemberFactory(organization=a)
    unpaid_months(fourth, 5, 5)
    dues(fourth, D(2025, 12, 1))
    unpaid_months(MemberFactory(organization=a, left_on=D(2025, 12, 1)), 1, 10)
    MemberFactory(
        organization=a, joined_on=D(2026, 1, 5), full_member_on=None, status="probationary"
    )
    result = measure("long_arrears", [a, world.branch_b])
    assert result == {a: (Decimal("0.5"), 2, 4), world.branch_b: (Decimal("0"), 0, 0)}
    assert get("long_arrears").higher_is_better is False


@pytest.mark.parametrize("key", ["dues_on_time", "long_arrears"])
def test_queries_do_not_grow_with_the_organizations(world, key):
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    for organization in many:
        dues(MemberFactory(organization=organization), D(2025, 2, 1))

    def queries(organizations):
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        with CaptureQueriesContext(connection) as ctx:
            get(key).compute(qs, YEAR)
        return len(ctx.captured_queries)

    assert queries(few) == queries(many)
