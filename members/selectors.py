"""Read queries for member pages, exports, the API and dashboards, scoped and prefetch-complete."""

from django.db.models import QuerySet

from members.models import Member
from organizations import scoping


def visible_members_for(user, queryset: QuerySet | None = None) -> QuerySet:
    """Members held by organizations in the user's scope; a grid worker reads those living
    in the grid cells they look after."""
    qs = Member.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs, org_field="organization", cell_field="grid_cell")


def manageable_members_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Member.objects.all() if queryset is None else queryset
    return scoping.scoped_for_manage(user, qs, org_field="organization")


def get_member_for_user(user, pk) -> Member:
    from django.http import Http404

    try:
        return visible_members_for(user).get(pk=pk)
    except (Member.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
