"""The daily step marking lapsed letters expired, and the pocket-member cases it opens."""

import datetime

import pytest

from members.models import (
    MobileCategory,
    MobileDirection,
    MobileMember,
    TransferEvent,
    TransferState,
)
from members.selectors.transfers import pocket_member_cases_for
from members.services.transfers import transfers_expire_due
from members.tests.support.transfers import TODAY, incoming_at, member_of, transfer_at

D = datetime.date
LAST_VALID = D(2026, 3, 9)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-03-10 09:00 +08:00")
    return TODAY


def test_a_letter_lapses_the_day_after_its_last_valid_day_not_on_it(world):
    transfer = transfer_at(member_of(world.branch_a), to=world.branch_b, valid_until=LAST_VALID)
    assert transfers_expire_due(today=LAST_VALID)["expired"] == 0
    assert transfers_expire_due(today=TODAY) == {"expired": 1, "pocket_members": 0}
    transfer.refresh_from_db()
    assert (transfer.state, transfer.closed_on) == (TransferState.EXPIRED, TODAY)
    event = TransferEvent.objects.filter(transfer=transfer).last()
    assert (event.by, event.from_state, event.to_state) == (None, "issued", "expired")


def test_a_second_run_finds_nothing(world):
    transfer_at(member_of(world.branch_a), to=world.branch_b, valid_until=LAST_VALID)
    transfers_expire_due(today=TODAY)
    assert transfers_expire_due(today=TODAY) == {"expired": 0, "pocket_members": 0}
    assert TransferEvent.objects.filter(to_state=TransferState.EXPIRED).count() == 1


def test_a_reported_or_receipted_inside_transfer_does_not_lapse(world):
    for state in (TransferState.REPORTED, TransferState.RECEIPTED, TransferState.DRAFT):
        transfer_at(member_of(world.branch_a), state, to=world.branch_b, valid_until=LAST_VALID)
    assert transfers_expire_due(today=TODAY)["expired"] == 0


def test_a_transfer_to_outside_without_receipt_lapses_into_a_pocket_member_case(
    world, secretary_a, secretary_b
):
    member = member_of(world.branch_a)
    reported = transfer_at(
        member, TransferState.REPORTED, outside="外省某街道党工委", valid_until=LAST_VALID
    )
    receipted = transfer_at(
        member_of(world.branch_a), TransferState.RECEIPTED, outside="外省", valid_until=LAST_VALID
    )
    assert transfers_expire_due(today=TODAY) == {"expired": 1, "pocket_members": 1}
    reported.refresh_from_db()
    receipted.refresh_from_db()
    assert (reported.state, receipted.state) == (TransferState.EXPIRED, TransferState.RECEIPTED)
    case = MobileMember.objects.get(member=member)
    assert (case.category, case.direction, case.organization, case.whereabouts) == (
        MobileCategory.MOVED,
        MobileDirection.OUTGOING,
        world.branch_a,
        "外省某街道党工委",
    )
    assert (case.away_since, case.ended_on) == (reported.letter_issued_on, None)
    assert list(pocket_member_cases_for(secretary_a)) == [reported]
    assert list(pocket_member_cases_for(secretary_b)) == []


def test_a_member_already_on_the_census_is_not_put_there_twice(world):
    member = member_of(world.branch_a)
    MobileMember.objects.create(
        organization=world.branch_a,
        direction=MobileDirection.OUTGOING,
        category=MobileCategory.MIGRANT_WORKER,
        member=member,
        whereabouts="深圳",
        away_since=D(2025, 1, 1),
    )
    transfer_at(member, outside="深圳某党委", valid_until=LAST_VALID)
    assert transfers_expire_due(today=TODAY) == {"expired": 1, "pocket_members": 0}
    assert MobileMember.objects.filter(member=member).count() == 1


def test_a_letter_from_outside_never_followed_by_a_report_lapses_too(world):
    incoming = incoming_at(world.branch_a, TransferState.ISSUED, valid_until=LAST_VALID)
    assert transfers_expire_due(today=TODAY)["expired"] == 1
    incoming.refresh_from_db()
    assert incoming.state == TransferState.EXPIRED


def test_the_expiry_step_costs_the_same_queries_for_one_letter_or_many(
    world, django_assert_num_queries
):
    # savepoint, the lapsed transfers (locked), their update, its history, the steps,
    # who is on the census already, the new cases, their history, release
    transfer_at(member_of(world.branch_a), outside="外地", valid_until=LAST_VALID)
    with django_assert_num_queries(9):
        transfers_expire_due(today=TODAY)
    for _ in range(6):
        transfer_at(member_of(world.branch_a), outside="外地", valid_until=D(2026, 3, 10))
    with django_assert_num_queries(9):
        assert transfers_expire_due(today=D(2026, 3, 11))["expired"] == 6
