"""The page shown to a locked-out login (django-axes' AXES_LOCKOUT_CALLABLE): how long the
lock lasts and when logging in is possible again, in the user's language."""

from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from accounts.selectors import lockout_ends_at


def lockout_response(request, original_response=None, credentials=None):
    cooloff = get_cool_off(request)
    username = get_client_username(request, credentials) or ""
    ends_at = lockout_ends_at(username, get_client_ip_address(request), cooloff)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(cooloff.total_seconds() // 60),
        "ends_at": ends_at or timezone.now() + cooloff,
    }
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
