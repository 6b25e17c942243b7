"""Attendance of an activity: the rows as the services take them, their checks, and saving
them.

Decisions where the regulations are silent:
- Attendance is recorded for members who may attend (``roll.may_attend``) and were on the
  roll that day; members already recorded stay allowed (they may have moved on since).
  Saving attendance replaces the activity's rows.
- Service hours are for service types and present members, more than 0 and at most 24.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.utils.translation import gettext as _

from activities.models import Activity, ActivityStatus, Attendance, AttendanceStatus
from activities.roll import may_attend
from members.models import Member
from members.selectors.roll import visible_members_for
from organizations.models import Organization

MAX_HOURS = Decimal("24")


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


def check_attendance(
    *, user, activity: Activity, rows: list[AttendanceRow], keep: set[int], errors: dict
) -> list[Attendance]:
    """The rows to save, or none with the messages in ``errors["attendance"]``; ``keep``:
    members already recorded, allowed even if no longer on the roll."""
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


# Storing


def replace_attendance(activity: Activity, rows: list[Attendance]) -> None:
    Attendance.objects.filter(activity=activity).delete()
    Attendance.objects.bulk_create(rows)
