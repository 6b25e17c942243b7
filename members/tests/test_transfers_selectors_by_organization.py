"""Transfer letters kept (the member reported in time), per sending organization."""

import datetime

import pytest

from members.models import TransferState
from members.selectors.transfers import letters_kept_by_organization
from members.tests.factories import MemberFactory
from members.tests.support.transfers import transfer_at

pytestmark = pytest.mark.django_db
D = datetime.date
LAST_DAY = D(2025, 3, 31)


def test_letters_kept_count_the_last_valid_day(world, django_assert_num_queries):
    def letter(state, reported_on, valid_until=LAST_DAY):
        transfer_at(
            MemberFactory(organization=world.branch_a),
            state,
            outside="某单位党支部",
            letter_issued_on=D(2025, 1, 2),
            valid_until=valid_until,
            reported_on=reported_on,
        )

    letter(TransferState.RECEIPTED, D(2025, 3, 31))  # the last valid day: kept
    letter(TransferState.REPORTED, D(2025, 4, 1))  # the day after: not
    letter(TransferState.EXPIRED, None)
    letter(TransferState.EXPIRED, None, valid_until=D(2025, 4, 1))  # after the last day asked
    with django_assert_num_queries(1):
        counts = letters_kept_by_organization(
            [world.branch_a.pk, world.branch_b.pk], D(2025, 1, 1), D(2025, 3, 31)
        )
    assert counts == {world.branch_a.pk: (3, 1)}
