"""Relation transfers 组织关系转接: one service per step, each keyword-only, in its own
transaction with the transfer locked, checking the side of the actor and the state, and
writing a TransferEvent (who, when, from which state to which).

States: draft → letter issued → member reported → receipt returned → completed; ends:
cancelled, rejected, expired (a lapsed letter, which still takes a late report or receipt).
Who takes which step: see members/services/transfers/base.py and moves.py."""

from members.services.transfers.batch import transfers_create_batch
from members.services.transfers.completion import transfer_complete
from members.services.transfers.expiry import (
    is_pocket_member_case,
    lapsed_q,
    transfers_expire_due,
)
from members.services.transfers.incoming import incoming_transfer_record
from members.services.transfers.outgoing import (
    default_valid_until,
    transfer_create,
    transfer_issue_letter,
)
from members.services.transfers.steps import (
    transfer_cancel,
    transfer_record_receipt,
    transfer_record_report,
    transfer_reject,
)

__all__ = [
    "default_valid_until",
    "incoming_transfer_record",
    "is_pocket_member_case",
    "lapsed_q",
    "transfer_cancel",
    "transfer_complete",
    "transfer_create",
    "transfer_issue_letter",
    "transfer_record_receipt",
    "transfer_record_report",
    "transfer_reject",
    "transfers_create_batch",
    "transfers_expire_due",
]
