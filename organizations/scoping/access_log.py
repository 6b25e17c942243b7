"""Who reads the access log: superusers all of it, a street's staff (a staff post on the
street party working committee) the entries of their street; nobody else."""

from django.db.models import QuerySet
from django.utils import timezone

from organizations.models import AccessEvent, OrgKind, Post, Role
from organizations.scoping.scope import scope_for


def access_log_street_ids_for(user) -> frozenset[int]:
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(
        Post.objects.active(timezone.localdate())
        .filter(
            user_id=user.pk,
            role=Role.STAFF,
            organization__kind=OrgKind.STREET_COMMITTEE,
            organization__dissolved_on__isnull=True,
        )
        .values_list("organization__street_id", flat=True)
    )


def may_read_access_log(user) -> bool:
    return scope_for(user).is_superuser or bool(access_log_street_ids_for(user))


def visible_access_events_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = AccessEvent.objects.all() if queryset is None else queryset
    if scope_for(user).is_superuser:
        return qs
    return qs.filter(street_id__in=access_log_street_ids_for(user))
