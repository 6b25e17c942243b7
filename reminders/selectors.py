"""Read queries of the reminders app: a user's inbox and unread count, and reminders done in
time per organization."""

import datetime

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.shortcuts import get_object_or_404

from reminders.models import Reminder, ReminderState

OPEN_STATES = (ReminderState.OPEN, ReminderState.READ)


def inbox_for(user, *, state: str = "open") -> QuerySet:
    """The user's reminders: "open" (unread or read, not done), one state, or any other value
    for all of them; the soonest due first."""
    reminders = Reminder.objects.filter(recipient=user).select_related("organization")
    if state == "open":
        reminders = reminders.filter(state__in=OPEN_STATES)
    elif state in ReminderState.values:
        reminders = reminders.filter(state=state)
    return reminders.order_by("due_on", "-created_at")


def get_reminder_for_user(user, pk) -> Reminder:
    """The user's reminder, or 404: another user's reminder is missing, like on every page."""
    return get_object_or_404(Reminder, pk=pk, recipient=user)


def unread_count_for(user) -> int:
    return Reminder.objects.filter(recipient=user, state=ReminderState.OPEN).count()


def resolved_in_time_by_organization(
    organization_ids, first_day: datetime.date, last_day: datetime.date
) -> dict[int, tuple[int, int]]:
    """``{organization id: (reminders due between the two days, those done by the day due,
    in local time)}``. One query for any number of organizations."""
    in_time = Q(state=ReminderState.DONE, done_on__lte=F("due_on"))
    rows = (
        Reminder.objects.filter(
            organization_id__in=organization_ids, due_on__range=(first_day, last_day)
        )
        .annotate(done_on=TruncDate("done_at"))
        .order_by()
        .values("organization_id")
        .annotate(due=Count("pk"), in_time=Count("pk", filter=in_time))
    )
    return {row["organization_id"]: (row["due"], row["in_time"]) for row in rows}
