from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from reminders.models import Reminder, ReminderState
from reminders.services import reminder_mark_read

PAGE_SIZE = 30


@login_required
def inbox(request):
    state = request.GET.get("state", "open")
    reminders = Reminder.objects.filter(recipient=request.user).select_related("organization")
    if state == "open":
        reminders = reminders.filter(state__in=[ReminderState.OPEN, ReminderState.READ])
    elif state in ReminderState.values:
        reminders = reminders.filter(state=state)
    page = Paginator(reminders.order_by("due_on", "-created_at"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reminders/inbox.html",
        {"page": page, "state": state, "query": f"state={state}", "states": ReminderState.choices},
    )


@login_required
@require_POST
def mark_read(request, pk: int):
    # another user's reminder is missing, like on every page
    get_object_or_404(Reminder, pk=pk, recipient=request.user)
    reminder_mark_read(user=request.user, reminder_id=pk)
    return redirect(request.POST.get("next") or "reminders:inbox")
