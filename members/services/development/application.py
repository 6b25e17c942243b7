"""The application (入党申请), the branch's talk with the applicant, and withdrawal."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members.dates import birthday
from members.errors import RuleError
from members.idnumber import normalize
from members.models import DevelopmentRecord, Member, MemberStatus, Stage
from members.models.development import OPEN_STAGES, PRE_MEMBER_STAGES
from members.services.development.base import Checks, lock_record
from members.services.development.schedule import current_figures
from organizations import scoping

# what a transient Member's clean() says about the person that also holds for an applicant
PERSON_CHECKS = ("birth_date", "gender", "organization")


def person_errors(record: DevelopmentRecord) -> dict[str, list[str]]:
    """Birth date and gender against the ID number, and the kind of holding organization,
    checked by the roll's own rules on a transient (never saved) Member."""
    if not record.organization_id:
        return {}
    member = Member(
        name=record.name,
        gender=record.gender,
        birth_date=record.birth_date,
        id_number=record.id_number,
        organization=record.organization,
        status=MemberStatus.PROBATIONARY,
        joined_on=record.applied_on,
    )
    try:
        member.clean()
    except ValidationError as exc:
        return {k: v for k, v in exc.message_dict.items() if k in PERSON_CHECKS}
    return {}


@transaction.atomic
def record_application(
    *,
    actor,
    organization,
    applied_on: datetime.date,
    name: str,
    gender: str,
    birth_date: datetime.date,
    id_number: str,
    ethnicity: str = "汉族",
    education: str = "",
    phone: str = "",
    address: str = "",
    workplace: str = "",
    grid_cell=None,
) -> DevelopmentRecord:
    """Open a development record for a person who handed in an application."""
    checks = Checks()
    record = DevelopmentRecord(
        organization=organization,
        stage=Stage.APPLICANT,
        name=name,
        gender=gender,
        birth_date=birth_date,
        ethnicity=ethnicity,
        education=education,
        id_number=normalize(id_number),
        phone=phone,
        address=address,
        workplace=workplace,
        grid_cell=grid_cell,
        applied_on=applied_on,
    )
    if organization is not None and not scoping.can_manage_path(actor, organization.path):
        checks.add("organization", _("You may not record applications for this organization."))
    elif organization is not None and organization.dissolved_on is not None:
        checks.add("organization", _("This organization is dissolved."))
    if (
        grid_cell is not None
        and not scoping.visible_grid_cells_for(actor).filter(pk=grid_cell.pk).exists()
    ):
        checks.add("grid_cell", _("This grid cell lies outside your area."))
    try:
        record.full_clean(validate_constraints=False)
    except ValidationError as exc:
        checks.extend(exc.message_dict)
    if "id_number" not in checks.errors:
        checks.extend(person_errors(record))
    if "applied_on" not in checks.errors:
        checks.date("applied_on", applied_on)
    if birth_date and "applied_on" not in checks.errors:
        f = current_figures()
        adult_on = birthday(birth_date, f.min_age)
        if applied_on < adult_on:
            checks.add(
                "applied_on",
                _(
                    "An applicant must be %(age)s or older on the day of the application; this person turns %(age)s on %(date)s."
                )
                % {"age": f.min_age, "date": adult_on.isoformat()},
            )
    if "id_number" not in checks.errors:
        _check_not_yet_in_pipeline_or_roll(checks, record.id_number)
    checks.raise_if_any()
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:  # a concurrent application for the same person
        raise RuleError({"id_number": _already_in_progress()}) from exc
    return record


def _already_in_progress() -> str:
    return _("This person already has a development record in progress.")


def _check_not_yet_in_pipeline_or_roll(checks: Checks, id_number: str) -> None:
    if DevelopmentRecord.objects.filter(id_number=id_number, stage__in=OPEN_STAGES).exists():
        checks.add("id_number", _already_in_progress())
    elif Member.objects.on_roll().filter(id_number=id_number).exists():
        checks.add("id_number", _("This person is already a party member on the roll."))


@transaction.atomic
def record_talk(*, actor, record: DevelopmentRecord, talked_on: datetime.date) -> DevelopmentRecord:
    """The branch's talk with the applicant (within TALK_WITHIN_MONTHS of the application).
    A late talk is recorded all the same; the record page flags it as late."""
    record = lock_record(actor, record, Stage.APPLICANT)
    checks = Checks()
    if record.talked_on is not None:
        checks.add(
            "talked_on",
            _("The talk is already recorded on %(date)s.") % {"date": record.talked_on.isoformat()},
        )
    checks.date("talked_on", talked_on, after=record.applied_on, after_what=_("the application"))
    checks.raise_if_any()
    record.talked_on = talked_on
    record.save(update_fields=["talked_on"])
    return record


@transaction.atomic
def withdraw_application(
    *, actor, record: DevelopmentRecord, withdrawn_on: datetime.date, reason: str = ""
) -> DevelopmentRecord:
    """The person withdraws before becoming a probationary member."""
    record = lock_record(actor, record, *PRE_MEMBER_STAGES)
    checks = Checks()
    checks.date(
        "withdrawn_on", withdrawn_on, after=record.applied_on, after_what=_("the application")
    )
    checks.raise_if_any()
    record.stage = Stage.WITHDRAWN
    record.closed_on = withdrawn_on
    record.closing_reason = reason.strip()
    record.save(update_fields=["stage", "closed_on", "closing_reason"])
    return record
