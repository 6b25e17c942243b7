"""The metric of branches keeping the size rules."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.metrics.registry import get
from assessment.tests.support.metrics import YEAR, D, measure
from members.tests.factories import MemberFactory
from organizations.models import Organization
from organizations.tests.factories import CommitteeTermFactory, branch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


def roll(organization, full, probationary=0):
    for _ in range(full):
        MemberFactory(organization=organization)
    for _ in range(probationary):
        MemberFactory(
            organization=organization,
            status="probationary",
            joined_on=D(2025, 9, 1),
            full_member_on=None,
        )


def test_branch_size_rules(world):
    """A: 3 full and a probationary member, no committee (kept: 3 is enough). B: 2 full and
    2 probationary (not: 2 full). C: 6 full with a committee in office (not: a committee
    needs 7). E: 7 full with a committee (kept). A branch dissolved in 2024 is not counted.
    Community 1: A and B, 1 of 2; community 2: C and E, 1 of 2. The party group holds no
    branch: fully met."""
    roll(world.branch_a, 3, 1)
    roll(world.branch_b, 2, 2)
    roll(world.branch_c, 6)
    CommitteeTermFactory(organization=world.branch_c)
    e = branch(world.community2)
    roll(e, 7)
    CommitteeTermFactory(organization=e)
    branch(world.community2, established_on=D(2020, 1, 1), dissolved_on=D(2024, 6, 30))
    result = measure(
        "branch_size",
        [
            world.branch_a,
            world.branch_b,
            world.branch_c,
            e,
            world.community1,
            world.community2,
            world.group_a,
        ],
    )
    assert result == {
        world.branch_a: (Decimal("1"), 1, 1),
        world.branch_b: (Decimal("0"), 0, 1),
        world.branch_c: (Decimal("0"), 0, 1),
        e: (Decimal("1"), 1, 1),
        world.community1: (Decimal("0.5"), 1, 2),
        world.community2: (Decimal("0.5"), 1, 2),
        world.group_a: (Decimal("1"), 0, 0),
    }


def test_a_committee_ended_before_the_end_of_the_period_does_not_count(world):
    roll(world.branch_c, 6)
    CommitteeTermFactory(organization=world.branch_c, elected_on=D(2022, 12, 31))  # ends 2025-12-31
    assert measure("branch_size", [world.branch_c]) == {world.branch_c: (Decimal("1"), 1, 1)}


def test_queries_do_not_grow_with_the_organizations(world):
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    for organization in many:
        roll(organization, 1)
        CommitteeTermFactory(organization=organization)

    def queries(organizations):
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        with CaptureQueriesContext(connection) as ctx:
            get("branch_size").compute(qs, YEAR)
        return len(ctx.captured_queries)

    assert queries(few) == queries(many)
