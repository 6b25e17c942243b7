"""Read queries of the reminders app: a user's inbox and unread count."""

from django.db.models import QuerySet
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
