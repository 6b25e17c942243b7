"""Reads of accounts: when a login lock-out ends."""

import datetime

from axes.models import AccessAttempt
from django.db.models import Max, Q


def lockout_ends_at(
    username: str, ip_address: str | None, cooloff: datetime.timedelta
) -> datetime.datetime | None:
    """The end of the lock-out on this username or this address: the last failure that
    counts plus the cool-off (None when no failure is recorded)."""
    match = Q(username=username) if username else Q(pk__in=[])
    if ip_address:
        match |= Q(ip_address=ip_address)
    last = AccessAttempt.objects.filter(match).aggregate(last=Max("attempt_time"))["last"]
    return last + cooloff if last else None
