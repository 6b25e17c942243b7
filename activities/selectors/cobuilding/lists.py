"""A community's needs and resources lists: who sees and changes them, and matching."""

from django.db.models import QuerySet

from activities.models import Need, Resource
from activities.selectors.cobuilding.base import get_or_404, within_scope
from activities.selectors.cobuilding.communities import manageable_communities_for
from organizations import scoping


def visible_needs_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Need.objects.all() if queryset is None else queryset
    return within_scope(qs, scoping.visible_community_q(user))


def visible_resources_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Resource.objects.all() if queryset is None else queryset
    return within_scope(qs, scoping.visible_community_q(user))


def manageable_needs_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Need.objects.all() if queryset is None else queryset
    return qs.filter(community__in=manageable_communities_for(user))


def manageable_resources_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Resource.objects.all() if queryset is None else queryset
    return qs.filter(community__in=manageable_communities_for(user))


def get_need_for_user(user, pk) -> Need:
    return get_or_404(visible_needs_for(user).select_related("community"), pk)


def get_resource_for_user(user, pk) -> Resource:
    return get_or_404(visible_resources_for(user).select_related("community", "unit"), pk)


def matching_resources(need: Need, resources: QuerySet | list | None = None):
    """The available resources of the need's category in its community. Given a list of
    resources already read, it filters that list (no query); else it returns a queryset."""
    if resources is None:
        return (
            Resource.objects.filter(
                community_id=need.community_id, category=need.category, available=True
            )
            .select_related("unit")
            .order_by("unit__name", "id")
        )
    return [
        r
        for r in resources
        if r.community_id == need.community_id and r.category == need.category and r.available
    ]
