"""A transfer out of a branch: started as a draft by the sending side, then its letter 介绍信
is issued with a number and a validity (LETTER_VALIDITY_MONTHS by default, set per letter)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members import rules
from members.dates import add_months
from members.errors import RuleError
from members.models import Member, Transfer, TransferBatch, TransferDirection, TransferState
from members.models.member import HOLDING_KINDS
from members.services.development.base import Checks
from members.services.transfers.base import (
    SENDER,
    check_state,
    lock_transfer,
    open_transfer_message,
    open_transfer_of,
    record_event,
    save_transfer,
)
from organizations import scoping
from organizations.models import Organization
from policies.registry import value

NUMBER_ATTEMPTS = 5


def destination_errors(
    *,
    to_organization: Organization | None,
    external_organization: str,
    external_contact: str,
) -> dict[str, list[str]]:
    """Where a transfer may go, whoever the member: one organization here, or an outside
    organization named with a contact."""
    checks = Checks()
    if to_organization is None and not external_organization:
        checks.add(
            "to_organization",
            _("Choose the receiving organization here, or name the outside organization."),
        )
    elif to_organization is not None and external_organization:
        checks.add(
            "external_organization",
            _("A transfer goes either to an organization here or to an outside one, not to both."),
        )
    elif to_organization is not None:
        checks.extend(receiving_organization_errors(to_organization))
    elif not external_contact:
        checks.add(
            "external_contact",
            _(
                "Give a contact of the outside organization (address or phone): the receipt comes back from it and the follow-up goes to it."
            ),
        )
    return checks.errors


def receiving_organization_errors(
    organization: Organization, field: str = "to_organization"
) -> dict[str, list[str]]:
    checks = Checks()
    if organization.kind not in HOLDING_KINDS:
        checks.add(
            field,
            _(
                "A membership is held by a branch, general branch or community committee; %(org)s is a %(kind)s."
            )
            % {"org": organization.name, "kind": organization.get_kind_display()},
        )
    elif organization.dissolved_on is not None and organization.dissolved_on <= checks.today:
        checks.add(
            field,
            _("%(org)s was dissolved on %(date)s.")
            % {"org": organization.name, "date": organization.dissolved_on.isoformat()},
        )
    return checks.errors


_LOOK_UP = object()


def already_held_message(member: Member, organization: Organization) -> str:
    return _(
        "The membership of %(name)s is already held by %(org)s; a transfer goes to another organization."
    ) % {"name": member.name, "org": organization.name}


def member_refusals(
    actor, member: Member, to_organization: Organization | None, *, current=_LOOK_UP
) -> list[tuple[str, str]]:
    """Why ``member`` cannot be transferred by ``actor``, as (field, message) pairs, each
    message naming the member. ``current``: the member's open transfer when the caller
    already looked it up (a group transfer looks them all up at once)."""
    refusals = []
    if not scoping.can_manage_path(actor, member.organization.path):
        refusals.append(
            (
                "member",
                _("%(name)s is a member of %(org)s, which you do not manage.")
                % {"name": member.name, "org": member.organization.name},
            )
        )
    if not member.is_on_roll:
        refusals.append(
            (
                "member",
                _("%(name)s left the roll on %(date)s.")
                % {"name": member.name, "date": member.left_on.isoformat()},
            )
        )
    if to_organization is not None and to_organization.pk == member.organization_id:
        refusals.append(
            (
                "to_organization",
                already_held_message(member, to_organization),
            )
        )
    if current is _LOOK_UP:
        current = open_transfer_of(member.pk)
    if current is not None:
        refusals.append(("member", open_transfer_message(current)))
    return refusals


@transaction.atomic
def transfer_create(
    *,
    actor,
    member: Member,
    to_organization: Organization | None = None,
    external_organization: str = "",
    external_contact: str = "",
    reason: str = "",
    batch: TransferBatch | None = None,
) -> Transfer:
    """Start a transfer of ``member`` out of their branch (a draft, by the sending side)."""
    # the member row is the lock that serializes two transfers started for the same member
    member = (
        Member.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=member.pk)
    )
    if not scoping.can_manage_path(actor, member.organization.path):
        raise PermissionDenied(_("You may not transfer members of this organization."))
    external_organization = (external_organization or "").strip()
    external_contact = (external_contact or "").strip()
    checks = Checks()
    checks.extend(
        destination_errors(
            to_organization=to_organization,
            external_organization=external_organization,
            external_contact=external_contact,
        )
    )
    for field, message in member_refusals(actor, member, to_organization):
        checks.add(field, message)
    checks.raise_if_any()
    transfer = Transfer(
        direction=TransferDirection.OUTGOING,
        state=TransferState.DRAFT,
        member=member,
        from_organization=member.organization,
        to_organization=to_organization,
        external_organization=external_organization,
        external_contact=external_contact,
        reason=(reason or "").strip(),
        batch=batch,
        created_by=actor,
    )
    save_transfer(transfer)
    record_event(transfer, actor, "", transfer.reason)
    return transfer


def default_valid_until(issued_on: datetime.date) -> datetime.date:
    return add_months(issued_on, value(rules.LETTER_VALIDITY_MONTHS))


def next_letter_number(organization: Organization, year: int) -> str:
    """Readable and counted per year and street: ``2026-CD-0001``."""
    prefix = f"{year}-{organization.street.code}-"
    numbers = Transfer.objects.filter(letter_number__startswith=prefix).values_list(
        "letter_number", flat=True
    )
    last = max((int(n[len(prefix) :]) for n in numbers if n[len(prefix) :].isdigit()), default=0)
    return f"{prefix}{last + 1:04d}"


@transaction.atomic
def transfer_issue_letter(
    *,
    actor,
    transfer: Transfer,
    issued_on: datetime.date,
    valid_until: datetime.date | None = None,
    letter_number: str = "",
) -> Transfer:
    """The sending side issues the letter. Without a typed number one is given; without a
    validity the letter is valid LETTER_VALIDITY_MONTHS from the day of issue."""
    transfer = lock_transfer(actor, transfer, side=SENDER)
    check_state(transfer, TransferState.DRAFT)
    checks = Checks()
    checks.date("issued_on", issued_on)
    letter_number = (letter_number or "").strip()
    if checks.ok():
        valid_until = valid_until or default_valid_until(issued_on)
        if valid_until < issued_on:
            checks.add(
                "valid_until",
                _("A letter cannot be valid until a day before it was issued (%(date)s).")
                % {"date": issued_on.isoformat()},
            )
    if letter_number and Transfer.objects.filter(letter_number=letter_number).exists():
        checks.add("letter_number", _("This letter number is already used."))
    member = transfer.member
    if not member.is_on_roll or member.organization_id != transfer.from_organization_id:
        checks.add(
            "member",
            _("The membership of %(name)s is no longer held by %(org)s.")
            % {"name": member.name, "org": transfer.from_organization.name},
        )
    checks.raise_if_any()
    transfer.state = TransferState.ISSUED
    transfer.letter_issued_on = issued_on
    transfer.valid_until = valid_until
    _save_with_number(transfer, letter_number)
    record_event(transfer, actor, TransferState.DRAFT)
    return transfer


def _save_with_number(transfer: Transfer, typed: str) -> None:
    """Two letters issued at the same moment may draw the same next number: the unique
    constraint refuses the second, which draws again."""
    fields = ["state", "letter_issued_on", "valid_until", "letter_number"]
    transfer.letter_number = typed or next_letter_number(
        transfer.from_organization, transfer.letter_issued_on.year
    )
    transfer.full_clean()
    for _attempt in range(NUMBER_ATTEMPTS):
        try:
            with transaction.atomic():
                transfer.save(update_fields=fields)
            return
        except IntegrityError:
            if typed:
                break
            transfer.letter_number = next_letter_number(
                transfer.from_organization, transfer.letter_issued_on.year
            )
    raise RuleError({"letter_number": _("This letter number is already used.")})
