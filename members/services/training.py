"""Writes of member training: courses, their sessions, and who attended.

Decisions where the rules are silent (member education rules 2019):
- A course's level follows from the organizing organization (street committee: street;
  community committee: community; general branch and branch: branch).
- A course is open to the members on the roll below its organization: a street's course to
  the whole street, a branch's to the branch. Attendance of anyone else is refused.
- Attendance is recorded by someone who manages the member (a branch secretary for the
  branch's members, also at a street's course), on or after the session's day. The hours
  credited default to the session's hours and never exceed them.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.errors import RuleError
from members.models import Member, TrainingAttendance, TrainingCourse, TrainingSession
from members.models.training import LEVEL_BY_KIND
from members.selectors.roll import manageable_members_for, visible_members_for
from members.selectors.training import visible_courses_for
from organizations import scoping
from organizations.models import Organization


@dataclass(frozen=True)
class AttendanceChange:
    created: int = 0
    updated: int = 0
    removed: int = 0


def course_create(
    *,
    actor,
    organization: Organization,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    planned_hours: Decimal,
    description: str = "",
    level: str | None = None,
) -> TrainingCourse:
    if not scoping.can_manage_path(actor, organization.path):
        raise RuleError(
            {"organization": _("You may plan training only for organizations you manage.")}
        )
    if planned_hours is not None and planned_hours <= 0:
        raise RuleError({"planned_hours": _("A course plans more than 0 class hours.")})
    course = TrainingCourse(
        organization=organization,
        level=level or LEVEL_BY_KIND.get(organization.kind, ""),
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        planned_hours=planned_hours,
        description=description,
    )
    course.full_clean()
    course.save()
    return course


@transaction.atomic
def session_add(
    *, actor, course: TrainingCourse, held_on: datetime.date, topic: str, hours: Decimal
) -> TrainingSession:
    course = _lock_course_to_manage(actor, course)
    session = TrainingSession(course=course, held_on=held_on, topic=topic, hours=hours)
    session.full_clean()
    session.save()
    return session


def _lock_course_to_manage(actor, course: TrainingCourse) -> TrainingCourse:
    qs = scoping.scoped_for_manage(actor, TrainingCourse.objects.all())
    try:
        return qs.select_for_update(of=("self",)).select_related("organization").get(pk=course.pk)
    except TrainingCourse.DoesNotExist as exc:
        raise PermissionDenied from exc


def _check_hours(session: TrainingSession, hours: Decimal | None) -> Decimal:
    if hours is None:
        return session.hours
    if hours <= 0 or hours > session.hours:
        raise RuleError(
            {
                "hours": _(
                    "The session lasted %(hours)s class hours: credit more than 0 and at most that."
                )
                % {"hours": session.hours}
            }
        )
    return Decimal(hours)


def _allowed_members(actor, course: TrainingCourse, member_ids: set[int]) -> list[Member]:
    allowed = list(
        manageable_members_for(actor)
        .on_roll()
        .filter(scoping.under_q(course.organization), pk__in=member_ids)
        .only("id", "name")
    )
    refused = member_ids - {m.pk for m in allowed}
    if refused:
        names = list(
            visible_members_for(actor).filter(pk__in=refused).values_list("name", flat=True)
        )
        raise RuleError(
            {
                "members": _(
                    "%(count)s of the chosen members cannot be recorded (%(names)s): attendance "
                    "is recorded for members on the roll of %(org)s or below, in organizations "
                    "you manage."
                )
                % {
                    "count": len(refused),
                    "names": ", ".join(names) or "—",
                    "org": course.organization.name,
                }
            }
        )
    return allowed


def _session_for_attendance(actor, session: TrainingSession) -> TrainingSession:
    if not visible_courses_for(actor).filter(pk=session.course_id).exists():
        raise PermissionDenied
    session = (
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("course", "course__organization")
        .get(pk=session.pk)
    )
    if session.held_on > timezone.localdate():
        raise RuleError(
            {
                "session": _(
                    "The session is held on %(day)s; attendance can be recorded from that day."
                )
                % {"day": session.held_on.isoformat()}
            }
        )
    return session


@transaction.atomic
def attendance_record(
    *, actor, session: TrainingSession, members, hours: Decimal | None = None
) -> AttendanceChange:
    """Credit the members with the session's hours (or ``hours``). Members already recorded
    are left alone, or get the new hours when ``hours`` is given: calling twice adds nothing."""
    session = _session_for_attendance(actor, session)
    credited = _check_hours(session, hours)
    member_ids = {m.pk if isinstance(m, Member) else int(m) for m in members}
    if not member_ids:
        return AttendanceChange()
    allowed = _allowed_members(actor, session.course, member_ids)
    existing = TrainingAttendance.objects.filter(session=session, member_id__in=member_ids)
    existing_ids = set(existing.values_list("member_id", flat=True))
    new = []
    for member in allowed:
        if member.pk in existing_ids:
            continue
        row = TrainingAttendance(session=session, member=member, hours=credited)
        row.full_clean(validate_unique=False, validate_constraints=False)
        new.append(row)
    TrainingAttendance.objects.bulk_create(new, ignore_conflicts=True)
    updated = 0
    if hours is not None:
        updated = existing.exclude(hours=credited).update(hours=credited)
    return AttendanceChange(created=len(new), updated=updated)


@transaction.atomic
def attendance_remove(*, actor, attendance: TrainingAttendance) -> None:
    qs = scoping.scoped_for_manage(
        actor, TrainingAttendance.objects.all(), org_field="member__organization"
    )
    deleted, _rows = qs.filter(pk=attendance.pk).delete()
    if not deleted:
        raise PermissionDenied


@transaction.atomic
def attendance_update(
    *, actor, session: TrainingSession, shown, present, hours: Decimal | None = None
) -> AttendanceChange:
    """What the attendance form sends: of the members shown, those ticked attended and the
    others did not (their attendance, if recorded, is removed)."""
    present_ids = {int(pk) for pk in present}
    absent_ids = {int(pk) for pk in shown} - present_ids
    change = attendance_record(actor=actor, session=session, members=present_ids, hours=hours)
    removed = 0
    if absent_ids:
        allowed = _allowed_members(actor, session.course, absent_ids)
        removed, _rows = TrainingAttendance.objects.filter(
            session=session, member__in=allowed
        ).delete()
    return AttendanceChange(created=change.created, updated=change.updated, removed=removed)
