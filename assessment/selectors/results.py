"""Results as a user may read them: a secretary their own organization's, street staff every
organization of their street; the same for the cadres' results; and the posts a scheme ranks."""

from django.db.models import Q, QuerySet

from assessment.models import CadreResult, Result, Scheme
from organizations import scoping
from organizations.models import Post
from organizations.models.posts import COMMITTEE_ROLES


def results_for(user, scheme: Scheme) -> QuerySet:
    return scoping.scoped(
        user,
        Result.objects.filter(scheme=scheme).select_related("organization"),
        org_field="organization",
    ).order_by("rank", "organization__name", "pk")


def visible_results_for(user) -> QuerySet:
    """The results of every scheme, as results_for reads them: newest period first, then by
    rank."""
    return scoping.scoped(
        user,
        Result.objects.select_related("organization", "scheme"),
        org_field="organization",
    ).order_by("-scheme__starts_on", "scheme_id", "rank", "organization__name", "pk")


def cadre_results_for(user, scheme: Scheme) -> QuerySet:
    return scoping.scoped(
        user,
        CadreResult.objects.filter(scheme=scheme).select_related("organization"),
        org_field="organization",
    ).order_by("rank", "organization__name", "role", "name", "pk")


def visible_cadre_results_for(user) -> QuerySet:
    return scoping.scoped(
        user,
        CadreResult.objects.select_related("organization", "scheme"),
        org_field="organization",
    ).order_by("-scheme__starts_on", "scheme_id", "rank", "organization__name", "name", "pk")


def cadre_posts(scheme: Scheme, organization_ids) -> QuerySet:
    """The committee posts (secretary, deputy and committee members) of these organizations
    held on some day of the scheme's period, with their holders: one query."""
    return (
        Post.objects.filter(
            organization_id__in=organization_ids,
            role__in=COMMITTEE_ROLES,
            started_on__lte=scheme.ends_on,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=scheme.starts_on))
        .select_related("user")
        .order_by("organization_id", "role", "started_on", "pk")
    )
