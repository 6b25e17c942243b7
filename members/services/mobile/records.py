"""Mobile member records: create, correct, end."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from members.idnumber import normalize, validate_id_number
from members.models import Member, MobileDirection, MobileMember
from members.models.member import HOLDING_KINDS
from members.selectors.roll import manageable_members_for
from members.services.mobile.common import (
    lock_record,
    permit_default_until,
    raise_with_model_errors,
    refuse_if_ended,
)
from organizations import scoping
from organizations.models import Organization

PERSON_FIELDS = ("name", "gender", "id_number", "home_organization")
EDITABLE_FIELDS = (
    "category",
    "phone",
    "whereabouts",
    "grid_cell",
    "away_since",
    "fixed_place",
    *PERSON_FIELDS,
)


def _check_grid_cell(actor, grid_cell, errors: dict) -> None:
    if (
        grid_cell is not None
        and not scoping.visible_grid_cells_for(actor).filter(pk=grid_cell.pk).exists()
    ):
        errors["grid_cell"] = _("Choose a grid cell in your area.")


def _check_id_number(id_number: str, errors: dict) -> str:
    id_number = normalize(id_number)
    if id_number:
        try:
            validate_id_number(id_number)
        except ValidationError as exc:
            errors["id_number"] = exc.messages
    return id_number


def _lock_member(actor, member: Member, errors: dict) -> Member | None:
    locked = (
        manageable_members_for(actor)
        .on_roll()
        .select_for_update(of=("self",))
        .select_related("organization")
        .filter(pk=member.pk)
        .first()
    )
    if locked is None:
        errors["member"] = _("Choose a member on the roll of a branch you manage.")
        return None
    open_record = locked.mobile_records.filter(ended_on__isnull=True).first()
    if open_record is not None:
        errors["member"] = _("%(name)s already has an open mobile record (away since %(day)s).") % {
            "name": locked.name,
            "day": open_record.away_since.isoformat(),
        }
    return locked


def _check_organization(actor, organization: Organization | None, errors: dict) -> None:
    if organization is None:
        errors["organization"] = _("Choose the branch where the member lives or takes part.")
    elif not scoping.can_manage_path(actor, organization.path):
        errors["organization"] = _(
            "You may record mobile members only for organizations you manage."
        )
    elif organization.kind not in HOLDING_KINDS:
        errors["organization"] = _(
            "Mobile members are followed by a branch, general branch or community committee."
        )


@transaction.atomic
def mobile_record_create(
    *,
    actor,
    direction: str,
    category: str,
    whereabouts: str,
    away_since: datetime.date,
    member: Member | None = None,
    organization: Organization | None = None,
    name: str = "",
    gender: str = "",
    id_number: str = "",
    home_organization: str = "",
    phone: str = "",
    grid_cell=None,
    fixed_place: bool = False,
    permit_number: str = "",
    permit_issued_on: datetime.date | None = None,
    permit_valid_until: datetime.date | None = None,
) -> MobileMember:
    """Outgoing: ``member`` (on our roll). Incoming: ``name``, ``home_organization`` and the
    ``organization`` that follows them here. Every field is checked; nothing is saved on error."""
    errors: dict = {}
    if direction == MobileDirection.OUTGOING:
        if member is None:
            errors["member"] = _(
                "A member away from the branch is a member on our roll: choose them."
            )
        else:
            member = _lock_member(actor, member, errors)
        if member is not None:
            organization = member.organization
            phone = phone or member.phone
        name, gender, id_number, home_organization = "", "", "", ""
    elif direction == MobileDirection.INCOMING:
        if member is not None:
            errors["member"] = _(
                "A member living here with the membership elsewhere is not on our roll: "
                "give their name and the organization holding the membership."
            )
        _check_organization(actor, organization, errors)
        if not home_organization.strip():
            errors["home_organization"] = _("Name the organization holding the membership.")
        id_number = _check_id_number(id_number, errors)
    _check_grid_cell(actor, grid_cell, errors)
    if permit_issued_on and not permit_valid_until:
        permit_valid_until = permit_default_until(permit_issued_on)
    if (permit_number or permit_valid_until) and not permit_issued_on:
        errors["permit_issued_on"] = _("Give the day the permit was issued.")
    record = MobileMember(
        direction=direction,
        category=category,
        member=member,
        organization=organization,
        name=name.strip(),
        gender=gender,
        id_number=id_number,
        home_organization=home_organization.strip(),
        phone=phone,
        whereabouts=whereabouts.strip(),
        grid_cell=grid_cell,
        away_since=away_since,
        fixed_place=fixed_place,
        permit_number=permit_number.strip(),
        permit_issued_on=permit_issued_on,
        permit_valid_until=permit_valid_until,
    )
    # without the member, the organization is unknown: that is the member's error, not its own
    skip = ("organization",) if direction == MobileDirection.OUTGOING else ()
    raise_with_model_errors(errors, record, skip)
    record.save()
    return record


@transaction.atomic
def mobile_record_update(*, actor, record: MobileMember, **fields) -> MobileMember:
    record = lock_record(actor, record)
    refuse_if_ended(record)
    errors: dict = {}
    for name, new in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable mobile member field")
        if name in PERSON_FIELDS and record.direction == MobileDirection.OUTGOING:
            if new and new != getattr(record, name):
                errors[name] = _("A member away from the branch is edited on the member roll.")
            continue
        if name == "id_number":
            new = _check_id_number(new, errors)
        elif isinstance(new, str):
            new = new.strip()
        setattr(record, name, new)
    if record.direction == MobileDirection.INCOMING and not record.home_organization:
        errors["home_organization"] = _("Name the organization holding the membership.")
    if "grid_cell" in fields:
        _check_grid_cell(actor, record.grid_cell, errors)
    raise_with_model_errors(errors, record)
    record.save()
    return record


@transaction.atomic
def mobile_record_end(
    *, actor, record: MobileMember, ended_on: datetime.date, end_reason: str
) -> MobileMember:
    """Close the record: the member returned, the membership was transferred, or they left."""
    record = lock_record(actor, record)
    refuse_if_ended(record)
    errors: dict = {}
    if ended_on is None:
        errors["ended_on"] = _("Give the day the record ends.")
    elif ended_on < record.away_since:
        errors["ended_on"] = _(
            "The member is away since %(day)s; the record ends on or after that day."
        ) % {"day": record.away_since.isoformat()}
    record.ended_on = ended_on
    record.end_reason = end_reason or ""
    raise_with_model_errors(errors, record)
    record.save(update_fields=["ended_on", "end_reason"])
    return record
