"""The metric of transfers completed within the letter's validity."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.metrics.registry import get
from assessment.tests.support.metrics import YEAR, D, measure
from members.models import TransferState
from members.tests.factories import MemberFactory
from members.tests.support.transfers import transfer_at
from organizations.models import Organization
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db

OUTSIDE = "某市某单位党支部"


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


def letter(organization, state, valid_until, reported_on=None, **fields):
    return transfer_at(
        MemberFactory(organization=organization),
        state,
        outside=OUTSIDE,
        letter_issued_on=valid_until.replace(day=1),
        valid_until=valid_until,
        reported_on=reported_on,
        **fields,
    )


def test_transfers_within_the_letters_validity(world):
    """A: reported on the letter's last valid day and completed (kept); reported the day
    after (not); expired (not); rejected though reported in time (not); a cancelled letter
    and one valid into 2026 are not measured: 1 of 4. B: no letters: fully met."""
    a = world.branch_a
    letter(a, TransferState.COMPLETED, D(2025, 3, 31), D(2025, 3, 31), completed_on=D(2025, 4, 5))
    letter(a, TransferState.REPORTED, D(2025, 5, 1), D(2025, 5, 2))
    letter(a, TransferState.EXPIRED, D(2025, 6, 30))
    letter(a, TransferState.REJECTED, D(2025, 9, 1), D(2025, 8, 1), closed_on=D(2025, 8, 20))
    letter(a, TransferState.CANCELLED, D(2025, 8, 1), closed_on=D(2025, 7, 20))
    letter(a, TransferState.ISSUED, D(2026, 2, 1))
    result = measure("transfers_in_time", [a, world.branch_b, world.community1])
    assert result == {
        a: (Decimal("0.25"), 1, 4),
        world.branch_b: (Decimal("1"), 0, 0),
        world.community1: (Decimal("0.25"), 1, 4),
    }


def test_queries_do_not_grow_with_the_organizations(world):
    few = [world.branch_a, world.branch_b]
    many = few + [branch(world.community2) for _ in range(4)] + [world.community1]
    for organization in many:
        letter(organization, TransferState.EXPIRED, D(2025, 6, 30))

    def queries(organizations):
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        with CaptureQueriesContext(connection) as ctx:
            get("transfers_in_time").compute(qs, YEAR)
        return len(ctx.captured_queries)

    assert queries(few) == queries(many)
