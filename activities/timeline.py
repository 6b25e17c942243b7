"""Activities in the member's pages: attendance on the member's timeline, and attending a
held activity as a sign of organized life (the drifting list)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import ActivityStatus, Attendance, AttendanceStatus
from members import timeline
from members.selectors.mobile.signs import LifeSign, register_life_sign
from members.timeline import Event

TIMELINE_LIMIT = 50


def attended_held_activities():
    return Attendance.objects.filter(
        status=AttendanceStatus.PRESENT, activity__status=ActivityStatus.HELD
    )


def attendance_events(member) -> list:
    """The member's last attendance records, one query."""
    rows = (
        Attendance.objects.filter(member=member, activity__status=ActivityStatus.HELD)
        .select_related("activity__activity_type", "activity__organization")
        .order_by("-activity__held_on", "-activity_id")[:TIMELINE_LIMIT]
    )
    events = []
    for row in rows:
        activity = row.activity
        detail = f"{row.get_status_display()} · {activity.organization.name}"
        if row.hours:
            detail += " · " + _("%(hours)s service hours") % {"hours": row.hours}
        events.append(
            Event(
                activity.held_on,
                "activity",
                f"{activity.activity_type.label}: {activity.topic}",
                detail,
            )
        )
    return events


ATTENDED = LifeSign(
    "activity",
    gettext_lazy("last activity attended"),
    attended_held_activities,
    "member",
    "activity__held_on",
)


def register_member_hooks() -> None:
    timeline.register(attendance_events)
    register_life_sign(ATTENDED)
