"""The reminder inbox: a user's list and marking one as read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from reminders.models import ReminderState
from reminders.selectors import get_reminder_for_user, inbox_for
from reminders.services.inbox import reminder_mark_read

PAGE_SIZE = 30


@login_required
def inbox(request):
    state = request.GET.get("state", "open")
    page = Paginator(inbox_for(request.user, state=state), PAGE_SIZE).get_page(
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
    get_reminder_for_user(request.user, pk)
    reminder_mark_read(user=request.user, reminder_id=pk)
    return redirect(request.POST.get("next") or "reminders:inbox")
