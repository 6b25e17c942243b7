"""What every step of a relation transfer shares: the kinds of transfer, the two sides and
who acts for each, locking the row, the state check with its message, and the step log.

Sides. The sending side manages ``from_organization``, the receiving side manages
``to_organization``. A side outside this system (an external organization) cannot act
here, so its steps are recorded by our side: for a transfer to an outside organization the
sending side records the report (when it learns of it) and the paper receipt; for a
transfer from outside the receiving side records the letter and everything after it."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.errors import RuleError
from members.models import Transfer, TransferDirection, TransferEvent, TransferState
from members.models.transfer import OPEN_STATES
from organizations import scoping

SENDER = "from"
RECEIVER = "to"
EITHER = "either"

# states a step may start from when the letter has lapsed: a late report or receipt
# (因特殊情况超期) is still recorded, with its reason, and reopens the transfer
LAPSED = TransferState.EXPIRED


def is_inside(transfer: Transfer) -> bool:
    return bool(transfer.from_organization_id and transfer.to_organization_id)


def is_to_outside(transfer: Transfer) -> bool:
    return transfer.direction == TransferDirection.OUTGOING and not transfer.to_organization_id


def is_from_outside(transfer: Transfer) -> bool:
    return transfer.direction == TransferDirection.INCOMING


def our_receiving_side(transfer: Transfer) -> str:
    """Who records what the receiving end does: the receiver when it is here."""
    return SENDER if is_to_outside(transfer) else RECEIVER


def sides_of(user, transfer: Transfer) -> frozenset[str]:
    """The sides of ``transfer`` that ``user`` may act for."""
    sides = set()
    if transfer.from_organization_id and scoping.can_manage_path(
        user, transfer.from_organization.path
    ):
        sides.add(SENDER)
    if transfer.to_organization_id and scoping.can_manage_path(user, transfer.to_organization.path):
        sides.add(RECEIVER)
    return frozenset(sides)


def may_act(user, transfer: Transfer, side: str) -> bool:
    sides = sides_of(user, transfer)
    return bool(sides) if side == EITHER else side in sides


def check_side(actor, transfer: Transfer, side: str) -> None:
    if may_act(actor, transfer, side):
        return
    if side == SENDER:
        raise PermissionDenied(_("Only the sending organization takes this step."))
    if side == RECEIVER:
        raise PermissionDenied(_("Only the receiving organization takes this step."))
    raise PermissionDenied(_("You may not change this transfer."))


def lock_transfer(actor, transfer: Transfer, *, side: str) -> Transfer:
    """The transfer, locked until the end of the transaction, once ``actor`` may act for
    ``side``. A second person taking a step at the same moment waits here and then sees
    the state the first one left."""
    locked = (
        Transfer.objects.select_for_update(of=("self",))
        .select_related("from_organization", "to_organization", "member")
        .get(pk=transfer.pk)
    )
    check_side(actor, locked, side)
    return locked


def state_refusal(transfer: Transfer, needed) -> RuleError:
    """A refusal that says what the state is and, for an ended transfer, since when."""
    state = transfer.state
    if state == TransferState.COMPLETED:
        message = _("This transfer is already completed (on %(date)s).") % {
            "date": transfer.completed_on.isoformat() if transfer.completed_on else "—"
        }
    elif state == TransferState.CANCELLED:
        message = _("This transfer was cancelled on %(date)s.") % {"date": _date(transfer)}
    elif state == TransferState.REJECTED:
        message = _("This transfer was rejected on %(date)s.") % {"date": _date(transfer)}
    elif state == TransferState.EXPIRED:
        message = _(
            "The letter of this transfer expired: it was valid until %(date)s. Record the late report or receipt with its reason first, or cancel the transfer and issue a new letter."
        ) % {"date": transfer.valid_until.isoformat() if transfer.valid_until else "—"}
    else:
        message = _(
            "This step needs a transfer in the state “%(needed)s”; this one is “%(state)s”."
        ) % {
            "needed": _("” or “").join(str(TransferState(s).label) for s in needed),
            "state": transfer.get_state_display(),
        }
    return RuleError({"state": message})


def _date(transfer: Transfer) -> str:
    return transfer.closed_on.isoformat() if transfer.closed_on else "—"


def check_state(transfer: Transfer, *states) -> None:
    if transfer.state not in states:
        raise state_refusal(transfer, states)


def record_event(transfer: Transfer, actor, from_state: str, note: str = "") -> TransferEvent:
    return TransferEvent.objects.create(
        transfer=transfer,
        by=actor,
        from_state=from_state,
        to_state=transfer.state,
        note=note,
    )


def open_transfer_message(transfer: Transfer | None = None) -> str:
    if transfer is None:
        return _("This member already has a transfer in progress.")
    return _("%(name)s already has a transfer in progress (%(state)s, to %(to)s).") % {
        "name": transfer.display_name,
        "state": transfer.get_state_display(),
        "to": destination_name(transfer),
    }


def destination_name(transfer: Transfer) -> str:
    return (
        transfer.to_organization.name
        if transfer.to_organization_id
        else transfer.external_organization
    )


def origin_name(transfer: Transfer) -> str:
    if transfer.from_organization_id:
        return transfer.from_organization.name
    return transfer.external_organization


def open_transfer_of(member_id: int, *, exclude_pk: int | None = None) -> Transfer | None:
    qs = Transfer.objects.filter(member_id=member_id, state__in=OPEN_STATES).select_related(
        "to_organization", "member"
    )
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def save_transfer(transfer: Transfer, *, update_fields=None) -> Transfer:
    """Validate and save; the open-transfer constraint may still fire when two people start
    a transfer for the same member at once, which is refused like the check before it."""
    transfer.full_clean()
    try:
        with transaction.atomic():
            transfer.save(update_fields=update_fields)
    except IntegrityError as exc:
        if transfer.member_id and open_transfer_of(transfer.member_id, exclude_pk=transfer.pk):
            raise RuleError({"member": open_transfer_message()}) from exc
        raise
    return transfer
