"""Read queries of co-building 共驻共建: a community's needs, resources and projects lists,
and the pairing agreements of its branches.

Who sees what:
- The three lists belong to a community. A user sees the lists of every community where they
  see units in part or in whole: the communities of their street, their community, or the
  community of their grid cell (so a branch secretary sees his community's lists, read-only).
- They are changed by those who manage the community committee of that community or the
  street working committee above it; not by a branch secretary.
- A pairing agreement belongs to its branch: seen by those who see the branch, changed by
  those who manage it.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from activities.models import (
    Activity,
    ActivityStatus,
    Attendance,
    AttendanceStatus,
    Need,
    NeedStatus,
    PairingAgreement,
    Project,
    ProjectUnit,
    Resource,
)
from grid.models import Community
from organizations import scoping
from organizations.models import Organization, OrgKind, TwoNewOrganization, UnitOrganization

# Communities


def _filter(qs: QuerySet, q: Q | None) -> QuerySet:
    return qs.filter(q) if q is not None else qs.none()


def cobuilding_communities_for(user) -> QuerySet:
    """Communities whose co-building lists the user sees."""
    return _filter(Community.objects.all(), scoping.visible_community_q(user, field=None))


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


# The three lists


def visible_needs_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Need.objects.all() if queryset is None else queryset
    return _filter(qs, scoping.visible_community_q(user))


def visible_resources_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Resource.objects.all() if queryset is None else queryset
    return _filter(qs, scoping.visible_community_q(user))


def visible_projects_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Project.objects.all() if queryset is None else queryset
    return _filter(qs, scoping.visible_community_q(user))


def manageable_needs_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Need.objects.all() if queryset is None else queryset
    return qs.filter(community__in=manageable_communities_for(user))


def manageable_resources_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Resource.objects.all() if queryset is None else queryset
    return qs.filter(community__in=manageable_communities_for(user))


def manageable_projects_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Project.objects.all() if queryset is None else queryset
    return qs.filter(community__in=manageable_communities_for(user))


def _get(qs: QuerySet, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_need_for_user(user, pk) -> Need:
    return _get(visible_needs_for(user).select_related("community"), pk)


def get_resource_for_user(user, pk) -> Resource:
    return _get(visible_resources_for(user).select_related("community", "unit"), pk)


def get_project_for_user(user, pk) -> Project:
    return _get(visible_projects_for(user).select_related("community"), pk)


# Pairing agreements


def visible_agreements_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = PairingAgreement.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs, org_field="branch")


def manageable_agreements_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = PairingAgreement.objects.all() if queryset is None else queryset
    return scoping.scoped_for_manage(user, qs, org_field="branch")


def get_agreement_for_user(user, pk) -> PairingAgreement:
    return _get(
        visible_agreements_for(user).select_related("branch", "unit", "two_new"),
        pk,
    )


def pairing_branches_for(user, community: Community | None = None) -> QuerySet:
    """Branches the user may sign agreements for (optionally those of one community)."""
    qs = Organization.objects.filter(
        kind__in=(OrgKind.BRANCH, OrgKind.GENERAL_BRANCH),
        dissolved_on__isnull=True,
        community__isnull=False,
    )
    if community is not None:
        qs = qs.filter(community=community)
    return scoping.manageable_organizations_for(user, qs).order_by("path")


def partner_units_for(user, community: Community | None = None) -> QuerySet:
    qs = _filter(UnitOrganization.objects.all(), scoping.visible_community_q(user))
    if community is not None:
        qs = qs.filter(community=community)
    return qs.select_related("community").order_by("community_id", "name")


def partner_two_new_for(user, community: Community | None = None) -> QuerySet:
    qs = _filter(TwoNewOrganization.objects.all(), scoping.visible_community_q(user))
    if community is not None:
        qs = qs.filter(community=community)
    return qs.select_related("community").order_by("community_id", "name")


def is_agreement_in_force(agreement: PairingAgreement, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return agreement.signed_on <= today and (agreement.ends_on is None or agreement.ends_on > today)


# Matching


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


# Figures of activities linked to projects


def _held_project_activities(user) -> QuerySet:
    return scoping.scoped(
        user, Activity.objects.filter(status=ActivityStatus.HELD, project__isnull=False)
    )


def _hours_by_project(user, project_ids) -> dict[int, tuple[Decimal, int]]:
    """{project_id: (volunteer hours, volunteers)} over the held activities the user sees."""
    rows = (
        Attendance.objects.filter(
            activity__in=_held_project_activities(user).filter(project_id__in=project_ids),
            status=AttendanceStatus.PRESENT,
        )
        .order_by()
        .values("activity__project_id")
        .annotate(hours=Sum("hours"), volunteers=Count("member_id", distinct=True))
    )
    return {
        row["activity__project_id"]: (row["hours"] or Decimal("0"), row["volunteers"])
        for row in rows
    }


def _activities_by_project(user, project_ids) -> dict[int, tuple[int, int]]:
    """{project_id: (held activities, people served)} over the activities the user sees."""
    rows = (
        _held_project_activities(user)
        .filter(project_id__in=project_ids)
        .order_by()
        .values("project_id")
        .annotate(activities=Count("id"), served=Sum("people_served"))
    )
    return {row["project_id"]: (row["activities"], row["served"] or 0) for row in rows}


@dataclass
class ProjectFigures:
    activities: int = 0
    hours: Decimal = Decimal("0")
    volunteers: int = 0
    people_served: int = 0


def project_figures_for(user, project_ids) -> dict[int, ProjectFigures]:
    """Held activities, volunteer hours, volunteers and people served per project, counting
    the activities the user sees. Two queries whatever the number of projects."""
    project_ids = list(project_ids)
    figures = {pk: ProjectFigures() for pk in project_ids}
    if not project_ids:
        return figures
    for pk, (count, served) in _activities_by_project(user, project_ids).items():
        figures[pk].activities, figures[pk].people_served = count, served
    for pk, (hours, volunteers) in _hours_by_project(user, project_ids).items():
        figures[pk].hours, figures[pk].volunteers = hours, volunteers
    return figures


# The community overview


@dataclass
class NeedRow:
    need: Need
    candidates: list = field(default_factory=list)  # available resources of its category


@dataclass
class CommunityOverview:
    community: Community
    needs: list
    resources: list
    projects: list
    agreements: list
    open_needs: list  # NeedRow: still open, with the resources that could meet them
    matched_needs: list  # taken up by a project or met
    other_needs: list  # dropped
    figures: dict  # {project_id: ProjectFigures}
    can_manage: bool
    counts: dict

    @property
    def unmatched_count(self) -> int:
        return len(self.open_needs)


def _participants():
    return Prefetch(
        "participants",
        queryset=ProjectUnit.objects.select_related("unit").order_by("id"),
    )


def community_overview(user, community: Community, *, today=None) -> CommunityOverview:
    """The three lists of a community and the agreements of its branches that the user sees.
    A fixed number of queries whatever the size of the lists."""
    today = today or timezone.localdate()
    needs = list(
        Need.objects.filter(community=community)
        .prefetch_related(Prefetch("projects", queryset=Project.objects.only("id", "title")))
        .order_by("-raised_on", "-id")
    )
    resources = list(
        Resource.objects.filter(community=community)
        .select_related("unit")
        .annotate(project_count=Count("projects"))
        .order_by("unit__name", "-offered_on", "-id")
    )
    projects = list(
        Project.objects.filter(community=community)
        .annotate(need_count=Count("needs", distinct=True))
        .prefetch_related(_participants())
        .order_by("-starts_on", "-id")
    )
    agreements = list(
        visible_agreements_for(user)
        .filter(branch__community=community)
        .select_related("branch", "unit", "two_new")
        .order_by("branch__path", "-signed_on", "-id")
    )
    for agreement in agreements:
        agreement.in_force = is_agreement_in_force(agreement, today)
        agreement.can_end = agreement.in_force and scoping.can_manage_path(
            user, agreement.branch.path
        )
    figures = project_figures_for(user, [p.pk for p in projects])
    for project in projects:
        project.figures = figures[project.pk]
    open_needs = [
        NeedRow(need, matching_resources(need, resources))
        for need in needs
        if need.status == NeedStatus.OPEN
    ]
    matched = [n for n in needs if n.status in (NeedStatus.MATCHED, NeedStatus.MET)]
    others = [n for n in needs if n.status == NeedStatus.DROPPED]
    counts = {
        "needs": len(needs),
        "open_needs": len(open_needs),
        "matched_needs": len(matched),
        "resources": len(resources),
        "available_resources": sum(1 for r in resources if r.available),
        "projects": len(projects),
        "active_projects": sum(1 for p in projects if p.status == "active"),
        "agreements": len(agreements),
        "agreements_in_force": sum(1 for a in agreements if a.in_force),
        "activities": sum(f.activities for f in figures.values()),
        "hours": sum((f.hours for f in figures.values()), Decimal("0")),
    }
    return CommunityOverview(
        community=community,
        needs=needs,
        resources=resources,
        projects=projects,
        agreements=agreements,
        open_needs=open_needs,
        matched_needs=matched,
        other_needs=others,
        figures=figures,
        can_manage=can_manage_community(user, community),
        counts=counts,
    )


# A project's page


@dataclass
class ProjectDetail:
    project: Project
    needs: list
    resources: list
    participants: list  # ProjectUnit with unit
    activities: list  # held activities linked to it that the user sees, newest first
    figures: ProjectFigures
    hours_by_activity: dict  # {activity_id: hours}
    can_manage: bool


def project_detail(user, project: Project) -> ProjectDetail:
    """Everything the project page shows, in a fixed number of queries."""
    needs = list(project.needs.order_by("-raised_on", "id"))
    resources = list(project.resources.select_related("unit").order_by("unit__name", "id"))
    participants = list(project.participants.select_related("unit").order_by("id"))
    activities = list(
        _held_project_activities(user)
        .filter(project=project)
        .select_related("organization", "activity_type")
        .order_by("-held_on", "-id")
    )
    present = Attendance.objects.filter(
        activity_id__in=[a.pk for a in activities], status=AttendanceStatus.PRESENT
    ).values_list("activity_id", "member_id", "hours")
    hours_by_activity: dict[int, Decimal] = {}
    volunteers = set()
    for activity_id, member_id, hours in present if activities else ():
        hours_by_activity[activity_id] = hours_by_activity.get(activity_id, Decimal("0")) + (
            hours or Decimal("0")
        )
        volunteers.add(member_id)
    for activity in activities:
        activity.volunteer_hours = hours_by_activity.get(activity.pk, Decimal("0"))
    figures = ProjectFigures(
        activities=len(activities),
        hours=sum(hours_by_activity.values(), Decimal("0")),
        volunteers=len(volunteers),
        people_served=sum(a.people_served or 0 for a in activities),
    )
    return ProjectDetail(
        project=project,
        needs=needs,
        resources=resources,
        participants=participants,
        activities=activities,
        figures=figures,
        hours_by_activity=hours_by_activity,
        can_manage=can_manage_community(user, project.community_id),
    )
