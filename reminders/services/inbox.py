"""What a recipient does with a reminder in the inbox."""

from django.utils import timezone

from reminders.models import Reminder, ReminderState


def reminder_mark_read(*, user, reminder_id: int) -> None:
    Reminder.objects.filter(pk=reminder_id, recipient=user, state=ReminderState.OPEN).update(
        state=ReminderState.READ, read_at=timezone.now()
    )
