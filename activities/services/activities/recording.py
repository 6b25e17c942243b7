"""Recording an activity and changing it: record, change, mark held, cancel; the rules of its
fields (organization, speaker, project, dissolved organizations) checked all at once.

Decisions where the regulations are silent:
- An activity is recorded as held (not in the future) or planned (any day). A plan takes no
  attendance; it becomes held once its day has come, and a held activity never becomes a
  plan again. Only a plan can be cancelled, and a cancelled activity is kept as it is.
- Speaker fields are kept only for types with a speaker. Whether the secretary spoke is
  known when the speaker has a user account (an active secretary post in the organization,
  or in the branch of a party group, on the day); otherwise the recorder says so.
- Attendance and attachments: see attendance.py and attachments.py beside this module; an
  activity locked by its report: see locking.py.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Activity, ActivityStatus, Attendance, Project
from activities.models.activity import RECORDED_FIELDS
from activities.services.activities.attachments import check_uploads, store_attachments
from activities.services.activities.attendance import (
    AttendanceRow,
    attendance_rows,
    check_attendance,
    replace_attendance,
)
from activities.services.activities.locking import lock_for_change
from members.errors import RuleError
from members.models import Member
from members.selectors.roll import visible_members_for
from organizations import scoping
from organizations.models import Organization, OrgKind, Post, Role

ACTIVITY_FIELDS = RECORDED_FIELDS  # what the form and the API pass in `data`
SPEAKER_FIELDS = ("speaker", "speaker_name", "speaker_is_secretary")
SERVICE_FIELDS = ("people_served", "network")


# Checks


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


def _model_errors(activity: Activity, errors: dict) -> None:
    try:
        activity.full_clean(exclude=["recorded_by"])
    except ValidationError as exc:
        for field, texts in exc.message_dict.items():
            errors.setdefault(field, texts)


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
        attendance = check_attendance(
            user=user, activity=activity, rows=rows, keep=keep, errors=errors
        )
    checked = check_uploads(uploads, existing_attachments, errors)
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
    replace_attendance(activity, rows or [])
    store_attachments(user, activity, checked)
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
    activity = lock_for_change(user, activity)
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
        replace_attendance(activity, new_rows)
    store_attachments(user, activity, checked)
    return activity


@transaction.atomic
def activity_mark_held(*, user, activity: Activity, attendance: Iterable | None = None) -> Activity:
    """A plan becomes held once its day has come, with its attendance if given."""
    activity = lock_for_change(user, activity)
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
    activity = lock_for_change(user, activity)
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
