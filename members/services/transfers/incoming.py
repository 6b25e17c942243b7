"""A transfer from an outside organization: the receiving side records the letter it was
shown (number, dates, the organization that issued it, the person), then the report, then
completes it (members/services/transfers/completion.py).

An incoming transfer from another organization of this system has no row of its own: it
is the receiving side's view of that organization's outgoing transfer."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.idnumber import normalize
from members.models import Member, Transfer, TransferDirection, TransferState
from members.models.transfer import OPEN_STATES
from members.services.development.base import Checks
from members.services.transfers.base import record_event, save_transfer
from members.services.transfers.outgoing import default_valid_until, receiving_organization_errors
from organizations import scoping
from organizations.models import Organization

# what a transient Member's full_clean says about the person that also holds here
PERSON_CHECKS = (
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "status",
    "joined_on",
    "full_member_on",
    "__all__",
)
# the constraints on status and full-member date are about the full-member date
FIELD_OF = {"status": "member_status", "__all__": "full_member_on"}


def person_errors(transfer: Transfer) -> dict[str, list[str]]:
    """The roll's own rules on the person (ID number checksum, birth date and gender
    against it, dates, full-member date against status), on a Member never saved."""
    member = Member(
        name=transfer.name,
        gender=transfer.gender,
        birth_date=transfer.birth_date,
        id_number=transfer.id_number,
        phone=transfer.phone,
        status=transfer.member_status,
        joined_on=transfer.joined_on,
        full_member_on=transfer.full_member_on,
        organization=transfer.to_organization,
    )
    try:
        member.full_clean(exclude=["organization"], validate_unique=False)
    except ValidationError as exc:
        return {
            FIELD_OF.get(field, field): messages
            for field, messages in exc.message_dict.items()
            if field in PERSON_CHECKS
        }
    return {}


@transaction.atomic
def incoming_transfer_record(
    *,
    actor,
    to_organization: Organization,
    external_organization: str,
    external_contact: str,
    letter_number: str,
    letter_issued_on: datetime.date,
    valid_until: datetime.date | None = None,
    name: str,
    gender: str,
    birth_date: datetime.date,
    id_number: str,
    member_status: str,
    joined_on: datetime.date,
    full_member_on: datetime.date | None = None,
    phone: str = "",
    reason: str = "",
) -> Transfer:
    """Record the letter of a member coming from outside (state: letter issued)."""
    if not scoping.can_manage_path(actor, to_organization.path):
        raise PermissionDenied(_("You may not take members into this organization."))
    checks = Checks()
    transfer = Transfer(
        direction=TransferDirection.INCOMING,
        state=TransferState.ISSUED,
        to_organization=to_organization,
        external_organization=(external_organization or "").strip(),
        external_contact=(external_contact or "").strip(),
        letter_number=(letter_number or "").strip(),
        letter_issued_on=letter_issued_on,
        valid_until=valid_until,
        name=(name or "").strip(),
        gender=gender,
        birth_date=birth_date,
        id_number=normalize(id_number or ""),
        phone=(phone or "").strip(),
        member_status=member_status,
        joined_on=joined_on,
        full_member_on=full_member_on,
        reason=(reason or "").strip(),
        created_by=actor,
    )
    checks.extend(receiving_organization_errors(to_organization))
    for field in ("external_organization", "external_contact", "letter_number"):
        if not getattr(transfer, field):
            checks.add(field, _("This field is required."))
    checks.date("letter_issued_on", letter_issued_on)
    if "letter_issued_on" not in checks.errors:
        transfer.valid_until = valid_until or default_valid_until(letter_issued_on)
        if transfer.valid_until < letter_issued_on:
            checks.add(
                "valid_until",
                _("A letter cannot be valid until a day before it was issued (%(date)s).")
                % {"date": letter_issued_on.isoformat()},
            )
    if (
        transfer.letter_number
        and Transfer.objects.filter(letter_number=transfer.letter_number).exists()
    ):
        checks.add("letter_number", _("This letter number is already used."))
    checks.extend(person_errors(transfer))
    if "id_number" not in checks.errors:
        _check_person_is_new(checks, transfer.id_number)
    checks.raise_if_any()
    save_transfer(transfer)
    record_event(transfer, actor, "", transfer.reason)
    return transfer


def _check_person_is_new(checks: Checks, id_number: str) -> None:
    on_roll = Member.objects.on_roll().filter(id_number=id_number).select_related("organization")
    member = on_roll.first()
    if member is not None:
        checks.add(
            "id_number",
            _(
                "%(name)s is on the roll of %(org)s: a transfer between two organizations here is started by the sending one."
            )
            % {"name": member.name, "org": member.organization.name},
        )
    elif Transfer.objects.filter(
        direction=TransferDirection.INCOMING, id_number=id_number, state__in=OPEN_STATES
    ).exists():
        checks.add("id_number", _("This person already has a transfer in progress."))
