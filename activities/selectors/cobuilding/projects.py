"""Co-building projects: who sees and changes them, their figures and a project's page."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum

from activities.models import (
    Activity,
    ActivityStatus,
    Attendance,
    AttendanceStatus,
    Project,
    ProjectUnit,
)
from activities.selectors.cobuilding.agreements import partner_units_for
from activities.selectors.cobuilding.base import get_or_404, within_scope
from activities.selectors.cobuilding.communities import (
    can_manage_community,
    manageable_communities_for,
)
from organizations import scoping


def visible_projects_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Project.objects.all() if queryset is None else queryset
    return within_scope(qs, scoping.visible_community_q(user))


def projects_for_api(user) -> QuerySet:
    """The projects a user sees, with their needs, resources and units, for the API."""
    return (
        visible_projects_for(user)
        .select_related("community")
        .prefetch_related(
            "needs",
            "resources",
            Prefetch(
                "participants",
                queryset=ProjectUnit.objects.select_related("unit").order_by("id"),
            ),
        )
        .order_by("community_id", "-starts_on", "id")
    )


def manageable_projects_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Project.objects.all() if queryset is None else queryset
    return qs.filter(community__in=manageable_communities_for(user))


def projects_in_visible_communities(user) -> QuerySet:
    """Projects of every community the user sees a part of (the admin's choices)."""
    return Project.objects.filter(community__in=scoping.visible_communities_for(user))


def get_project_for_user(user, pk) -> Project:
    return get_or_404(visible_projects_for(user).select_related("community"), pk)


def get_participant_for_user(user, pk) -> ProjectUnit:
    """A unit's part in a project the user sees, with both; 404 otherwise."""
    return get_or_404(
        ProjectUnit.objects.select_related("project", "unit").filter(
            project__in=visible_projects_for(user)
        ),
        pk,
    )


def joinable_units_for(user, project: Project) -> QuerySet:
    """Partner units of the project's community that do not take part in it yet."""
    return partner_units_for(user, project.community).exclude(
        project_participations__project=project
    )


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
