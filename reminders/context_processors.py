from reminders.models import Reminder, ReminderState


def unread_reminders(request):
    """The unread count in the navigation bar: one indexed count per page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        return Reminder.objects.filter(recipient=user, state=ReminderState.OPEN).count()

    # evaluated only by templates that show it
    return {"unread_reminder_count": count}
