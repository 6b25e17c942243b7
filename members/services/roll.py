"""Writes to the member roll: adding and correcting members, and revealing sensitive data."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.models import Member, SensitiveAccess
from members.selectors.roll import manageable_members_for, visible_members_for
from organizations import scoping
from organizations.services import streets_of_organizations, unmasking_record

EDITABLE_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "education",
    "id_number",
    "phone",
    "address",
    "workplace",
    "employment",
    "status",
    "joined_on",
    "full_member_on",
    "organization",
    "party_group",
    "grid_cell",
)
SENSITIVE_FIELDS = ("id_number", "phone")


def _check_may_manage_organization(actor, organization) -> None:
    if organization is not None and not scoping.can_manage_path(actor, organization.path):
        raise ValidationError(
            {"organization": _("You may not add members to an organization outside your posts.")}
        )


def _save(member: Member) -> None:
    """Save with the ID number's uniqueness enforced by the database: ``full_clean`` checks it
    first, but a concurrent registration of the same person can commit between that check and
    the insert. The unique index then refuses this one (on PostgreSQL, once the other has
    committed), which becomes the same refusal on ``id_number`` as the check's, not an error."""
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction stays usable
            member.save()
    except IntegrityError:
        clash = Member.objects.filter(id_number=member.id_number).exclude(pk=member.pk)
        if not clash.exists():
            raise
        raise ValidationError(
            {"id_number": member.unique_error_message(Member, ("id_number",))}
        ) from None


def member_create(*, actor, **fields) -> Member:
    """Add a member to the roll; every field is validated and nothing is saved on error."""
    _check_may_manage_organization(actor, fields.get("organization"))
    member = Member(**fields)
    member.full_clean()
    _save(member)
    return member


@transaction.atomic
def member_update(*, actor, member: Member, **fields) -> Member:
    member = manageable_members_for(actor).select_for_update().get(pk=member.pk)
    if "organization" in fields and fields["organization"].pk != member.organization_id:
        # moving a membership between organizations is a relation transfer, not an edit
        raise ValidationError(
            {
                "organization": _(
                    "The holding branch changes through a relation transfer, not an edit."
                )
            }
        )
    for name, value in fields.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable member field")
        setattr(member, name, value)
    member.full_clean()
    _save(member)
    return member


def can_see_sensitive(user) -> bool:
    return user.is_authenticated and user.has_perm("members.view_sensitive")


def sensitive_values_reveal(
    *, actor, member: Member, fields=SENSITIVE_FIELDS, channel: str
) -> dict:
    """Unmasked values for a user allowed to see them; every reveal is logged."""
    if not can_see_sensitive(actor):
        raise PermissionDenied
    if not visible_members_for(actor).filter(pk=member.pk).exists():
        raise PermissionDenied
    fields = [f for f in fields if f in SENSITIVE_FIELDS]
    SensitiveAccess.objects.create(
        user=actor, member=member, fields=",".join(fields), channel=channel
    )
    _log_unmasking(actor, [member], fields, channel)
    return {f: getattr(member, f) for f in fields}


def sensitive_values_shown(*, actor, member_id, channel: str) -> None:
    """A form showing the ID number and phone in full (the edit page, the admin's change
    form) is an unmasking: it is logged like a reveal."""
    SensitiveAccess.objects.create(
        user=actor, member_id=member_id, fields=",".join(SENSITIVE_FIELDS), channel=channel
    )
    member = Member.objects.filter(pk=member_id).only("name", "organization_id").first()
    if member is not None:
        _log_unmasking(actor, [member], SENSITIVE_FIELDS, channel)


def sensitive_access_log(*, actor, members, fields=SENSITIVE_FIELDS, channel: str) -> None:
    """One log row per member for a bulk reveal (an unmasked export, an API page)."""
    members = list(members)
    SensitiveAccess.objects.bulk_create(
        SensitiveAccess(user=actor, member=m, fields=",".join(fields), channel=channel)
        for m in members
    )
    _log_unmasking(actor, members, fields, channel)


def _log_unmasking(actor, members, fields, channel: str) -> None:
    """The access log's entries for an unmasking: one per street of the members unmasked
    (one member: their id and name; several: how many)."""
    streets = streets_of_organizations(m.organization_id for m in members)
    by_street: dict[int | None, list] = {}
    for member in members:
        by_street.setdefault(streets.get(member.organization_id), []).append(member)
    for street_id, unmasked in by_street.items():
        whose = (
            f"member #{unmasked[0].pk} {unmasked[0]}"
            if len(unmasked) == 1
            else f"{len(unmasked)} members"
        )
        unmasking_record(
            user=actor, what=f"{whose}: {','.join(fields)} ({channel})", street_id=street_id
        )
