"""Reads of the pages that show figures may go to a read replica (README, "Beyond one machine").

With DATABASE_REPLICA_URL set, settings add a second database alias, ``replica``. Everything
goes to ``default`` (the primary) except reads made inside ``reads_from_replica()``, which the
pages that only show figures (the home page, the volunteer and activity-mix figures, the
residents' figures, an assessment ranking, and their exports) wrap around themselves with
``@figure_page``. A replica lags the primary by up to a few seconds, so the rules are:

- only GET and HEAD requests of those pages read from it, never a form page, never a request
  that writes (a read that precedes a write in the same request must see the primary);
- a read inside a transaction on the primary stays on the primary (a service called there
  reads what it is about to change);
- the reads that decide who may see what (the user, the session, posts, grid-worker
  assignments) always go to the primary, so that a post just ended closes its figures at once;
- for a few seconds after a request that wrote (any POST, PUT, PATCH or DELETE), the same
  browser reads these pages from the primary too (a cookie says so), so that a user who has
  just saved something sees it in the figures.
"""

import contextvars
from contextlib import ContextDecorator
from functools import wraps

from django.conf import settings
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
AFTER_WRITE_COOKIE = "primary_reads"
_SAFE_METHODS = ("GET", "HEAD")

# model labels whose reads decide access: always answered by the primary
ACCESS_MODELS = frozenset(
    {
        "accounts.user",
        "sessions.session",
        "organizations.post",
        "grid.gridworkerassignment",
    }
)

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "replica_reads", default=False
)


def replica_configured() -> bool:
    return REPLICA in connections.settings


class reads_from_replica(ContextDecorator):
    """Inside it (a ``with`` block, or a decorated function), reads may go to the replica."""

    def __enter__(self):
        self._token = _replica_reads.set(True)
        return self

    def __exit__(self, *exc):
        _replica_reads.reset(self._token)
        return False


class ReplicaRouter:
    """Writes and migrations: the primary. Reads: the primary, unless inside
    ``reads_from_replica()`` with a replica configured (and the rules of the module's docstring
    allow it)."""

    def db_for_read(self, model, **hints):
        if (
            _replica_reads.get()
            and replica_configured()
            and model._meta.label_lower not in ACCESS_MODELS
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # the two aliases hold the same rows: an object read from one relates to the other's
        if {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # the replica receives the primary's schema by replication
        return db == PRIMARY


def wrote_recently(request) -> bool:
    return AFTER_WRITE_COOKIE in request.COOKIES


def figure_page(view):
    """A page that only shows figures: on GET and HEAD its reads go to the replica, if any
    (the module's docstring says when not)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in _SAFE_METHODS or wrote_recently(request):
            return view(request, *args, **kwargs)
        with reads_from_replica():
            return view(request, *args, **kwargs)

    return wrapper


class PrimaryAfterWriteMiddleware:
    """After a request that may have written, the browser's next figure pages read from the
    primary for DATABASE_REPLICA_LAG_SECONDS (nothing is set without a replica)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in _SAFE_METHODS and replica_configured():
            response.set_cookie(
                AFTER_WRITE_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_LAG_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
