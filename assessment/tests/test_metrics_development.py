"""The metric of applicants talked with on time."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.metrics.registry import get
from assessment.tests.support.metrics import YEAR, D, measure
from members.models import Stage
from members.tests.support.development import record_at
from organizations.models import Organization
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


def applied(organization, on, talked_on=None, **fields):
    stage = fields.pop("stage", Stage.APPLICANT)
    return record_at(organization, stage, applied_on=on, talked_on=talked_on, **fields)


def test_applicants_talked_with_on_time(world):
    """The talk is due one calendar month after the application. A: applied 31 January,
    due 28 February, talked that day (on time); applied 1 March, due 1 April, talked
    2 April (late); applied 1 May, no talk (missed); applied 1 December 2024, due 1 January
    2025, talked on time (counts: due in the year); applied 1 December 2025, due 1 January
    2026 (not due in the year); applied 1 June, withdrawn on 20 June without a talk (left
    out): 2 of 4. B: none due: fully met."""
    a = world.branch_a
    applied(a, D(2025, 1, 31), D(2025, 2, 28))
    applied(a, D(2025, 3, 1), D(2025, 4, 2))
    applied(a, D(2025, 5, 1))
    applied(a, D(2024, 12, 1), D(2024, 12, 20))
    applied(a, D(2025, 12, 1))
    applied(a, D(2025, 6, 1), stage=Stage.WITHDRAWN, closed_on=D(2025, 6, 20))
    result = measure("talks_on_time", [a, world.branch_b, world.community1])
    assert result == {
        a: (Decimal("0.5"), 2, 4),
        world.branch_b: (Decimal("1"), 0, 0),
        world.community1: (Decimal("0.5"), 2, 4),
    }


@pytest.mark.parametrize("key", ["talks_on_time", "activists_reviewed", "members_admitted"])
def test_queries_do_not_grow_with_the_organizations(world, key):
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    for organization in many:
        applied(organization, D(2025, 5, 1))
        record_at(organization, Stage.ACTIVIST, activist_on=D(2024, 7, 1))
        record_at(organization, Stage.PROBATIONARY)

    def queries(organizations):
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        with CaptureQueriesContext(connection) as ctx:
            get(key).compute(qs, YEAR)
        return len(ctx.captured_queries)

    assert queries(few) == queries(many)


def test_activists_reviewed_every_half_year(world):
    """Six months a period. Activist from 1 July 2024: periods ending 1 January and 1 July
    2025, reviewed on 1 January (the period's last day) and 1 March: 2 of 2. From 15
    February 2025: the period ending 15 August, reviewed on 16 August (the next period): 0
    of 1. From 1 December 2024, a candidate on 1 May 2025 before its first period ended: none
    due. From 1 March 2025, withdrawn on 1 December, no review for the period ending 1
    September: 0 of 1. A: 2 of 4; B: none due, fully met."""
    a = world.branch_a
    record_at(a, Stage.ACTIVIST, activist_on=D(2024, 7, 1), reviews=[D(2025, 1, 1), D(2025, 3, 1)])
    record_at(a, Stage.ACTIVIST, activist_on=D(2025, 2, 15), reviews=[D(2025, 8, 16)])
    record_at(a, Stage.CANDIDATE, activist_on=D(2024, 12, 1), candidate_on=D(2025, 5, 1))
    record_at(
        a,
        Stage.WITHDRAWN,
        talked_on=D(2024, 3, 20),
        activist_on=D(2025, 3, 1),
        closed_on=D(2025, 12, 1),
        reviews=[],
    )
    result = measure("activists_reviewed", [a, world.branch_b])
    assert result == {a: (Decimal("0.5"), 2, 4), world.branch_b: (Decimal("1"), 0, 0)}


def test_members_admitted(world):
    """A: admitted on 1 June and on 31 December 2025 (2); one on 5 January 2026 is of the
    next year. B: none."""
    a = world.branch_a
    record_at(a, Stage.PROBATIONARY)  # admitted 1 June 2025
    record_at(a, Stage.PROBATIONARY, admitted_on=D(2025, 12, 31), approved_on=None)
    record_at(a, Stage.PROBATIONARY, admitted_on=D(2026, 1, 5), approved_on=None)
    result = measure("members_admitted", [a, world.branch_b, world.community1])
    assert result == {
        a: (Decimal("2"), 2, 1),
        world.branch_b: (Decimal("0"), 0, 1),
        world.community1: (Decimal("2"), 2, 1),
    }
    assert get("members_admitted").unit == "count"
