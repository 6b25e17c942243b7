"""Session limits and password expiry, checked on every request of a logged-in user.

A session ends SESSION_IDLE_MINUTES after its last request and SESSION_MAX_HOURS after the
login, whatever happens in between. Every request counts as activity, htmx requests
included, except one that says it is a background request (the header
``X-Background-Request: 1``, for polling that runs without the user): it is checked but does
not keep the session alive. The last request is recorded to the minute (ACTIVITY_STEP): a
request less than a minute after the recorded one does not save the session again, so pages
cost no extra query for it; the session thus ends between 29 and 30 minutes after the very
last request.

When a session ends the user is logged out and sent to the login page with ``?next=`` and
the reason, which that page shows. An htmx request gets a 401 with ``HX-Redirect`` instead
(htmx then loads the login page as a whole page, not inside a fragment), an API request a
403 with the reason in ``detail``, like any request of the API without a login.

With PASSWORD_EXPIRY_DAYS set, a user whose password is that many days old or older is sent
to the password change page, which (with logging out and static files) stays reachable."""

import datetime
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

LOGIN_AT = "_login_at"
LAST_SEEN = "_last_seen"
IDLE, MAX_AGE = "idle", "max"
BACKGROUND_HEADER = "HTTP_X_BACKGROUND_REQUEST"
ACTIVITY_STEP = 60  # seconds: how finely the last request is recorded


def start_session_clock(sender, request, user, **kwargs):
    """On login (signal user_logged_in): both clocks start now."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGIN_AT] = now
        request.session[LAST_SEEN] = now


def session_end_reason(session, now: float) -> str | None:
    """IDLE or MAX_AGE when the session has run out at ``now`` (seconds), else None."""
    login_at, last_seen = session.get(LOGIN_AT), session.get(LAST_SEEN)
    if login_at is not None and now - login_at >= settings.SESSION_MAX_HOURS * 3600:
        return MAX_AGE
    if last_seen is not None and now - last_seen >= settings.SESSION_IDLE_MINUTES * 60:
        return IDLE
    return None


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def _send_to(request, url: str, detail: str):
    """A redirect for a page, a 401 with HX-Redirect for htmx, a 403 for the API."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=401)
        response["HX-Redirect"] = url
        return response
    if _is_api(request):
        return JsonResponse({"detail": detail}, status=403)
    return HttpResponseRedirect(url)


def _next_path(request) -> str:
    """Where to come back to: for htmx, the page it was called from, not the fragment."""
    if request.headers.get("HX-Request") == "true":
        current = request.headers.get("HX-Current-URL", "")
        host = request.build_absolute_uri("/")
        if current.startswith(host):
            return "/" + current[len(host) :]
        return "/"
    return request.get_full_path()


def signed_out_message(reason: str) -> str:
    if reason == MAX_AGE:
        return _("You were signed out after %(hours)s hours; please sign in again.") % {
            "hours": settings.SESSION_MAX_HOURS
        }
    return _(
        "You were signed out after %(minutes)s minutes without activity; please sign in again."
    ) % {"minutes": settings.SESSION_IDLE_MINUTES}


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            reason = session_end_reason(request.session, now)
            if reason:
                logout(request)
                query = urlencode({"next": _next_path(request), "reason": reason})
                url = f"{reverse(settings.LOGIN_URL)}?{query}"
                return _send_to(request, url, signed_out_message(reason))
            request.session.setdefault(LOGIN_AT, now)  # sessions from before this check
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is None or (
                request.META.get(BACKGROUND_HEADER) != "1" and now - last_seen >= ACTIVITY_STEP
            ):
                request.session[LAST_SEEN] = now
        return self.get_response(request)


def password_expired(user, days: int) -> bool:
    if days <= 0:
        return False
    return timezone.now() - user.password_changed_at >= datetime.timedelta(days=days)


class PasswordExpiryMiddleware:
    ALLOWED = ("password_change", "logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        days = settings.PASSWORD_EXPIRY_DAYS
        if (
            days > 0
            and request.user.is_authenticated
            and not self._allowed(request)
            and password_expired(request.user, days)
        ):
            detail = _(
                "Your password is %(days)s days old or older: choose a new one to go on."
            ) % {"days": days}
            if not _is_api(request) and request.headers.get("HX-Request") != "true":
                messages.warning(request, detail)
            return _send_to(request, reverse("password_change"), detail)
        return self.get_response(request)

    def _allowed(self, request) -> bool:
        url = request.path_info
        static = "/" + settings.STATIC_URL.lstrip("/")
        if url.startswith(static) or url == reverse("favicon"):
            return True
        return any(url == reverse(name) for name in self.ALLOWED)
