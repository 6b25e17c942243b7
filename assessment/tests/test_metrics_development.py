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


def test_queries_do_not_grow_with_the_organizations(world):
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    for organization in many:
        applied(organization, D(2025, 5, 1))

    def queries(organizations):
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        with CaptureQueriesContext(connection) as ctx:
            get("talks_on_time").compute(qs, YEAR)
        return len(ctx.captured_queries)

    assert queries(few) == queries(many)
