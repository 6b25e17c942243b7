"""Schemes a user sees, and the organizations a scheme assesses."""

from django.db.models import Q, QuerySet
from django.http import Http404

from assessment.models import Category, Scheme
from organizations import scoping
from organizations.models import Organization, OrgKind


def visible_schemes(user, queryset: QuerySet) -> QuerySet:
    """``queryset`` narrowed to the schemes of the streets the user works in: those owned by
    an organization at or above the user's posts (a secretary sees their street's schemes) or
    below them (a superuser sees all)."""
    if scoping.scope_for(user).is_superuser:
        return queryset
    above = scoping.ids_at_and_above_posts(user)
    below = scoping.scoped(user, queryset, org_field="organization")
    return queryset.filter(Q(organization_id__in=above) | Q(pk__in=below.values("pk")))


def schemes_for(user) -> QuerySet:
    return visible_schemes(user, Scheme.objects.select_related("organization")).order_by(
        "-starts_on", "name"
    )


def schemes_with_setup_for(user) -> QuerySet:
    """schemes_for with each scheme's categories, indicators (with their reviewers) and grade
    bands: four more queries for any number of schemes."""
    return schemes_for(user).prefetch_related(
        "categories", "indicators", "indicators__reviewers", "grade_bands"
    )


def get_scheme_for_user(user, pk) -> Scheme:
    """The scheme, or 404 whether it is missing or out of the user's streets."""
    try:
        return schemes_for(user).get(pk=pk)
    except (Scheme.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def assessed_organizations(scheme: Scheme) -> QuerySet:
    """The organizations of the scheme's level under its street committee that existed during
    the period (established by its end, not dissolved before its start)."""
    return (
        Organization.objects.descendants_of(scheme.organization)
        .filter(kind=scheme.level)
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=scheme.ends_on))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=scheme.starts_on))
        .order_by("name", "pk")
    )


def street_committees_managed_by(user) -> QuerySet:
    """The street working committees whose schemes the user may set up."""
    return scoping.manageable_organizations_for(user).filter(kind=OrgKind.STREET_COMMITTEE)


def scheme_categories(scheme: Scheme | None) -> QuerySet:
    """The categories an indicator of ``scheme`` may be filed under (none before it is saved)."""
    if scheme is None or scheme.pk is None:
        return Category.objects.none()
    return Category.objects.filter(scheme=scheme).order_by("order", "pk")
