"""Two people taking the same step at the same moment, on PostgreSQL (SQLite serializes
every write, so it cannot show the race): one succeeds, the other is refused clearly, and
the member is held by exactly one organization."""

import time

import pytest
from django.core.exceptions import ValidationError

from members.models import Member, Transfer, TransferEvent, TransferState
from members.services.transfers import completion, transfer_complete, transfer_create
from members.tests.support.transfers import TODAY, member_of, transfer_at
from tests.concurrency import run_at_once

# the refusals are compared as English texts; the threads take the language from the settings
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-03-10 09:00 +08:00")
    return TODAY


def test_two_concurrent_completions_of_the_same_transfer_end_with_one_success_and_one_refusal(
    postgres, world, secretary_a, secretary_b, monkeypatch
):
    member = member_of(world.branch_a, party_group=world.group_a)
    transfer = transfer_at(member, TransferState.RECEIPTED, to=world.branch_b)
    original_move = completion._move

    def slow_move(*args):
        # hold the lock a moment, so that the second completion surely arrives meanwhile
        time.sleep(0.3)
        return original_move(*args)

    monkeypatch.setattr(completion, "_move", slow_move)
    results = run_at_once(
        lambda: transfer_complete(
            actor=secretary_a, transfer=Transfer.objects.get(pk=transfer.pk), completed_on=TODAY
        ),
        lambda: transfer_complete(
            actor=secretary_b, transfer=Transfer.objects.get(pk=transfer.pk), completed_on=TODAY
        ),
    )
    successes = [r for r in results if isinstance(r, Transfer)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert (len(successes), len(refusals)) == (1, 1), results
    assert refusals[0].message_dict["state"] == [
        "This transfer is already completed (on 2026-03-10)."
    ]
    member.refresh_from_db()
    assert member.organization == world.branch_b and member.left_on is None
    assert Member.objects.filter(pk=member.pk, organization=world.branch_b).count() == 1
    assert not Member.objects.filter(pk=member.pk, organization=world.branch_a).exists()
    assert TransferEvent.objects.filter(transfer=transfer, to_state="completed").count() == 1
    transfer.refresh_from_db()
    assert transfer.state == TransferState.COMPLETED


def test_two_transfers_started_at_once_for_one_member_leave_one_open(
    postgres, world, secretary_a, street_staff
):
    member = member_of(world.branch_a)
    results = run_at_once(
        lambda: transfer_create(actor=secretary_a, member=member, to_organization=world.branch_b),
        lambda: transfer_create(actor=street_staff, member=member, to_organization=world.branch_c),
    )
    assert sorted(type(r).__name__ for r in results) == ["RuleError", "Transfer"], results
    refusal = next(r for r in results if isinstance(r, ValidationError))
    assert "already has a transfer in progress" in refusal.message_dict["member"][0]
    assert Transfer.objects.filter(member=member).count() == 1
