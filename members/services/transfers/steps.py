"""The steps between the letter and the completion: the member reports to the receiving
organization, the receipt 回执 comes back; and the two ways a transfer ends early, cancelled
by the sending side or rejected by the receiving side.

A letter that lapsed (state expired) still takes a late report or a late receipt, with the
reason for a late report (因特殊情况超期的，须说明理由): that reopens the transfer, unless
the member has meanwhile started another one."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.errors import RuleError
from members.models import Transfer, TransferState
from members.models.transfer import OPEN_STATES
from members.services.development.base import Checks
from members.services.transfers.base import (
    LAPSED,
    RECEIVER,
    SENDER,
    check_state,
    is_from_outside,
    is_inside,
    lock_transfer,
    open_transfer_message,
    open_transfer_of,
    our_receiving_side,
    record_event,
    save_transfer,
)

STEP_FIELDS = ["state", "reported_on", "late_report_reason", "receipt_on", "closed_on"]


def _check_may_reopen(transfer: Transfer) -> None:
    """A lapsed transfer no longer blocks a new one; reopening it must not make two."""
    if transfer.state != LAPSED:
        return
    if transfer.member_id:
        other = open_transfer_of(transfer.member_id, exclude_pk=transfer.pk)
        if other is not None:
            raise RuleError({"member": open_transfer_message(other)})
    elif (
        Transfer.objects.filter(id_number=transfer.id_number, state__in=OPEN_STATES)
        .exclude(pk=transfer.pk)
        .exists()
    ):
        raise RuleError({"id_number": _("This person already has a transfer in progress.")})


@transaction.atomic
def transfer_record_report(
    *,
    actor,
    transfer: Transfer,
    reported_on: datetime.date,
    late_report_reason: str = "",
) -> Transfer:
    """The member reported to the receiving organization (报到), recorded by the receiving
    side; for a transfer to outside, by the sending side when it learns of it. A report
    after the letter's validity needs its reason."""
    transfer = lock_transfer(actor, transfer, side=our_receiving_side(transfer))
    check_state(transfer, TransferState.ISSUED, LAPSED)
    late_report_reason = (late_report_reason or "").strip()
    checks = Checks()
    checks.date(
        "reported_on",
        reported_on,
        after=transfer.letter_issued_on,
        after_what=_("the letter was issued"),
    )
    if checks.ok() and reported_on > transfer.valid_until and not late_report_reason:
        checks.add(
            "late_report_reason",
            _(
                "The letter was valid until %(date)s; for a report after that day write the reason for reporting late."
            )
            % {"date": transfer.valid_until.isoformat()},
        )
    checks.raise_if_any()
    _check_may_reopen(transfer)
    before = transfer.state
    transfer.state = TransferState.REPORTED
    transfer.reported_on = reported_on
    transfer.late_report_reason = late_report_reason if reported_on > transfer.valid_until else ""
    transfer.closed_on = None
    save_transfer(transfer, update_fields=STEP_FIELDS)
    record_event(transfer, actor, before, transfer.late_report_reason)
    return transfer


@transaction.atomic
def transfer_record_receipt(*, actor, transfer: Transfer, receipt_on: datetime.date) -> Transfer:
    """The receipt: the receiving organization here confirms it took the member in; for a
    transfer to outside, the sending side records the paper receipt that came back."""
    if is_from_outside(transfer):
        raise RuleError(
            {
                "state": _(
                    "For a transfer from outside, our receipt goes back when the transfer is completed."
                )
            }
        )
    if is_inside(transfer):
        transfer = lock_transfer(actor, transfer, side=RECEIVER)
        check_state(transfer, TransferState.REPORTED)
    else:
        transfer = lock_transfer(actor, transfer, side=SENDER)
        check_state(transfer, TransferState.ISSUED, TransferState.REPORTED, LAPSED)
    checks = Checks()
    after, what = transfer.letter_issued_on, _("the letter was issued")
    if transfer.reported_on:
        after, what = transfer.reported_on, _("the member reported")
    checks.date("receipt_on", receipt_on, after=after, after_what=what)
    checks.raise_if_any()
    _check_may_reopen(transfer)
    before = transfer.state
    transfer.state = TransferState.RECEIPTED
    transfer.receipt_on = receipt_on
    transfer.closed_on = None
    save_transfer(transfer, update_fields=STEP_FIELDS)
    record_event(transfer, actor, before, _("late receipt") if before == LAPSED else "")
    return transfer


def _close(actor, transfer: Transfer, state: str, on: datetime.date, reason: str, field: str):
    checks = Checks()
    checks.date(
        field,
        on,
        after=transfer.letter_issued_on or timezone.localtime(transfer.created_at).date(),
        after_what=_("the transfer began"),
    )
    if not (reason or "").strip():
        checks.add("reason", _("Write the reason."))
    checks.raise_if_any()
    before = transfer.state
    transfer.state = state
    transfer.closed_on = on
    transfer.closing_reason = reason.strip()
    save_transfer(transfer, update_fields=["state", "closed_on", "closing_reason"])
    record_event(transfer, actor, before, transfer.closing_reason)
    return transfer


@transaction.atomic
def transfer_cancel(
    *, actor, transfer: Transfer, cancelled_on: datetime.date, reason: str
) -> Transfer:
    """The sending side withdraws the transfer before it completes (for a transfer from
    outside, the receiving side drops the letter it recorded). A lapsed letter is cancelled
    this way too, when the member stays or a new letter will be issued."""
    side = RECEIVER if is_from_outside(transfer) else SENDER
    transfer = lock_transfer(actor, transfer, side=side)
    check_state(transfer, *OPEN_STATES, LAPSED)
    return _close(actor, transfer, TransferState.CANCELLED, cancelled_on, reason, "cancelled_on")


@transaction.atomic
def transfer_reject(
    *, actor, transfer: Transfer, rejected_on: datetime.date, reason: str
) -> Transfer:
    """The receiving organization refuses the member (for a transfer to outside, the
    sending side records the outside organization's refusal)."""
    transfer = lock_transfer(actor, transfer, side=our_receiving_side(transfer))
    check_state(transfer, TransferState.ISSUED, TransferState.REPORTED)
    return _close(actor, transfer, TransferState.REJECTED, rejected_on, reason, "rejected_on")
