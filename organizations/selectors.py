"""Read queries for pages, the API and dashboards: already scoped, prefetch-complete."""

from dataclasses import dataclass

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.models import User
from grid.models import GridCell
from organizations import rules, scoping
from organizations.membership import roll_size_of
from organizations.models import CommitteeTerm, Organization, OrgKind, Post
from organizations.models.posts import COMMITTEE_ROLES
from policies.registry import value


def organization_tree_for(user) -> QuerySet:
    """The organizations a user sees, in tree order, with what the tree rows show; the page
    and the API narrow it with OrganizationFilter."""
    return (
        scoping.visible_organizations_for(user)
        .select_related("street", "community", "grid_cell")
        .annotate(
            active_child_count=Count("children", filter=Q(children__dissolved_on__isnull=True))
        )
        .order_by("path")
    )


FULL_TREE_LIMIT = 400  # above this, the tree opens two levels deep; the rest is a click away


@dataclass(frozen=True)
class TreeRows:
    rows: list[Organization]  # each with ``indent``: its depth below the shallowest shown
    collapsed: bool  # only the two top levels, the tree being over FULL_TREE_LIMIT


def tree_rows(organizations: QuerySet, *, expand_all: bool = False) -> TreeRows:
    """The rows of the tree page, indented relative to the shallowest organization shown so
    that each user's tree starts at the left; a tree larger than FULL_TREE_LIMIT shows its
    two top levels unless ``expand_all`` (a search shows every match)."""
    shape = organizations.order_by().aggregate(top=Min("depth"), size=Count("id"))
    top = shape["top"] or 1
    collapsed = not expand_all and shape["size"] > FULL_TREE_LIMIT
    if collapsed:
        organizations = organizations.filter(depth__lte=top + 1)
    rows = list(organizations)
    for organization in rows:
        organization.indent = organization.depth - top
    return TreeRows(rows=rows, collapsed=collapsed)


def organization_detail_for(user, pk) -> Organization:
    organization = scoping.get_organization_for_user(user, pk)
    organization = (
        Organization.objects.filter(pk=organization.pk)
        .select_related("street", "community", "grid_cell", "parent")
        .prefetch_related(
            Prefetch(
                "posts",
                queryset=Post.objects.active().select_related("user").by_rank(),
                to_attr="active_posts",
            ),
            Prefetch(
                "committee_terms",
                queryset=CommitteeTerm.objects.order_by("-elected_on"),
                to_attr="terms",
            ),
            Prefetch(
                "children",
                queryset=scoping.visible_organizations_for(
                    user, Organization.objects.select_related("grid_cell")
                ).order_by("path"),
                to_attr="child_list",
            ),
            "mass_organizations",
            "two_new_organizations",
        )
        .get()
    )
    # The committee's seats as elected beside the people now holding a committee post
    # (one person may hold two posts, a secretary who is also the propaganda member).
    organization.committee_held = len(
        {p.user_id for p in organization.active_posts if p.role in COMMITTEE_ROLES}
    )
    return organization


def visible_ancestors(user, organization: Organization) -> QuerySet:
    """The breadcrumb: ancestors the user may open (those above their scope are left out)."""
    return scoping.visible_organizations_for(
        user, Organization.objects.filter(pk__in=organization.ancestor_ids())
    ).order_by("depth")


def two_new_coverage_for(user) -> dict:
    """Headline figure: share of two-new organizations with a party organization or instructor."""
    counts = scoping.visible_two_new_organizations_for(user).aggregate(
        total=Count("id"),
        with_members=Count("id", filter=Q(party_member_count__gt=0)),
        with_organization=Count("id", filter=Q(party_organization__isnull=False)),
        covered=Count("id", filter=Q(party_organization__isnull=False) | ~Q(instructor_name="")),
    )
    total = counts["total"]
    counts["coverage_percent"] = round(100 * counts["covered"] / total, 1) if total else None
    return counts


def assignable_users_for(user) -> QuerySet:
    """People a scoped admin may appoint: those already holding posts or looking after grid
    cells in their scope, and accounts that do neither yet (created by the system
    administrator for them); not the grid workers of another scope."""
    visible = scoping.visible_organizations_for(user)
    cells = scoping.visible_grid_cells_for(user)
    return User.objects.filter(
        Q(posts__organization__in=visible)
        | Q(grid_assignments__grid_cell__in=cells)
        | Q(posts__isnull=True, grid_assignments__isnull=True),
        is_superuser=False,
    ).distinct()


RESPONSIBLE_ROLES = ("secretary", "deputy_secretary", "staff")


def responsible_users_for(organization_ids) -> dict[int, int]:
    """Who is reminded of an organization's business: its secretary, else a deputy, else the
    staff or secretary of the nearest organization above it. Two queries for any number."""
    organization_ids = set(organization_ids)
    if not organization_ids:
        return {}
    paths = dict(Organization.objects.filter(pk__in=organization_ids).values_list("pk", "path"))
    chain_ids = {pk for path in paths.values() for pk in scoping.ids_on_path(path)}
    by_org: dict[int, dict[str, int]] = {}
    posts = (
        Post.objects.active()
        .filter(organization_id__in=chain_ids, role__in=RESPONSIBLE_ROLES)
        .order_by("started_on", "pk")
        .values_list("organization_id", "role", "user_id")
    )
    for org_id, role, user_id in posts:
        by_org.setdefault(org_id, {}).setdefault(role, user_id)
    result = {}
    for org_id, path in paths.items():
        chain = scoping.ids_on_path(path)[::-1]  # itself first, then upwards
        for index, candidate in enumerate(chain):
            roles = by_org.get(candidate, {})
            order = RESPONSIBLE_ROLES if index == 0 else ("staff", "secretary", "deputy_secretary")
            user_id = next((roles[r] for r in order if r in roles), None)
            if user_id is not None:
                result[org_id] = user_id
                break
    return result


@dataclass(frozen=True)
class BranchShortfall:
    full_members: int
    minimum: int


def branch_shortfall(organization: Organization) -> BranchShortfall | None:
    """A branch in office with fewer full members than BRANCH_MIN_FULL_MEMBERS, else None."""
    dissolved = organization.dissolved_on
    if organization.kind != OrgKind.BRANCH or (dissolved and dissolved <= timezone.localdate()):
        return None
    size = roll_size_of(organization.pk)
    minimum = value(rules.BRANCH_MIN_FULL_MEMBERS)
    if size is None or size.full >= minimum:
        return None
    return BranchShortfall(full_members=size.full, minimum=minimum)


def access_log_for(user) -> QuerySet:
    """The access log entries the user reads (scoping.visible_access_events_for), newest
    first, with the user and the street each names."""
    return scoping.visible_access_events_for(user).select_related("user", "street")


CHANGES_SHOWN = 10  # the latest changes an object's page lists


@dataclass(frozen=True)
class ChangeEntry:
    """One change of a record's history: who, when, what kind, and the labels of the fields
    it changed (not their values: some are personal data shown masked on the page)."""

    user: object
    at: object
    kind: str
    fields: tuple[str, ...]


def change_history(obj, limit: int = CHANGES_SHOWN) -> list[ChangeEntry]:
    """The latest changes of ``obj`` (a model with django-simple-history's ``history``), newest
    first, in one query: each compared with the one before it (diff_against)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    entries = []
    for record, older in zip(records[:limit], [*records[1:], None], strict=False):
        fields: tuple[str, ...] = ()
        if older is not None and record.history_type == "~":
            delta = record.diff_against(older)
            fields = tuple(
                str(obj._meta.get_field(change.field).verbose_name) for change in delta.changes
            )
        entries.append(
            ChangeEntry(
                user=record.history_user,
                at=record.history_date,
                kind=record.get_history_type_display(),
                fields=fields,
            )
        )
    return entries


SEARCH_RESULTS = 20  # the most rows a search box offers at once


def organization_search_for(user, term: str) -> list[dict]:
    """The organizations the user may pick whose name or code holds ``term``, for a search
    box (config.forms.ScopedChoiceSelect)."""
    rows = scoping.choices_for(user, Organization.objects.all())
    return search_rows(rows, term, ("name", "code"), "path")


def grid_cell_search_for(user, term: str) -> list[dict]:
    """The grid cells the user may pick whose code or name holds ``term``."""
    rows = scoping.choices_for(user, GridCell.objects.all())
    return search_rows(rows, term, ("code", "name"), "code")


def search_rows(rows: QuerySet, term: str, fields, order: str, label=str) -> list[dict]:
    """Up to ``SEARCH_RESULTS`` of the (scoped) ``rows`` with ``term`` in one of ``fields``,
    as ``{"id", "label"}`` (``label(row)``, the label the form's field shows); an empty term
    finds nothing. A NUL byte, which no name holds and PostgreSQL refuses in a query, is
    dropped."""
    term = term.replace("\x00", "").strip()[:50]
    if not term:
        return []
    match = Q()
    for field in fields:
        match |= Q(**{f"{field}__icontains": term})
    found = rows.filter(match).order_by(order, "pk")[:SEARCH_RESULTS]
    return [{"id": row.pk, "label": label(row)} for row in found]
