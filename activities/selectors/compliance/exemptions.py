"""Exemptions: who may grant them, which a user sees, those of an organization in a year."""

import datetime

from django.db.models import QuerySet

from activities.models import ActivityType, Exemption, Frequency
from organizations import scoping
from organizations.models import Organization


def exemptable_organizations_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Organizations the user may exempt: those strictly below an organization the user
    manages. An exemption is granted by the level above, never by the organization itself."""
    qs = Organization.objects.all() if queryset is None else queryset
    scope = scoping.scope_for(user)
    if scope.is_superuser:
        return qs
    below = scoping.under_paths_q(scope.manage_paths, field=None, strictly=True)
    return qs.filter(below) if below is not None else qs.none()


def active_exemptable_organizations_for(user) -> QuerySet:
    """The active organizations the user may exempt, in the tree's order."""
    return exemptable_organizations_for(user, Organization.objects.active()).order_by("path")


def exemptable_types() -> QuerySet:
    """Active activity types with a frequency: those an exemption may name."""
    return ActivityType.objects.filter(active=True).exclude(frequency=Frequency.NONE)


def can_exempt(user, organization: Organization) -> bool:
    scope = scoping.scope_for(user)
    return scope.is_superuser or scoping.is_under(
        organization.path, scope.manage_paths, strictly=True
    )


def visible_exemptions_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Exemption.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs).select_related("organization", "activity_type", "recorded_by")


def exemptions_of(organization: Organization, year: int) -> list[Exemption]:
    """The exemptions of an organization overlapping a year, newest first: one query."""
    return list(
        Exemption.objects.filter(
            organization=organization,
            starts_on__lte=datetime.date(year, 12, 31),
            ends_on__gte=datetime.date(year, 1, 1),
        )
        .select_related("activity_type", "recorded_by")
        .order_by("-starts_on", "-pk")
    )
