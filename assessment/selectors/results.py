"""Results as a user may read them: a secretary their own organization's, street staff every
organization of their street."""

from django.db.models import QuerySet

from assessment.models import Result, Scheme
from organizations import scoping


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
