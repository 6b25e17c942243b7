"""The steps of a transfer by the name they carry in URLs: which service takes each, when
a transfer offers it and which side takes it. Pages and the API both read this table."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from members.models import Transfer, TransferState
from members.models.transfer import OPEN_STATES
from members.services.transfers.base import (
    EITHER,
    LAPSED,
    RECEIVER,
    SENDER,
    is_from_outside,
    is_inside,
    may_act,
    our_receiving_side,
)
from members.services.transfers.completion import transfer_complete
from members.services.transfers.outgoing import transfer_issue_letter
from members.services.transfers.steps import (
    transfer_cancel,
    transfer_record_receipt,
    transfer_record_report,
    transfer_reject,
)


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    service: Callable
    offered: Callable[[Transfer], bool]
    side: Callable[[Transfer], str]
    danger: bool = False


def _receipt_offered(t: Transfer) -> bool:
    if is_from_outside(t):
        return False
    if is_inside(t):
        return t.state == TransferState.REPORTED
    return t.state in (TransferState.ISSUED, TransferState.REPORTED, LAPSED)


def _complete_offered(t: Transfer) -> bool:
    if is_from_outside(t):
        return t.state == TransferState.REPORTED
    return t.state == TransferState.RECEIPTED


def _complete_side(t: Transfer) -> str:
    if is_from_outside(t):
        return RECEIVER
    return EITHER if is_inside(t) else SENDER


STEPS: dict[str, Step] = {
    s.name: s
    for s in (
        Step(
            "issue",
            _("Issue the letter"),
            transfer_issue_letter,
            lambda t: t.state == TransferState.DRAFT,
            lambda t: SENDER,
        ),
        Step(
            "report",
            _("Record the member's report"),
            transfer_record_report,
            lambda t: t.state in (TransferState.ISSUED, LAPSED),
            our_receiving_side,
        ),
        Step(
            "receipt",
            _("Record the receipt"),
            transfer_record_receipt,
            _receipt_offered,
            lambda t: RECEIVER if is_inside(t) else SENDER,
        ),
        Step(
            "complete",
            _("Complete the transfer"),
            transfer_complete,
            _complete_offered,
            _complete_side,
        ),
        Step(
            "reject",
            _("Reject the transfer"),
            transfer_reject,
            lambda t: t.state in (TransferState.ISSUED, TransferState.REPORTED),
            our_receiving_side,
            danger=True,
        ),
        Step(
            "cancel",
            _("Cancel the transfer"),
            transfer_cancel,
            lambda t: t.state in (*OPEN_STATES, LAPSED),
            lambda t: RECEIVER if is_from_outside(t) else SENDER,
            danger=True,
        ),
    )
}


def offered_steps(user, transfer: Transfer) -> list[Step]:
    """The steps the transfer offers now that ``user`` may take."""
    return [
        s
        for s in STEPS.values()
        if s.offered(transfer) and may_act(user, transfer, s.side(transfer))
    ]
