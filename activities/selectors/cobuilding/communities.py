"""Communities of co-building: those whose lists a user sees, manages, and opens on."""

from django.db.models import Q, QuerySet
from django.http import Http404

from activities.selectors.cobuilding.base import within_scope
from grid.models import Community
from organizations import scoping
from organizations.models import Organization, OrgKind, UnitOrganization


def cobuilding_communities_for(user) -> QuerySet:
    """Communities whose co-building lists the user sees."""
    return within_scope(Community.objects.all(), scoping.visible_community_q(user, field=None))


def manageable_communities_for(user) -> QuerySet:
    """Communities whose lists the user may change: those of the community committees they
    manage, and every community of the streets whose working committee they manage."""
    if scoping.scope_for(user).is_superuser:
        return Community.objects.all()
    committees = scoping.manageable_organizations_for(
        user,
        Organization.objects.filter(
            kind__in=(OrgKind.COMMUNITY_COMMITTEE, OrgKind.STREET_COMMITTEE),
            dissolved_on__isnull=True,
        ),
    )
    return Community.objects.filter(
        Q(id__in=committees.filter(kind=OrgKind.COMMUNITY_COMMITTEE).values("community_id"))
        | Q(street_id__in=committees.filter(kind=OrgKind.STREET_COMMITTEE).values("street_id"))
    )


def manageable_units_for(user) -> QuerySet:
    """Units of the communities whose lists the user may change."""
    return UnitOrganization.objects.filter(community__in=manageable_communities_for(user))


def can_manage_community(user, community: Community | int) -> bool:
    pk = community.pk if isinstance(community, Community) else community
    return manageable_communities_for(user).filter(pk=pk).exists()


def get_community_for_user(user, pk) -> Community:
    """A community whose lists the user sees, or 404."""
    try:
        return cobuilding_communities_for(user).get(pk=pk)
    except (Community.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def default_community_for(user) -> Community | None:
    """The community a user's co-building page opens on: the first they may manage, else the
    first they see."""
    order = ("street__code", "code", "id")
    return (
        manageable_communities_for(user).order_by(*order).first()
        or cobuilding_communities_for(user).order_by(*order).first()
    )
