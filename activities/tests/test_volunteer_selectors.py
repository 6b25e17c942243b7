"""Volunteer service figures: hours of members present at held service activities, per
member, branch, project and network, at the year's boundary, scoped, in fixed queries."""

import datetime
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import ActivityStatus, AttendanceStatus
from activities.selectors import volunteer
from activities.tests.factories import ActivityFactory, ProjectFactory, activity_type
from activities.tests.support.cobuilding import fill_service, served, service_activity
from members.tests.factories import MemberFactory
from organizations import scoping


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00")


def test_only_present_members_of_held_service_activities_count(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    held = service_activity(world.branch_a)
    served(held, member, "3")
    served(held, status=AttendanceStatus.LEAVE)
    served(held, status=AttendanceStatus.ABSENT)
    # a planned service activity and a meeting do not count
    planned = service_activity(
        world.branch_a, status=ActivityStatus.PLANNED, held_on=datetime.date(2026, 12, 5)
    )
    served(planned, member, "5")
    meeting = ActivityFactory(organization=world.branch_a)
    served(meeting, member, hours=None)
    rows = list(volunteer.volunteer_hours_by_member(secretary_a, 2026))
    assert rows == [
        {
            "member_id": member.pk,
            "member_name": member.name,
            "branch_id": world.branch_a.pk,
            "branch_name": world.branch_a.name,
            "hours": D("3"),
            "activities": 1,
        }
    ]


def test_civilized_community_creation_is_a_service_too(world, secretary_a):
    activity = service_activity(world.branch_a, activity_type=activity_type("civilized_community"))
    served(activity, hours="1.5")
    assert volunteer.volunteer_totals(secretary_a, 2026).hours == D("1.5")


def test_the_year_runs_from_january_1_to_december_31(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    served(service_activity(world.branch_a, held_on=datetime.date(2025, 12, 31)), member, "1")
    served(service_activity(world.branch_a, held_on=datetime.date(2026, 1, 1)), member, "2")
    served(service_activity(world.branch_a, held_on=datetime.date(2026, 11, 26)), member, "4")
    assert [r["hours"] for r in volunteer.volunteer_hours_by_member(secretary_a, 2025)] == [D("1")]
    assert [r["hours"] for r in volunteer.volunteer_hours_by_member(secretary_a, 2026)] == [D("6")]


def test_a_member_present_without_hours_is_a_volunteer_with_no_hours(world, secretary_a):
    served(service_activity(world.branch_a), hours=None)
    [row] = volunteer.volunteer_hours_by_member(secretary_a, 2026)
    assert row["hours"] == D("0") and row["activities"] == 1
    assert volunteer.volunteer_totals(secretary_a, 2026).volunteers == 1


def test_figures_are_scoped(world, secretary_a, community_staff, other_street_staff):
    served(service_activity(world.branch_a), hours="1")
    served(service_activity(world.branch_b), hours="2")
    served(service_activity(world.branch_c), hours="4")
    assert volunteer.volunteer_totals(secretary_a, 2026).hours == D("1")
    assert volunteer.volunteer_totals(community_staff, 2026).hours == D("3")
    assert volunteer.volunteer_totals(other_street_staff, 2026).hours == D("0")
    assert not volunteer.volunteer_hours_by_member(other_street_staff, 2026).exists()


def test_hours_by_branch_count_a_party_groups_activities_in_its_branch(world, community_staff):
    member = MemberFactory(organization=world.branch_a, party_group=world.group_a)
    served(service_activity(world.branch_a), member, "2")
    served(service_activity(world.group_a), member, "1")
    served(service_activity(world.branch_b), hours="5")
    rows = volunteer.volunteer_hours_by_branch(community_staff, 2026)
    assert [(r.id, r.hours, r.activities, r.volunteers) for r in rows] == [
        (world.branch_a.pk, D("3"), 2, 1),
        (world.branch_b.pk, D("5"), 1, 1),
    ]


def test_hours_by_project_with_people_served(world, community_staff):
    project = ProjectFactory(community=world.community1.community, title="助老")
    first = service_activity(world.branch_a, project=project, people_served=12)
    served(first, hours="2")
    served(first, hours="2")
    served(service_activity(world.branch_b, project=project, people_served=8), hours="1")
    served(service_activity(world.branch_b), hours="7")  # no project
    [row] = volunteer.volunteer_hours_by_project(community_staff, 2026)
    assert row == {
        "project_id": project.pk,
        "project_title": "助老",
        "activities": 2,
        "people_served": 20,
        "hours": D("5"),
        "volunteers": 3,
    }


def test_services_per_network(world, community_staff):
    medical = service_activity(world.branch_a, network="medical", people_served=30)
    served(medical, hours="3")
    served(service_activity(world.branch_b, network="security"), hours="2")
    service_activity(world.branch_b, people_served=4)  # no network given
    rows = {r["network"]: r for r in volunteer.services_by_network(community_staff, 2026)}
    assert set(rows) == {"medical", "security", "pairing", "volunteer", ""}
    assert (rows["medical"]["activities"], rows["medical"]["hours"]) == (1, D("3"))
    assert rows["medical"]["people_served"] == 30
    assert (rows["pairing"]["activities"], rows["pairing"]["hours"]) == (0, D("0"))
    assert rows[""]["people_served"] == 4


def test_the_top_volunteers(world, community_staff):
    members = MemberFactory.create_batch(4, organization=world.branch_a)
    for i, member in enumerate(members, start=1):
        served(service_activity(world.branch_a), member, str(i))
    top = volunteer.top_volunteers(community_staff, 2026, n=3)
    assert [r["member_id"] for r in top] == [members[3].pk, members[2].pk, members[1].pk]


def test_figures_take_a_fixed_number_of_queries(world, community_staff):
    scoping.scope_for(community_staff)
    counts = []
    for n in (1, 4):
        fill_service(world, n)
        with CaptureQueriesContext(connection) as queries:
            list(volunteer.volunteer_hours_by_member(community_staff, 2026))
            volunteer.volunteer_hours_by_branch(community_staff, 2026)
            volunteer.volunteer_hours_by_project(community_staff, 2026)
            volunteer.services_by_network(community_staff, 2026)
            volunteer.volunteer_totals(community_staff, 2026)
        counts.append(len(queries))
    assert counts == [9, 9]


def test_the_dashboard_summary(world, secretary_a):
    served(service_activity(world.branch_a, people_served=5), hours="2")
    summary = volunteer.volunteer_summary_for(secretary_a)
    assert summary["year"] == 2026 and summary["hours"] == D("2")
    assert summary["people_served"] == 5 and len(summary["top"]) == 1
