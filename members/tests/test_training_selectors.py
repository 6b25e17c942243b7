"""Class hours per member and year, the 32/56 thresholds, who is a cadre, which courses show."""

import datetime
from decimal import Decimal as D

import pytest

from accounts.tests.factories import UserFactory
from members.models import TrainingAttendance, TrainingCourse, TrainingLevel, TrainingSession
from members.selectors.training import (
    course_list_for,
    members_below_requirement_for,
    training_hours_for,
    training_summary_for,
)
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory


@pytest.fixture(autouse=True)
def _late_2025(time_machine):
    time_machine.move_to("2025-12-20 09:00 +08:00")


def course_of(org, level=TrainingLevel.BRANCH, year=2025):
    return TrainingCourse.objects.create(
        organization=org,
        level=level,
        title=f"课程{org.pk}",
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
        planned_hours=D("32"),
    )


def attend(member, hours, held_on=datetime.date(2025, 5, 1)):
    course = course_of(member.organization, year=held_on.year)
    session = TrainingSession.objects.create(
        course=course, held_on=held_on, topic="x", hours=D("60")
    )
    return TrainingAttendance.objects.create(session=session, member=member, hours=D(hours))


def member_with_post(org, role, started_on=datetime.date(2024, 1, 1), ended_on=None, post_org=None):
    user = UserFactory()
    PostFactory(
        user=user,
        organization=post_org or org,
        role=role,
        started_on=started_on,
        ended_on=ended_on,
    )
    return MemberFactory(organization=org, user=user)


def hours_of(user, member, year=2025):
    return training_hours_for(user, year).get(pk=member.pk)


def test_hours_of_the_year_are_summed_and_other_years_left_out(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    attend(member, "4", datetime.date(2025, 1, 1))
    attend(member, "3.5", datetime.date(2025, 12, 31))
    attend(member, "20", datetime.date(2024, 12, 31))
    row = hours_of(secretary_a, member)
    assert (row.done, row.required, row.missing) == (D("7.5"), D("32"), D("24.5"))
    assert hours_of(secretary_a, member, 2024).done == D("20")


def test_a_member_with_31_5_hours_is_short_and_with_32_is_not(world, secretary_a):
    short = MemberFactory(organization=world.branch_a)
    enough = MemberFactory(organization=world.branch_a)
    attend(short, "31.5")
    attend(enough, "32")
    assert list(members_below_requirement_for(secretary_a, 2025)) == [short]
    assert hours_of(secretary_a, short).missing == D("0.5")
    assert hours_of(secretary_a, enough).missing == 0


def test_a_branch_secretary_with_55_hours_is_short_and_with_56_is_not(world, secretary_a):
    secretary = MemberFactory(organization=world.branch_a, user=secretary_a)
    attend(secretary, "55")
    [row] = members_below_requirement_for(secretary_a, 2025)
    assert (row.pk, row.is_cadre, row.required, row.missing) == (
        secretary.pk,
        True,
        D("56"),
        D("1"),
    )
    attend(secretary, "1")
    assert not members_below_requirement_for(secretary_a, 2025).exists()
    assert hours_of(secretary_a, secretary).missing == 0


@pytest.mark.parametrize(
    "role", [Role.DEPUTY_SECRETARY, Role.ORGANIZATION_MEMBER, Role.COMMITTEE_MEMBER]
)
def test_committee_members_need_56_hours(world, secretary_a, role):
    member = member_with_post(world.branch_a, role)
    assert hours_of(secretary_a, member).required == D("56")


def test_staff_of_a_community_committee_need_32_and_its_secretary_56(world, community_staff):
    staff = member_with_post(world.branch_a, Role.STAFF, post_org=world.community1)
    secretary = member_with_post(world.branch_a, Role.SECRETARY, post_org=world.community1)
    assert hours_of(community_staff, staff).required == D("32")
    assert hours_of(community_staff, secretary).required == D("56")


def test_a_post_ended_before_the_year_does_not_count_and_one_ended_during_it_does(
    world, secretary_a
):
    before = member_with_post(
        world.branch_a, Role.COMMITTEE_MEMBER, ended_on=datetime.date(2024, 12, 31)
    )
    during = member_with_post(
        world.branch_a, Role.COMMITTEE_MEMBER, ended_on=datetime.date(2025, 1, 1)
    )
    assert hours_of(secretary_a, before).required == D("32")
    assert hours_of(secretary_a, during).required == D("56")


def test_the_thresholds_follow_the_administrators_figures(world, secretary_a):
    from policies.models import Policy

    Policy.objects.update_or_create(key="training.hours_per_year_member", defaults={"value": 40})
    member = MemberFactory(organization=world.branch_a)
    attend(member, "32")
    assert hours_of(secretary_a, member).missing == D("8")


def test_members_who_joined_after_the_year_are_not_listed(world, secretary_a):
    MemberFactory(
        organization=world.branch_a,
        status="probationary",
        joined_on=datetime.date(2025, 3, 1),
        full_member_on=None,
    )
    assert training_hours_for(secretary_a, 2024).count() == 0
    assert training_hours_for(secretary_a, 2025).count() == 1


def test_the_summary_counts_members_and_shortfalls_per_branch(world, community_staff):
    a1, a2 = MemberFactory.create_batch(2, organization=world.branch_a)
    attend(a1, "40")
    attend(a2, "10")
    MemberFactory(organization=world.branch_b)
    summary = training_summary_for(community_staff, 2025)
    assert [(s.name, s.members, s.short, s.average) for s in summary] == [
        ("A支部", 2, 1, D("25.0")),
        ("B支部", 1, 1, D("0.0")),
    ]


def test_a_branch_sees_its_courses_and_those_of_the_organizations_above(world, secretary_a):
    mine = course_of(world.branch_a)
    community = course_of(world.community1, TrainingLevel.COMMUNITY)
    street = course_of(world.street_committee1, TrainingLevel.STREET)
    course_of(world.branch_b)
    course_of(world.community2, TrainingLevel.COMMUNITY)
    course_of(world.street_committee2, TrainingLevel.STREET)
    assert set(course_list_for(secretary_a)) == {mine, community, street}
