"""Development work per organization, for many organizations at once: talks on time,
activists reviewed, admissions."""

import datetime

import pytest

from members.models import Stage
from members.selectors.development import (
    activist_reviews_by_organization,
    admissions_by_organization,
    talks_by_organization,
)
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


def test_activist_review_periods(world, django_assert_num_queries):
    """Activist from 1 January 2025, three months a period: periods ending 1 April (reviewed
    on 1 April, its last day) and 1 July (reviewed 2 July: that falls in the next period)."""
    record_at(
        world.branch_a,
        Stage.ACTIVIST,
        activist_on=D(2025, 1, 1),
        reviews=[D(2025, 4, 1), D(2025, 7, 2)],
    )
    with django_assert_num_queries(2):
        counts = activist_reviews_by_organization(
            [world.branch_a.pk], D(2025, 1, 1), D(2025, 7, 1), 3
        )
    assert counts == {world.branch_a.pk: (2, 1)}


def test_admissions(world, django_assert_num_queries):
    record_at(world.branch_a, Stage.PROBATIONARY)  # admitted 1 June 2025
    with django_assert_num_queries(1):
        counts = admissions_by_organization(
            [world.branch_a.pk, world.branch_b.pk], D(2025, 6, 1), D(2025, 6, 30)
        )
    assert counts == {world.branch_a.pk: 1}
    assert admissions_by_organization([world.branch_a.pk], D(2025, 6, 2), D(2025, 6, 30)) == {}
