"""Read queries for member pages, exports, the API and dashboards, scoped and prefetch-complete."""

from django.db.models import Count, Prefetch, Q, QuerySet

from members.models import DuesRecord, Member, MemberStatus
from organizations import scoping
from organizations.membership import RollSize
from organizations.selectors import search_rows


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


def member_detail_for(user, pk) -> Member:
    """The member with what their page shows (the last 12 months of dues), or 404 when
    missing or out of scope."""
    member = get_member_for_user(user, pk)
    return (
        Member.objects.select_related("organization", "party_group", "grid_cell", "user")
        .prefetch_related(
            Prefetch(
                "dues_records",
                queryset=DuesRecord.objects.order_by("-month")[:12],
                to_attr="recent_dues",
            )
        )
        .get(pk=member.pk)
    )


def may_manage_member(user, member: Member) -> bool:
    return manageable_members_for(user).filter(pk=member.pk).exists()


def members_with_pks(pks) -> QuerySet:
    return Member.objects.filter(pk__in=list(pks))


def member_list_for(user) -> QuerySet:
    """The member list: scoped, with what each row shows (the views and the export apply
    members.filters.roll.MemberFilter to it)."""
    return (
        visible_members_for(user)
        .select_related("organization", "grid_cell")
        .order_by("organization_id", "name_initials", "id")
    )


def member_list_organizations_for(user) -> QuerySet:
    """The organizations holding memberships that the member list can be narrowed to."""
    from members.models.member import HOLDING_KINDS
    from organizations.models import Organization

    return scoping.visible_organizations_for(
        user, Organization.objects.filter(kind__in=HOLDING_KINDS)
    ).order_by("path")


def member_list_grid_cells_for(user) -> QuerySet:
    """The grid cells the member list can be narrowed to."""
    from grid.models import GridCell

    return scoping.visible_grid_cells_for(user, GridCell.objects.order_by("code"))


def roll_sizes(organization_ids) -> dict[int, RollSize]:
    """Members on the roll held by each organization, all and full (missing: none);
    registered as the counter of ``organizations.membership`` for a branch's size rules."""
    rows = (
        Member.objects.on_roll()
        .filter(organization_id__in=list(organization_ids))
        .values("organization_id")
        .annotate(on_roll=Count("pk"), full=Count("pk", filter=Q(status=MemberStatus.FULL)))
        .order_by()
        .values_list("organization_id", "full", "on_roll")
    )
    return {pk: RollSize(full, on_roll) for pk, full, on_roll in rows}


def roll_counts_on(organization_ids, day) -> dict[int, int]:
    """``{organization id: members on its roll on ``day``}`` (joined by then, not left):
    one query for any number of organizations."""
    rows = (
        Member.objects.filter(organization_id__in=list(organization_ids), joined_on__lte=day)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=day))
        .order_by()
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values_list("organization_id", "n")
    )
    return dict(rows)


def member_search_for(user, term: str) -> list[dict]:
    """The members the user may pick whose name holds ``term``, for a search box
    (config.forms.ScopedChoiceSelect)."""
    return search_rows(visible_members_for(user), term, ("name",), "name")
