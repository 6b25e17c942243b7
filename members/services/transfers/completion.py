"""Completing a transfer: the membership moves in the same transaction that closes the
transfer, with the transfer and the member locked, so that the member is held by exactly
one organization before and after, never none and never two.

- Inside the system: the member's organization becomes the receiving one (the party group
  is left behind); a probationary member's development record moves along.
- To an outside organization: the member leaves our roll, the left reason naming where to.
- From an outside organization: the person goes on the roll of the receiving organization
  through the roll's own service (every check of a new member applies); a person who left
  our roll earlier comes back on their old row, since an ID number is on one row only.

An open mobile-member record of the person ends, its reason "membership transferred"."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from members.errors import RuleError
from members.models import (
    DevelopmentRecord,
    Member,
    MobileEndReason,
    MobileMember,
    Stage,
    Transfer,
    TransferState,
)
from members.services.development.base import Checks
from members.services.roll import member_create
from members.services.transfers.base import (
    EITHER,
    RECEIVER,
    SENDER,
    check_state,
    is_from_outside,
    is_inside,
    lock_transfer,
    record_event,
    save_transfer,
)
from members.services.transfers.outgoing import receiving_organization_errors
from organizations import scoping

# stored on the roll (data, not interface text), like the "汉族" default of ethnicity
LEFT_REASON = "组织关系转出：{}"
# what the receiving side may add about a person coming from outside when taking them in
EXTRA_PERSON_FIELDS = ("ethnicity", "education", "address", "workplace", "employment", "grid_cell")


@transaction.atomic
def transfer_complete(
    *, actor, transfer: Transfer, completed_on: datetime.date, **person
) -> Transfer:
    """Inside: either side completes once the receipt is confirmed. To outside: the
    sending side, once the paper receipt is back. From outside: the receiving side, once
    the member has reported; our receipt goes back the same day. ``person`` takes the
    EXTRA_PERSON_FIELDS for a member coming from outside."""
    if is_from_outside(transfer):
        side, states = RECEIVER, (TransferState.REPORTED,)
    elif is_inside(transfer):
        side, states = EITHER, (TransferState.RECEIPTED,)
    else:
        side, states = SENDER, (TransferState.RECEIPTED,)
    unknown = set(person) - set(EXTRA_PERSON_FIELDS)
    if unknown or (person and not is_from_outside(transfer)):
        raise ValueError(f"unexpected fields for this transfer: {sorted(person)}")
    transfer = lock_transfer(actor, transfer, side=side)
    check_state(transfer, *states)
    checks = Checks()
    if transfer.receipt_on:
        after, what = transfer.receipt_on, _("the receipt")
    else:
        after, what = transfer.reported_on, _("the member reported")
    checks.date("completed_on", completed_on, after=after, after_what=what)
    if transfer.to_organization_id:
        checks.extend(receiving_organization_errors(transfer.to_organization))
    checks.raise_if_any()
    before = transfer.state
    if is_from_outside(transfer):
        transfer.member = _take_in(actor, transfer, completed_on, person)
        transfer.receipt_on = completed_on
    else:
        member = _lock_member(transfer)
        if is_inside(transfer):
            _move(member, transfer)
        else:
            _leave(member, transfer, completed_on)
        _end_mobile_records(MobileMember.objects.filter(member=member), completed_on)
    transfer.state = TransferState.COMPLETED
    transfer.completed_on = completed_on
    save_transfer(transfer, update_fields=["state", "completed_on", "member", "receipt_on"])
    record_event(transfer, actor, before)
    return transfer


def _lock_member(transfer: Transfer) -> Member:
    member = Member.objects.select_for_update(of=("self",)).get(pk=transfer.member_id)
    if not member.is_on_roll or member.organization_id != transfer.from_organization_id:
        raise RuleError(
            {
                "member": _(
                    "The membership of %(name)s is no longer held by %(org)s, so this transfer cannot complete."
                )
                % {"name": member.name, "org": transfer.from_organization.name}
            }
        )
    return member


def _move(member: Member, transfer: Transfer) -> None:
    member.organization = transfer.to_organization
    member.party_group = None
    member.full_clean()
    member.save()
    record = (
        DevelopmentRecord.objects.select_for_update()
        .filter(member=member, stage=Stage.PROBATIONARY)
        .first()
    )
    if record is not None:
        # the branch now holding the membership decides at the end of probation
        record.organization = transfer.to_organization
        record.save(update_fields=["organization"])


def _leave(member: Member, transfer: Transfer, completed_on: datetime.date) -> None:
    member.left_on = completed_on
    member.left_reason = LEFT_REASON.format(transfer.external_organization)[:100]
    member.party_group = None
    member.full_clean()
    member.save()


def _take_in(actor, transfer: Transfer, completed_on: datetime.date, extra: dict) -> Member:
    grid_cell = extra.get("grid_cell")
    if (
        grid_cell is not None
        and not scoping.visible_grid_cells_for(actor).filter(pk=grid_cell.pk).exists()
    ):
        raise RuleError({"grid_cell": _("This grid cell lies outside your area.")})
    fields = {
        "name": transfer.name,
        "gender": transfer.gender,
        "birth_date": transfer.birth_date,
        "id_number": transfer.id_number,
        "phone": transfer.phone,
        "status": transfer.member_status,
        "joined_on": transfer.joined_on,
        "full_member_on": transfer.full_member_on,
        "organization": transfer.to_organization,
        **{k: v for k, v in extra.items() if v is not None and v != ""},
    }
    member = Member.objects.select_for_update().filter(id_number=transfer.id_number).first()
    if member is None:
        member = member_create(actor=actor, **fields)
    elif member.is_on_roll:
        raise RuleError(
            {
                "id_number": _("%(name)s is already on the roll of %(org)s.")
                % {"name": member.name, "org": member.organization.name}
            }
        )
    else:
        for name, field_value in fields.items():
            setattr(member, name, field_value)
        member.party_group = None
        member.left_on = None
        member.left_reason = ""
        member.full_clean()
        member.save()
    # a person registered as living here with the membership elsewhere is now ours
    _end_mobile_records(
        MobileMember.objects.filter(member__isnull=True, id_number=transfer.id_number),
        completed_on,
    )
    return member


def _end_mobile_records(records, ended_on: datetime.date) -> None:
    for record in records.filter(ended_on__isnull=True).select_for_update():
        record.ended_on = max(ended_on, record.away_since)
        record.end_reason = MobileEndReason.TRANSFERRED
        record.save(update_fields=["ended_on", "end_reason"])
