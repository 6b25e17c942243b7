"""The unread reminder count of the navigation bar."""

from reminders.selectors import unread_count_for


def unread_reminders(request):
    """The unread count in the navigation bar: one indexed count per page."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        return unread_count_for(user)

    # evaluated only by templates that show it
    return {"unread_reminder_count": count}
