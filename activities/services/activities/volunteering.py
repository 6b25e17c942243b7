"""Volunteer service another app records on a party member's behalf: a held 志愿服务
activity of the member's organization with the member present for their hours, so that the
hours appear in the volunteer figures and on the member's timeline like any other service.

The caller has already decided that the member's help may be recorded (the residents app
checks the household is in the user's grid cells and the member is on its street's roll);
this module checks the activity's own rules: the type exists, the day is not in the future,
the organization was not dissolved by then, the hours are within the attendance limit."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from activities.models import (
    Activity,
    ActivityForm,
    ActivityStatus,
    ActivityType,
    Attendance,
    AttendanceStatus,
)
from activities.services.activities.attendance import MAX_HOURS
from activities.services.activities.recording import _check_dissolved, _model_errors
from members.errors import RuleError
from members.models import Member

VOLUNTEER_TYPE = "volunteer_service"


@transaction.atomic
def volunteer_service_record(
    *,
    user,
    member: Member,
    held_on: datetime.date,
    hours: Decimal,
    topic: str,
    network: str,
    people_served: int = 0,
    minutes: str = "",
) -> Activity:
    """Record ``hours`` of volunteer service by ``member`` on ``held_on``; errors name
    ``held_on`` or ``hours``, and nothing is saved."""
    kind = ActivityType.objects.filter(code=VOLUNTEER_TYPE).first()
    if kind is None:
        raise RuleError({"hours": _("The activity type 志愿服务 is missing.")})
    if hours <= 0 or hours > MAX_HOURS:
        raise RuleError(
            {"hours": _("Service hours are more than 0 and at most %(max)s.") % {"max": MAX_HOURS}}
        )
    activity = Activity(
        organization=member.organization,
        activity_type=kind,
        status=ActivityStatus.HELD,
        held_on=held_on,
        topic=topic[: Activity._meta.get_field("topic").max_length],
        form=ActivityForm.PRACTICE,
        network=network,
        people_served=people_served,
        minutes=minutes,
        recorded_by=user,
    )
    errors: dict = {}
    _model_errors(activity, errors)
    _check_dissolved(activity, errors)
    if errors:
        raise RuleError({"held_on": [text for texts in errors.values() for text in texts]})
    activity.save()
    Attendance.objects.create(
        activity=activity, member=member, status=AttendanceStatus.PRESENT, hours=hours
    )
    return activity
