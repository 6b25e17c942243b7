"""Writes of organizations: the access log (one entry per login, logout, unmasking, export and
admin action) and its pruning after the retention period."""

import datetime
import ipaddress

from django.conf import settings
from django.utils import timezone
from simple_history.models import HistoricalRecords

from grid.models import GridCell
from organizations.models import AccessEvent, AccessKind, Organization, Post

MINIMUM_RETENTION_DAYS = 183  # six months, the Cybersecurity Law's minimum for network logs


def retention_days() -> int:
    """ACCESS_LOG_RETENTION_DAYS, never less than 183 (a lower setting is warned about by the
    system check organizations.W001 and ignored)."""
    configured = getattr(settings, "ACCESS_LOG_RETENTION_DAYS", MINIMUM_RETENTION_DAYS)
    return max(MINIMUM_RETENTION_DAYS, int(configured))


def client_ip(request) -> str | None:
    """The address axes read for the request (it follows the configured proxies), else the
    socket's; None when it is not an IP address."""
    if request is None:  # a service called during a request: simple-history's middleware keeps it
        request = getattr(HistoricalRecords.context, "request", None)
    if request is None:
        return None
    value = getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(value)) if value else None
    except ValueError:
        return None


def street_of_user(user) -> int | None:
    """The street of the user's active posts when they all lie in one street; else None
    (then only superusers read the entry)."""
    if user is None or not getattr(user, "pk", None):
        return None
    streets = set(
        Post.objects.active(timezone.localdate())
        .filter(user_id=user.pk)
        .values_list("organization__street_id", flat=True)
    )
    return streets.pop() if len(streets) == 1 else None


def streets_of_organizations(organization_ids) -> dict[int, int]:
    """Organization id -> its street id, in one query."""
    return dict(
        Organization.objects.filter(pk__in=set(organization_ids)).values_list("pk", "street_id")
    )


def street_of_grid_cell(grid_cell_id: int | None) -> int | None:
    if grid_cell_id is None:
        return None
    return (
        GridCell.objects.filter(pk=grid_cell_id)
        .values_list("community__street_id", flat=True)
        .first()
    )


def access_event_record(
    *,
    kind: str,
    user=None,
    username: str = "",
    request=None,
    what: str = "",
    street_id: int | None = None,
    user_street: bool = False,
) -> AccessEvent:
    """One entry of the access log. ``user_street``: with no street of its own, the entry
    belongs to the street of the user's posts."""
    if user is not None and not getattr(user, "pk", None):
        user = None
    if street_id is None and user_street:
        street_id = street_of_user(user)
    return AccessEvent.objects.create(
        kind=kind,
        user=user,
        username=_text(username or (user.get_username() if user else ""), 150),
        ip_address=client_ip(request),
        what=_text(what, 255),
        street_id=street_id,
    )


def _text(value, length: int) -> str:
    """A name tried or a file name as the column keeps it: no NUL (PostgreSQL refuses it), cut
    to the column's length."""
    return str(value).replace("\x00", "")[:length]


def unmasking_record(*, user, what: str, street_id: int | None, request=None) -> AccessEvent:
    return access_event_record(
        kind=AccessKind.UNMASK, user=user, what=what, street_id=street_id, request=request
    )


def access_log_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete the entries older than the retention: an entry made exactly ``retention_days()``
    days before ``now`` is kept, one made earlier than that is deleted. The number deleted.
    Change history (django-simple-history) is kept: it is not pruned."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=retention_days())
    deleted, _ = AccessEvent.objects.filter(at__lt=cutoff).delete()
    return deleted
