"""A community's co-building overview: its three lists and its branches' agreements."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch
from django.utils import timezone

from activities.models import Need, NeedStatus, Project, ProjectUnit, Resource
from activities.selectors.cobuilding.agreements import is_agreement_in_force, visible_agreements_for
from activities.selectors.cobuilding.communities import can_manage_community
from activities.selectors.cobuilding.lists import matching_resources
from activities.selectors.cobuilding.projects import project_figures_for
from grid.models import Community
from organizations import scoping


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
