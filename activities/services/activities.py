"""Writes of activity records: record, change, mark held, cancel; attendance; attachments.

Decisions where the regulations are silent:
- An activity is recorded as held (not in the future) or planned (any day). A plan takes no
  attendance; it becomes held once its day has come, and a held activity never becomes a
  plan again. Only a plan can be cancelled, and a cancelled activity is kept as it is.
- Attendance is recorded for members who may attend (``roll.may_attend``) and were on the
  roll that day; members already recorded stay allowed (they may have moved on since).
  Saving attendance replaces the activity's rows.
- Service hours are for service types and present members, more than 0 and at most 24.
- Speaker fields are kept only for types with a speaker. Whether the secretary spoke is
  known when the speaker has a user account (an active secretary post in the organization,
  or in the branch of a party group, on the day); otherwise the recorder says so.
- An activity whose report is submitted or approved is read-only; a draft or returned
  report does not lock it.
- Attachments are stored last: if storing fails, the files already stored are removed and
  nothing is saved.
"""

import datetime
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from activities import attachments as checks
from activities.models import (
    Activity,
    ActivityStatus,
    Attachment,
    Attendance,
    AttendanceStatus,
    Project,
    Report,
    ReportState,
)
from activities.models.activity import RECORDED_FIELDS
from activities.roll import may_attend
from members.errors import RuleError
from members.models import Member
from members.selectors import visible_members_for
from organizations import scoping
from organizations.models import Organization, OrgKind, Post, Role

ACTIVITY_FIELDS = RECORDED_FIELDS  # what the form and the API pass in `data`
SPEAKER_FIELDS = ("speaker", "speaker_name", "speaker_is_secretary")
SERVICE_FIELDS = ("people_served", "network")
MAX_HOURS = Decimal("24")
LOCKING_STATES = (ReportState.SUBMITTED, ReportState.APPROVED)


@dataclass(frozen=True)
class AttendanceRow:
    member_id: int
    status: str
    hours: Decimal | None = None
    note: str = ""


def _row(item) -> AttendanceRow:
    if isinstance(item, AttendanceRow):
        return item
    if isinstance(item, Mapping):
        member, status = item.get("member"), item.get("status")
        hours, note = item.get("hours"), item.get("note") or ""
    else:
        member, status, *rest = item
        hours = rest[0] if rest else None
        note = rest[1] if len(rest) > 1 else ""
    member_id = member.pk if isinstance(member, Member) else int(member)
    if hours in ("", None):
        hours = None
    else:
        try:
            hours = Decimal(str(hours))
        except InvalidOperation:
            hours = Decimal("-1")  # refused below, naming the member
        if not hours.is_finite():
            hours = Decimal("-1")
    return AttendanceRow(member_id, status, hours, note.strip())


def attendance_rows(attendance: Iterable) -> list[AttendanceRow]:
    """Attendance as the services take it, from mappings ``{member, status, hours, note}``,
    tuples ``(member, status[, hours[, note]])`` or AttendanceRow; members as objects or ids."""
    return [_row(item) for item in attendance]


# Checks


def _member_names(user, ids: set[int]) -> str:
    """Names of the members the user may see; the others only by number."""
    names = dict(visible_members_for(user).filter(pk__in=ids).values_list("pk", "name"))
    return ", ".join(names.get(pk, f"#{pk}") for pk in sorted(ids))


def _allowed_member_ids(
    organization: Organization, day: datetime.date, ids: set[int], keep: set[int]
) -> set[int]:
    on_roll = may_attend(organization).filter(pk__in=ids, joined_on__lte=day)
    on_roll = on_roll.filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
    return set(on_roll.values_list("pk", flat=True)) | (ids & keep)


def _check_attendance(
    *, user, activity: Activity, rows: list[AttendanceRow], keep: set[int], errors: dict
) -> list[Attendance]:
    messages: list[str] = []
    if rows and activity.status != ActivityStatus.HELD:
        errors["attendance"] = [_("Attendance is recorded once the activity is held.")]
        return []
    seen: set[int] = set()
    twice: set[int] = set()
    for row in rows:
        (twice if row.member_id in seen else seen).add(row.member_id)
    if twice:
        messages.append(_("Listed twice: %(names)s.") % {"names": _member_names(user, twice)})
    refused = seen - _allowed_member_ids(activity.organization, activity.held_on, seen, keep)
    if refused:
        messages.append(
            _(
                "Not on the roll of %(org)s on %(day)s, so not recorded: %(names)s. Attendance "
                "is kept for the organization's own members."
            )
            % {
                "org": activity.organization.name,
                "day": activity.held_on.isoformat(),
                "names": _member_names(user, refused),
            }
        )
    is_service = activity.activity_type.is_service
    for problem, ids in _row_problems(rows, is_service).items():
        messages.append(problem % {"names": _member_names(user, ids)})
    if messages:
        errors["attendance"] = messages
        return []
    return [
        Attendance(
            activity=activity,
            member_id=row.member_id,
            status=row.status,
            hours=row.hours,
            note=row.note[:100],
        )
        for row in rows
    ]


def _row_problems(rows: list[AttendanceRow], is_service: bool) -> dict[str, set[int]]:
    problems: dict[str, set[int]] = {}

    def add(text: str, member_id: int) -> None:
        problems.setdefault(text, set()).add(member_id)

    for row in rows:
        if row.status not in AttendanceStatus.values:
            add(
                _("Choose present, absent with leave or absent without leave for %(names)s."),
                row.member_id,
            )
        if row.hours is None:
            continue
        if not is_service:
            add(
                _("Service hours are recorded for service activities only (%(names)s)."),
                row.member_id,
            )
        elif row.status != AttendanceStatus.PRESENT:
            add(_("Only a member who was present has service hours (%(names)s)."), row.member_id)
        elif not Decimal("0") < row.hours <= MAX_HOURS or row.hours.as_tuple().exponent < -1:
            add(
                _("Service hours are more than 0 and at most 24, in tenths (%(names)s)."),
                row.member_id,
            )
    return problems


def _check_organization(user, organization: Organization, errors: dict) -> None:
    if not scoping.can_manage_organization(user, organization):
        errors["organization"] = _("You may record activities only for organizations you manage.")


def _check_speaker(user, activity: Activity, errors: dict) -> None:
    if not activity.activity_type.has_speaker:
        activity.speaker, activity.speaker_name, activity.speaker_is_secretary = None, "", False
        return
    speaker = activity.speaker
    if speaker is not None and not visible_members_for(user).filter(pk=speaker.pk).exists():
        errors["speaker"] = _(
            "Choose the speaker among the members you see, or name a speaker from outside."
        )
        return
    found = _speaker_is_secretary(activity.organization, speaker, activity.held_on)
    if found is not None:
        activity.speaker_is_secretary = found
    elif speaker is None and not activity.speaker_name:
        activity.speaker_is_secretary = False


def _speaker_is_secretary(
    organization: Organization, speaker: Member | None, day: datetime.date
) -> bool | None:
    """Known from the posts when the speaker has a user account; None otherwise."""
    if speaker is None or not speaker.user_id:
        return None
    organizations = [organization.pk]
    if organization.kind == OrgKind.PARTY_GROUP and organization.parent_id:
        organizations.append(organization.parent_id)
    return (
        Post.objects.active(day)
        .filter(user_id=speaker.user_id, role=Role.SECRETARY, organization_id__in=organizations)
        .exists()
    )


def _check_project(activity: Activity, errors: dict) -> None:
    project: Project | None = activity.project
    if project is None:
        return
    organization = activity.organization
    if organization.community_id:
        same = project.community_id == organization.community_id
    else:
        same = project.community.street_id == organization.street_id
    if not same:
        errors["project"] = _("The project belongs to another community.")


def _check_dissolved(activity: Activity, errors: dict) -> None:
    dissolved = activity.organization.dissolved_on
    if dissolved and activity.held_on and activity.held_on > dissolved:
        errors["held_on"] = _("%(org)s was dissolved on %(day)s.") % {
            "org": activity.organization.name,
            "day": dissolved.isoformat(),
        }


def _check_uploads(uploads: list, existing: int, errors: dict) -> list[tuple]:
    """``[(file, kind, content_type)]``, or the messages of every refused file in ``errors``."""
    checked, messages = [], []
    if uploads:
        try:
            checks.check_count(existing, len(uploads))
        except ValidationError as exc:
            messages += exc.messages
    for upload in uploads:
        try:
            kind, content_type = checks.validate_upload(upload)
        except ValidationError as exc:
            messages += exc.messages
        else:
            checked.append((upload, kind, content_type))
    if messages:
        errors["attachments"] = messages
    return checked


def _model_errors(activity: Activity, errors: dict) -> None:
    try:
        activity.full_clean(exclude=["recorded_by"])
    except ValidationError as exc:
        for field, texts in exc.message_dict.items():
            errors.setdefault(field, texts)


def refuse_if_reported(activity: Activity) -> None:
    """An activity whose report is submitted or approved is read-only."""
    state = (
        Report.objects.filter(activity=activity, state__in=LOCKING_STATES)
        .values_list("state", flat=True)
        .first()
    )
    if state is not None:
        text = (
            _("The report of this activity is approved: the record is read-only.")
            if state == ReportState.APPROVED
            else _(
                "The report of this activity is submitted and waits for review: the record "
                "cannot be changed until it is returned."
            )
        )
        raise RuleError({NON_FIELD_ERRORS: text})


def _lock(user, activity: Activity) -> Activity:
    qs = scoping.scoped_for_manage(user, Activity.objects.all())
    try:
        return (
            qs.select_for_update(of=("self",))
            .select_related("organization", "activity_type")
            .get(pk=activity.pk)
        )
    except Activity.DoesNotExist as exc:
        raise PermissionDenied from exc


# Storing


def _replace_attendance(activity: Activity, rows: list[Attendance]) -> None:
    Attendance.objects.filter(activity=activity).delete()
    Attendance.objects.bulk_create(rows)


def _store(user, activity: Activity, checked: list[tuple], caption: str = "") -> list[Attachment]:
    stored: list[Attachment] = []
    try:
        for upload, kind, content_type in checked:
            name = os.path.basename(upload.name or "")[:200] or content_type
            attachment = Attachment(
                activity=activity,
                kind=kind,
                content_type=content_type,
                original_name=name,
                size=upload.size,
                caption=caption[:150],
                uploaded_by=user,
            )
            upload.seek(0)
            attachment.file.save(name, upload, save=False)
            stored.append(attachment)
            attachment.save()
    except Exception:
        for attachment in stored:
            default_storage.delete(attachment.file.name)
        raise
    return stored


def _apply(activity: Activity, data: Mapping) -> None:
    for name, value in data.items():
        if name not in ACTIVITY_FIELDS:
            raise ValueError(f"{name} is not an activity field")
        if isinstance(value, str):
            value = value.strip()
        setattr(activity, name, value)


def _validate(
    *,
    user,
    activity: Activity,
    rows: list[AttendanceRow] | None,
    keep: set[int],
    uploads: list,
    existing_attachments: int,
    errors: dict,
) -> tuple[list[Attendance] | None, list[tuple]]:
    if activity.activity_type_id and activity.held_on and activity.organization_id:
        _check_speaker(user, activity, errors)
        _check_project(activity, errors)
        _check_dissolved(activity, errors)
    _model_errors(activity, errors)
    attendance = None
    if rows is not None and not errors.keys() & {"held_on", "activity_type", "status"}:
        attendance = _check_attendance(
            user=user, activity=activity, rows=rows, keep=keep, errors=errors
        )
    checked = _check_uploads(uploads, existing_attachments, errors)
    if errors:
        raise RuleError(errors)
    return attendance, checked


# Actions


@transaction.atomic
def activity_record(
    *,
    user,
    organization: Organization,
    data: Mapping,
    attendance: Iterable = (),
    attachments: Iterable = (),
) -> Activity:
    """Record a held or planned activity with its attendance and attachments, all or nothing."""
    errors: dict = {}
    _check_organization(user, organization, errors)
    activity = Activity(organization=organization, recorded_by=user)
    _apply(activity, data)
    if activity.status not in (ActivityStatus.HELD, ActivityStatus.PLANNED):
        errors["status"] = _("Record an activity as held or as planned.")
    rows, checked = _validate(
        user=user,
        activity=activity,
        rows=attendance_rows(attendance),
        keep=set(),
        uploads=list(attachments),
        existing_attachments=0,
        errors=errors,
    )
    activity.save()
    _replace_attendance(activity, rows or [])
    _store(user, activity, checked)
    return activity


@transaction.atomic
def activity_update(
    *,
    user,
    activity: Activity,
    data: Mapping,
    attendance: Iterable | None = None,
    attachments: Iterable = (),
) -> Activity:
    """Change an activity; ``attendance`` replaces its rows (None: leave them as they are)."""
    activity = _lock(user, activity)
    refuse_if_reported(activity)
    if activity.status == ActivityStatus.CANCELLED:
        raise RuleError(
            {NON_FIELD_ERRORS: _("A cancelled activity is kept as it was; record a new one.")}
        )
    was_held = activity.status == ActivityStatus.HELD
    if "organization" in data:
        raise ValueError("the organization of an activity does not change")
    _apply(activity, data)
    errors: dict = {}
    if activity.status not in (ActivityStatus.HELD, ActivityStatus.PLANNED):
        errors["status"] = _("Cancel a planned activity with the cancel button.")
    elif was_held and activity.status == ActivityStatus.PLANNED:
        errors["status"] = _("An activity that was held cannot become a plan again.")
    existing = set(activity.attendance.values_list("member_id", flat=True))
    uploads = list(attachments)
    rows = attendance_rows(attendance) if attendance is not None else None
    if rows is None and activity.status != ActivityStatus.HELD and existing:
        rows = []  # a plan has no attendance
    new_rows, checked = _validate(
        user=user,
        activity=activity,
        rows=rows,
        keep=existing,
        uploads=uploads,
        existing_attachments=activity.attachments.count() if uploads else 0,
        errors=errors,
    )
    activity.save()
    if new_rows is not None:
        _replace_attendance(activity, new_rows)
    _store(user, activity, checked)
    return activity


@transaction.atomic
def activity_mark_held(*, user, activity: Activity, attendance: Iterable | None = None) -> Activity:
    """A plan becomes held once its day has come, with its attendance if given."""
    activity = _lock(user, activity)
    refuse_if_reported(activity)
    if activity.status != ActivityStatus.PLANNED:
        raise RuleError({"status": _("Only a planned activity can be marked held.")})
    if activity.held_on > timezone.localdate():
        raise RuleError(
            {
                "held_on": _("The activity is planned for %(day)s; mark it held from that day.")
                % {"day": activity.held_on.isoformat()}
            }
        )
    return activity_update(
        user=user, activity=activity, data={"status": ActivityStatus.HELD}, attendance=attendance
    )


@transaction.atomic
def activity_cancel(*, user, activity: Activity) -> Activity:
    activity = _lock(user, activity)
    refuse_if_reported(activity)
    if activity.status != ActivityStatus.PLANNED:
        raise RuleError(
            {
                "status": _("Only a planned activity can be cancelled; this one is %(status)s.")
                % {"status": activity.get_status_display()}
            }
        )
    activity.status = ActivityStatus.CANCELLED
    activity.save(update_fields=["status", "updated_at"])
    return activity


@transaction.atomic
def attachments_add(
    *, user, activity: Activity, files: Iterable, caption: str = ""
) -> list[Attachment]:
    """Add photos or PDFs to an activity: every file is checked before any is stored."""
    activity = _lock(user, activity)
    refuse_if_reported(activity)
    uploads = list(files)
    errors: dict = {}
    if not uploads:
        errors["attachments"] = [_("Choose a photo or PDF to add.")]
    checked = _check_uploads(uploads, activity.attachments.count(), errors)
    if errors:
        raise RuleError(errors)
    return _store(user, activity, checked, caption)


def attachment_add(*, user, activity: Activity, uploaded_file, caption: str = "") -> Attachment:
    [attachment] = attachments_add(
        user=user, activity=activity, files=[uploaded_file], caption=caption
    )
    return attachment


@transaction.atomic
def attachment_delete(*, user, attachment: Attachment) -> None:
    activity = _lock(user, attachment.activity)
    refuse_if_reported(activity)
    name = attachment.file.name
    deleted, _rows = Attachment.objects.filter(pk=attachment.pk, activity=activity).delete()
    if not deleted:
        raise PermissionDenied
    transaction.on_commit(lambda: default_storage.delete(name))
