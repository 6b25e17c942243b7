"""People taking the same step at the same moment, on PostgreSQL (SQLite serializes every
write, so it cannot show the race): one succeeds, the others are refused clearly, the member
is held by exactly one organization, and what the step settles (a reminder) is settled once."""

import time

import pytest
from django.core.exceptions import ValidationError

from members.models import Member, Transfer, TransferEvent, TransferState
from members.services.transfers import completion, transfer_complete, transfer_create
from members.tests.support.transfers import TODAY, member_of, transfer_at
from reminders.models import EmailState, Reminder, ReminderState
from reminders.tests.support.delivery import emails_about, sweep_and_deliver
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


def test_eight_concurrent_completions_move_the_member_once_and_close_its_reminder_once(
    postgres, world, secretary_a, secretary_b
):
    """Business effects counted: one move of the member (one completed step, one new history
    row of the member), and the receiving side's one reminder ("incoming transfer not
    confirmed", e-mailed once before) closed once, with no e-mail after the completion."""
    secretary_b.email = "secretary_b@example.org"
    secretary_b.save(update_fields=["email"])
    member = member_of(world.branch_a, party_group=world.group_a)
    transfer = transfer_at(member, TransferState.RECEIPTED, to=world.branch_b)
    sweep_and_deliver(TODAY)
    unconfirmed = Reminder.objects.get(kind="transfer.incoming_unconfirmed", object_id=transfer.pk)
    assert unconfirmed.recipient == secretary_b and len(emails_about(unconfirmed)) == 1
    history_before = member.history.count()

    def complete(actor):
        return lambda: transfer_complete(
            actor=actor, transfer=Transfer.objects.get(pk=transfer.pk), completed_on=TODAY
        )

    results = run_at_once(*[complete(secretary_a), complete(secretary_b)] * 4)

    successes = [r for r in results if isinstance(r, Transfer)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert (len(successes), len(refusals)) == (1, 7), results
    assert {tuple(r.message_dict["state"]) for r in refusals} == {
        ("This transfer is already completed (on 2026-03-10).",)
    }
    member.refresh_from_db()
    assert (member.organization, member.party_group) == (world.branch_b, None)
    assert TransferEvent.objects.filter(transfer=transfer, to_state="completed").count() == 1
    moves = member.history.all()[: member.history.count() - history_before]
    assert [h.organization_id for h in moves] == [world.branch_b.pk]

    sweep_and_deliver(TODAY)
    unconfirmed.refresh_from_db()
    assert unconfirmed.state == ReminderState.DONE
    assert Reminder.objects.filter(object_id=transfer.pk, kind__startswith="transfer.").count() == 1
    assert len(emails_about(unconfirmed)) == 1  # the one sent before the completion
    assert not Reminder.objects.filter(email_state=EmailState.PENDING).exists()
