"""Applicants talked with on time, per organization, for many organizations at once."""

import datetime

import pytest

from members.selectors.development import talks_by_organization
from members.tests.support.development import record_at

pytestmark = pytest.mark.django_db
D = datetime.date


def test_talks_due_in_the_days_asked(world, django_assert_num_queries):
    """Two months to talk: applied 15 January, due 15 March: talked on 15 March (on time) or
    16 March (late); applied 16 January, due 16 March, after the last day asked."""
    record_at(world.branch_a, applied_on=D(2025, 1, 15), talked_on=D(2025, 3, 15))
    record_at(world.branch_a, applied_on=D(2025, 1, 15), talked_on=D(2025, 3, 16))
    record_at(world.branch_b, applied_on=D(2025, 1, 16))
    with django_assert_num_queries(1):
        counts = talks_by_organization(
            [world.branch_a.pk, world.branch_b.pk], D(2025, 3, 1), D(2025, 3, 15), 2
        )
    assert counts == {world.branch_a.pk: (2, 1)}
