"""Volunteer service 志愿服务: hours per member, branch and project, the top volunteers, and
service activities per network.

Hours come from the attendance of held service activities (``activity_type.is_service``):
only members present are counted, with the hours recorded for them. A year runs from
1 January to 31 December by the activity's date. Everything is scoped by the activity's
organization and aggregated in SQL: a fixed number of queries whatever the size.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import (
    Activity,
    ActivityStatus,
    Attendance,
    AttendanceStatus,
    ServiceNetwork,
)
from organizations import scoping
from organizations.models import Organization, OrgKind

ZERO = Decimal("0")


def organizations_to_filter_for(user, kinds) -> QuerySet:
    """Organizations of these kinds that the user sees, for the pages' organization filter."""
    return scoping.visible_organizations_for(
        user, Organization.objects.filter(kind__in=kinds)
    ).order_by("path")


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def service_activities_for(user, year: int, organization: Organization | None = None) -> QuerySet:
    """Held service activities of the year that the user sees (below ``organization``): those
    of the organizations the user sees, chosen first (a small table), so that the activities
    are read through their (organization, day) index rather than all of them."""
    organizations = scoping.visible_organizations_for(user)
    if organization is not None:
        organizations = organizations.filter(scoping.under_q(organization, field=None))
    return Activity.objects.filter(
        status=ActivityStatus.HELD,
        activity_type__is_service=True,
        held_on__range=_year_range(year),
        organization_id__in=organizations.values("pk"),
    )


def service_attendance_for(user, year: int, organization: Organization | None = None) -> QuerySet:
    """Attendance of members present at those activities. The activities are chosen first
    (a subquery on the activities' own indexes), then their attendance through its activity
    index: joining the attendance table to the organization tree made the database read all
    the attendance of every organization."""
    return Attendance.objects.filter(
        status=AttendanceStatus.PRESENT,
        activity_id__in=service_activities_for(user, year, organization).values("pk"),
    )


def volunteer_hours_by_member(
    user, year: int, organization: Organization | None = None
) -> QuerySet:
    """Rows ``{member_id, member_name, branch_id, branch_name, hours, activities}``, most
    hours first. The branch is the one holding the member's membership."""
    return (
        service_attendance_for(user, year, organization)
        .order_by()
        .values("member_id")
        .annotate(
            member_name=F("member__name"),
            branch_id=F("member__organization_id"),
            branch_name=F("member__organization__name"),
            hours=Sum("hours", default=ZERO),
            activities=Count("activity_id", distinct=True),
        )
        .order_by("-hours", "member_name", "member_id")
    )


def top_volunteers(user, year: int, n: int = 10, organization: Organization | None = None):
    return list(volunteer_hours_by_member(user, year, organization)[:n])


@dataclass
class BranchHours:
    id: int
    name: str
    path: str
    hours: Decimal = ZERO
    activities: int = 0
    volunteers: int = 0


def volunteer_hours_by_branch(
    user, year: int, organization: Organization | None = None
) -> list[BranchHours]:
    """Per organization that held service activities, a party group's counted in its branch."""
    rows = (
        service_attendance_for(user, year, organization)
        .order_by()
        .values(
            "activity__organization_id",
            "activity__organization__kind",
            "activity__organization__name",
            "activity__organization__path",
            "activity__organization__parent_id",
            "activity__organization__parent__name",
            "activity__organization__parent__path",
        )
        .annotate(
            hours=Sum("hours", default=ZERO),
            activities=Count("activity_id", distinct=True),
        )
    )
    volunteers = (
        service_attendance_for(user, year, organization)
        .order_by()
        .values("activity__organization_id", "member_id")
        .distinct()
    )
    branches: dict[int, BranchHours] = {}
    branch_of: dict[int, int] = {}
    for row in rows:
        if row["activity__organization__kind"] == OrgKind.PARTY_GROUP:
            key, name, path = (
                row["activity__organization__parent_id"],
                row["activity__organization__parent__name"],
                row["activity__organization__parent__path"],
            )
        else:
            key, name, path = (
                row["activity__organization_id"],
                row["activity__organization__name"],
                row["activity__organization__path"],
            )
        branch_of[row["activity__organization_id"]] = key
        item = branches.setdefault(key, BranchHours(key, name, path))
        item.hours += row["hours"]
        item.activities += row["activities"]
    members: dict[int, set[int]] = {}
    for row in volunteers:
        key = branch_of.get(row["activity__organization_id"])
        if key is not None:
            members.setdefault(key, set()).add(row["member_id"])
    for key, item in branches.items():
        item.volunteers = len(members.get(key, ()))
    return sorted(branches.values(), key=lambda item: item.path)


def volunteer_hours_by_project(
    user, year: int, organization: Organization | None = None
) -> list[dict]:
    """Rows ``{project_id, project_title, hours, activities, volunteers, people_served}``
    for the projects that service activities of the year were linked to."""
    hours = (
        service_attendance_for(user, year, organization)
        .filter(activity__project__isnull=False)
        .order_by()
        .values("activity__project_id")
        .annotate(hours=Sum("hours", default=ZERO), volunteers=Count("member_id", distinct=True))
    )
    hours_by_project = {row["activity__project_id"]: row for row in hours}
    activities = (
        service_activities_for(user, year, organization)
        .filter(project__isnull=False)
        .order_by()
        .values("project_id", "project__title")
        .annotate(activities=Count("id"), people_served=Sum("people_served", default=0))
    )
    rows = []
    for row in activities:
        figures = hours_by_project.get(row["project_id"], {})
        rows.append(
            {
                "project_id": row["project_id"],
                "project_title": row["project__title"],
                "activities": row["activities"],
                "people_served": row["people_served"],
                "hours": figures.get("hours", ZERO),
                "volunteers": figures.get("volunteers", 0),
            }
        )
    return sorted(rows, key=lambda r: (-r["hours"], r["project_title"], r["project_id"]))


def services_by_network(user, year: int, organization: Organization | None = None) -> list[dict]:
    """Per service network (and "not given"): ``{network, label, activities, hours,
    people_served}``; every network is listed, with zeros where nothing was done."""
    activities = {
        row["network"]: row
        for row in service_activities_for(user, year, organization)
        .order_by()
        .values("network")
        .annotate(activities=Count("id"), people_served=Sum("people_served", default=0))
    }
    hours = {
        row["activity__network"]: row["hours"]
        for row in service_attendance_for(user, year, organization)
        .order_by()
        .values("activity__network")
        .annotate(hours=Sum("hours", default=ZERO))
    }
    rows = []
    networks = [*ServiceNetwork.choices]
    if "" in activities:
        networks.append(("", _("network not given")))
    for value, label in networks:
        row = activities.get(value, {})
        rows.append(
            {
                "network": value,
                "label": label,
                "activities": row.get("activities", 0),
                "people_served": row.get("people_served", 0),
                "hours": hours.get(value, ZERO),
            }
        )
    return rows


@dataclass
class VolunteerTotals:
    hours: Decimal
    volunteers: int
    activities: int
    people_served: int


def volunteer_totals(user, year: int, organization: Organization | None = None) -> VolunteerTotals:
    """The year's figures in two queries, for the page's head and the dashboards."""
    people = service_activities_for(user, year, organization).aggregate(
        activities=Count("id"), people_served=Sum("people_served", default=0)
    )
    hours = service_attendance_for(user, year, organization).aggregate(
        hours=Sum("hours", default=ZERO), volunteers=Count("member_id", distinct=True)
    )
    return VolunteerTotals(
        hours=hours["hours"],
        volunteers=hours["volunteers"],
        activities=people["activities"],
        people_served=people["people_served"],
    )


def volunteer_summary_for(user, *, today: datetime.date | None = None, top: int = 5) -> dict:
    """For the dashboards: this year's volunteer figures of everything the user sees, with the
    ``top`` volunteers (none, and no query for them, with ``top=0``)."""
    year = (today or timezone.localdate()).year
    totals = volunteer_totals(user, year)
    return {
        "year": year,
        "hours": totals.hours,
        "volunteers": totals.volunteers,
        "activities": totals.activities,
        "people_served": totals.people_served,
        "top": top_volunteers(user, year, n=top) if top else [],
    }


def volunteer_hours_by_holding_organization(
    organization_ids, first_day: datetime.date, last_day: datetime.date
) -> dict[int, Decimal]:
    """``{organization id: volunteer hours of the members it holds}`` at the held service
    activities between the two days (of any organization), members present only. One
    query."""
    rows = (
        Attendance.objects.filter(
            status=AttendanceStatus.PRESENT,
            member__organization_id__in=organization_ids,
            activity__status=ActivityStatus.HELD,
            activity__activity_type__is_service=True,
            activity__held_on__range=(first_day, last_day),
        )
        .order_by()
        .values("member__organization_id")
        .annotate(hours=Sum("hours", default=ZERO))
    )
    return {row["member__organization_id"]: row["hours"] for row in rows}
