"""Report, receipt, cancellation and rejection, and the refusals of every wrong state."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import TransferState
from members.services.transfers import (
    transfer_cancel,
    transfer_complete,
    transfer_issue_letter,
    transfer_record_receipt,
    transfer_record_report,
    transfer_reject,
)
from members.tests.support.transfers import TODAY, incoming_at, member_of, transfer_at

D = datetime.date


@pytest.fixture(autouse=True)
def today(time_machine, english):
    time_machine.move_to("2026-03-10 09:00 +08:00")
    return TODAY


@pytest.fixture
def member(world):
    return member_of(world.branch_a)


def test_the_receiving_branch_records_the_report(world, secretary_b, member):
    transfer = transfer_at(member, TransferState.ISSUED, to=world.branch_b)
    transfer_record_report(actor=secretary_b, transfer=transfer, reported_on=D(2026, 3, 3))
    transfer.refresh_from_db()
    assert (transfer.state, transfer.reported_on, transfer.late_report_reason) == (
        TransferState.REPORTED,
        D(2026, 3, 3),
        "",
    )
    last = transfer.events.last()
    assert (last.by, last.from_state, last.to_state) == (secretary_b, "issued", "reported")


def test_the_sending_branch_does_not_record_the_report_of_an_inside_transfer(
    world, secretary_a, member
):
    transfer = transfer_at(member, TransferState.ISSUED, to=world.branch_b)
    with pytest.raises(PermissionDenied):
        transfer_record_report(actor=secretary_a, transfer=transfer, reported_on=D(2026, 3, 3))


def test_a_report_before_the_letter_or_in_the_future_is_refused(world, secretary_b, member):
    transfer = transfer_at(member, TransferState.ISSUED, to=world.branch_b)
    for day, words in ((D(2026, 2, 1), "before the letter was issued"), (D(2026, 3, 11), "future")):
        with pytest.raises(ValidationError) as exc:
            transfer_record_report(actor=secretary_b, transfer=transfer, reported_on=day)
        assert words in exc.value.message_dict["reported_on"][0]
    transfer.refresh_from_db()
    assert transfer.state == TransferState.ISSUED


def test_a_report_after_the_letters_validity_needs_a_reason(world, secretary_b, member):
    transfer = transfer_at(
        member, TransferState.ISSUED, to=world.branch_b, valid_until=D(2026, 3, 1)
    )
    with pytest.raises(ValidationError) as exc:
        transfer_record_report(actor=secretary_b, transfer=transfer, reported_on=D(2026, 3, 2))
    assert "valid until 2026-03-01" in exc.value.message_dict["late_report_reason"][0]
    transfer_record_report(
        actor=secretary_b,
        transfer=transfer,
        reported_on=D(2026, 3, 2),
        late_report_reason="住院治疗，有医院证明",
    )
    transfer.refresh_from_db()
    assert transfer.late_report_reason == "住院治疗，有医院证明"
    assert transfer.events.last().note == "住院治疗，有医院证明"


def test_a_late_report_reopens_a_lapsed_transfer(world, secretary_b, member):
    transfer = transfer_at(
        member,
        TransferState.EXPIRED,
        to=world.branch_b,
        valid_until=D(2026, 3, 1),
        closed_on=D(2026, 3, 2),
    )
    transfer_record_report(
        actor=secretary_b,
        transfer=transfer,
        reported_on=D(2026, 3, 9),
        late_report_reason="外地出差",
    )
    transfer.refresh_from_db()
    assert (transfer.state, transfer.closed_on) == (TransferState.REPORTED, None)


def test_a_lapsed_transfer_is_not_reopened_when_the_member_has_another_one(
    world, secretary_b, member
):
    lapsed = transfer_at(
        member, TransferState.EXPIRED, to=world.branch_b, valid_until=D(2026, 3, 1)
    )
    transfer_at(member, TransferState.DRAFT, to=world.branch_c)
    with pytest.raises(ValidationError) as exc:
        transfer_record_report(
            actor=secretary_b, transfer=lapsed, reported_on=D(2026, 3, 9), late_report_reason="x"
        )
    assert "already has a transfer in progress" in exc.value.message_dict["member"][0]
    lapsed.refresh_from_db()
    assert lapsed.state == TransferState.EXPIRED


def test_the_receiving_branch_confirms_the_receipt_after_the_report(world, secretary_b, member):
    transfer = transfer_at(member, TransferState.REPORTED, to=world.branch_b)
    transfer_record_receipt(actor=secretary_b, transfer=transfer, receipt_on=D(2026, 3, 1))
    transfer.refresh_from_db()
    assert (transfer.state, transfer.receipt_on) == (TransferState.RECEIPTED, D(2026, 3, 1))


def test_a_receipt_before_the_report_is_refused(world, secretary_b, member):
    transfer = transfer_at(member, TransferState.REPORTED, to=world.branch_b)
    with pytest.raises(ValidationError) as exc:
        transfer_record_receipt(actor=secretary_b, transfer=transfer, receipt_on=D(2026, 2, 9))
    assert "before the member reported (2026-02-10)" in exc.value.message_dict["receipt_on"][0]


def test_an_inside_receipt_needs_the_report_first(world, secretary_b, member):
    transfer = transfer_at(member, TransferState.ISSUED, to=world.branch_b)
    with pytest.raises(ValidationError) as exc:
        transfer_record_receipt(actor=secretary_b, transfer=transfer, receipt_on=D(2026, 3, 1))
    assert "“member reported”" in exc.value.message_dict["state"][0]


def test_for_a_transfer_to_outside_the_sender_records_the_paper_receipt_even_late(
    world, secretary_a, member
):
    transfer = transfer_at(
        member, TransferState.EXPIRED, outside="外省某支部", valid_until=D(2026, 3, 1)
    )
    transfer_record_receipt(actor=secretary_a, transfer=transfer, receipt_on=D(2026, 3, 5))
    transfer.refresh_from_db()
    assert transfer.state == TransferState.RECEIPTED
    assert transfer.events.last().note == "late receipt"


def test_a_transfer_from_outside_has_no_separate_receipt_step(world, secretary_a):
    transfer = incoming_at(world.branch_a, TransferState.REPORTED)
    with pytest.raises(ValidationError) as exc:
        transfer_record_receipt(actor=secretary_a, transfer=transfer, receipt_on=D(2026, 3, 6))
    assert "when the transfer is completed" in exc.value.message_dict["state"][0]


def test_the_sender_cancels_before_completion_with_a_reason(world, secretary_a, member):
    transfer = transfer_at(member, TransferState.REPORTED, to=world.branch_b)
    with pytest.raises(ValidationError) as exc:
        transfer_cancel(actor=secretary_a, transfer=transfer, cancelled_on=TODAY, reason=" ")
    assert "reason" in exc.value.message_dict
    transfer_cancel(actor=secretary_a, transfer=transfer, cancelled_on=TODAY, reason="本人不走了")
    transfer.refresh_from_db()
    assert (transfer.state, transfer.closed_on, transfer.closing_reason) == (
        TransferState.CANCELLED,
        TODAY,
        "本人不走了",
    )


def test_the_receiver_does_not_cancel_and_the_sender_does_not_reject(
    world, secretary_a, secretary_b, member
):
    transfer = transfer_at(member, TransferState.ISSUED, to=world.branch_b)
    with pytest.raises(PermissionDenied):
        transfer_cancel(actor=secretary_b, transfer=transfer, cancelled_on=TODAY, reason="x")
    with pytest.raises(PermissionDenied):
        transfer_reject(actor=secretary_a, transfer=transfer, rejected_on=TODAY, reason="x")


def test_the_receiver_rejects_with_a_reason(world, secretary_b, member):
    transfer = transfer_at(member, TransferState.ISSUED, to=world.branch_b)
    transfer_reject(
        actor=secretary_b, transfer=transfer, rejected_on=TODAY, reason="不在本辖区居住"
    )
    transfer.refresh_from_db()
    assert (transfer.state, transfer.closing_reason) == (TransferState.REJECTED, "不在本辖区居住")


def test_a_lapsed_transfer_is_cancelled_when_the_member_stays(world, secretary_a, member):
    transfer = transfer_at(member, TransferState.EXPIRED, to=world.branch_b)
    transfer_cancel(actor=secretary_a, transfer=transfer, cancelled_on=TODAY, reason="本人留下")
    transfer.refresh_from_db()
    assert transfer.state == TransferState.CANCELLED


@pytest.mark.parametrize(
    ("state", "words"),
    [
        (TransferState.COMPLETED, "already completed (on 2026-03-01)"),
        (TransferState.CANCELLED, "cancelled on 2026-03-02"),
        (TransferState.REJECTED, "rejected on 2026-03-02"),
    ],
)
def test_an_ended_transfer_refuses_every_step_saying_how_it_ended(
    world, secretary_a, secretary_b, member, state, words
):
    transfer = transfer_at(
        member, state, to=world.branch_b, completed_on=D(2026, 3, 1), closed_on=D(2026, 3, 2)
    )
    attempts = [
        lambda: transfer_issue_letter(actor=secretary_a, transfer=transfer, issued_on=TODAY),
        lambda: transfer_record_report(actor=secretary_b, transfer=transfer, reported_on=TODAY),
        lambda: transfer_record_receipt(actor=secretary_b, transfer=transfer, receipt_on=TODAY),
        lambda: transfer_complete(actor=secretary_b, transfer=transfer, completed_on=TODAY),
        lambda: transfer_cancel(
            actor=secretary_a, transfer=transfer, cancelled_on=TODAY, reason="x"
        ),
        lambda: transfer_reject(
            actor=secretary_b, transfer=transfer, rejected_on=TODAY, reason="x"
        ),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as exc:
            attempt()
        assert words in exc.value.message_dict["state"][0]
    assert transfer.events.count() == 1


def test_completing_an_expired_transfer_is_refused_with_what_to_do(world, secretary_b, member):
    transfer = transfer_at(member, TransferState.EXPIRED, to=world.branch_b)
    with pytest.raises(ValidationError) as exc:
        transfer_complete(actor=secretary_b, transfer=transfer, completed_on=TODAY)
    message = exc.value.message_dict["state"][0]
    assert "expired" in message and "valid until 2026-05-02" in message
    assert "late report" in message
    member.refresh_from_db()
    assert member.organization == world.branch_a
