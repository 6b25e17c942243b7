"""Mobile members contacted in time, per organization, for many organizations at once."""

import datetime

import pytest

from accounts.tests.factories import UserFactory
from members.selectors.mobile import contacted_by_organization
from members.tests.support.mobile import contact, outgoing

pytestmark = pytest.mark.django_db
D = datetime.date


def test_contacted_as_of_a_day(world, django_assert_max_num_queries):
    """On 30 June 2025 (90 days: a contact after 1 April counts): 2 April counts, 1 April
    does not, a contact after the day is not seen."""
    by = UserFactory()
    contact(outgoing(world.branch_a), D(2025, 4, 2), by)
    contact(outgoing(world.branch_a), D(2025, 4, 1), by)
    contact(outgoing(world.branch_b), D(2025, 7, 1), by)
    ids = [world.branch_a.pk, world.branch_b.pk]
    with django_assert_max_num_queries(2):
        counts = contacted_by_organization(ids, D(2025, 6, 30))
    assert counts == {world.branch_a.pk: (2, 1), world.branch_b.pk: (1, 0)}
