"""The compliance calendar: which required activities are held, missing, due or exempt,
at the edges of months and quarters, with committees, party groups and new organizations."""

import pytest

from activities.models import AttendanceStatus, Frequency
from activities.periods import parse_period, period_of
from activities.selectors.compliance import (
    compliance_calendar,
    compliance_overview,
    missing_now_for,
    requirement_status,
)
from activities.tests.factories import AttendanceFactory, activity_type
from activities.tests.support.compliance import (
    TODAY,
    D,
    ExemptionFactory,
    away,
    held,
    new_branches,
    states,
)
from members.tests.factories import MemberFactory
from organizations.tests.factories import CommitteeTermFactory, branch

# Period edges


def test_quarterly_meeting_on_the_last_day_of_a_quarter_counts_for_that_quarter(world):
    held(world.branch_a, "branch_general_meeting", D(2026, 9, 30))
    assert states(world.branch_a, "2026-Q3")[("branch_general_meeting", "2026-Q3")] == "held"
    assert states(world.branch_a, "2026-Q4")[("branch_general_meeting", "2026-Q4")] == "due"


def test_meeting_on_the_first_day_of_the_next_quarter_leaves_the_previous_missing(world):
    held(world.branch_a, "branch_general_meeting", D(2026, 10, 1))
    assert states(world.branch_a, "2026-Q3")[("branch_general_meeting", "2026-Q3")] == "missing"
    assert states(world.branch_a, "2026-Q4")[("branch_general_meeting", "2026-Q4")] == "held"


def test_a_quarter_is_missing_from_the_day_after_its_last_day(world):
    key = ("branch_general_meeting", "2026-Q3")
    assert states(world.branch_a, "2026-Q3", today=D(2026, 9, 30))[key] == "due"
    assert states(world.branch_a, "2026-Q3", today=D(2026, 10, 1))[key] == "missing"
    assert states(world.branch_a, "2026-Q3", today=D(2026, 6, 30))[key] == "not_started"


def test_month_edges_of_the_themed_party_day(world):
    held(world.branch_a, "themed_party_day", D(2026, 9, 30))
    held(world.branch_a, "themed_party_day", D(2026, 11, 1))
    result = states(world.branch_a, "2026-Q4", within=True)
    assert result[("themed_party_day", "2026-10")] == "missing"
    assert result[("themed_party_day", "2026-11")] == "held"
    assert result[("themed_party_day", "2026-12")] == "not_started"
    assert states(world.branch_a, "2026-09")[("themed_party_day", "2026-09")] == "held"


def test_a_month_also_shows_the_quarter_and_year_running_through_it_unless_within(world):
    result = states(world.branch_a, "2026-11")
    assert result[("themed_party_day", "2026-11")] == "due"
    assert result[("branch_general_meeting", "2026-Q4")] == "due"
    assert result[("organizational_life_meeting", "2026")] == "due"
    assert result[("party_lesson*", "2026")] == "due"
    within = states(world.branch_a, "2026-11", within=True)
    assert {code for code, _key in within} == {"themed_party_day"}


def test_held_counts_the_activities_of_the_period_and_ignores_planned_and_cancelled(world):
    held(world.branch_a, "themed_party_day", D(2026, 10, 8))
    held(world.branch_a, "themed_party_day", D(2026, 10, 25))
    held(world.branch_a, "themed_party_day", D(2026, 9, 25), status="cancelled")
    held(world.branch_a, "themed_party_day", D(2026, 9, 26), status="planned")
    held(world.branch_b, "themed_party_day", D(2026, 9, 25))
    cells = {
        c.period.key: c
        for c in requirement_status(world.branch_a, parse_period("2026-Q3"), today=TODAY)
        if c.activity_type.code == "themed_party_day"
    }
    assert cells["2026-09"].state == "missing"
    october = requirement_status(world.branch_a, parse_period("2026-10"), today=TODAY)
    assert [c.activities for c in october if c.activity_type.code == "themed_party_day"] == [2]


# Exemptions


def test_an_exemption_overlapping_a_period_exempts_it(world):
    exemption = ExemptionFactory(
        organization=world.branch_a,
        activity_type=activity_type("branch_general_meeting"),
        starts_on=D(2026, 9, 20),
        ends_on=D(2026, 10, 5),
    )
    cells = {
        c.period.key: c
        for c in requirement_status(world.branch_a, parse_period("2026"), today=TODAY)
        if c.activity_type.code == "branch_general_meeting"
    }
    assert {k: c.state for k, c in cells.items()} == {
        "2026-Q1": "missing",
        "2026-Q2": "missing",
        "2026-Q3": "exempt",
        "2026-Q4": "exempt",
    }
    assert cells["2026-Q3"].exemption == exemption
    assert cells["2026-Q1"].exemption is None


def test_an_exemption_for_all_types_exempts_every_requirement_but_what_was_held(world):
    ExemptionFactory(organization=world.branch_a, starts_on=D(2026, 11, 1), ends_on=D(2026, 11, 30))
    held(world.branch_a, "themed_party_day", D(2026, 11, 3))
    result = states(world.branch_a, "2026-11")
    assert result[("themed_party_day", "2026-11")] == "held"
    assert result[("branch_general_meeting", "2026-Q4")] == "exempt"
    assert result[("organizational_life_meeting", "2026")] == "exempt"
    assert states(world.branch_a, "2026-10")[("themed_party_day", "2026-10")] == "missing"


def test_a_year_partly_exempt_is_held_by_what_was_held_after_the_exemption(world):
    """The demo's newly founded branch: exempt for the first half of the year, it gives its
    yearly lesson in December. The quarter inside the exemption stays exempt."""
    ExemptionFactory(organization=world.branch_a, starts_on=D(2026, 1, 1), ends_on=D(2026, 6, 30))
    key = ("party_lesson*", "2026")
    december = D(2026, 12, 6)
    assert states(world.branch_a, "2026-Q1", today=december)[key] == "exempt"
    held(world.branch_a, "party_lesson", D(2026, 12, 2), speaker_is_secretary=True)
    result = states(world.branch_a, "2026-Q1", today=december)
    assert result[key] == "held"
    assert result[("party_lesson", "2026-Q1")] == "exempt"
    within = states(world.branch_a, "2026-Q1", today=december, within=True)
    assert set(within.values()) == {"exempt"}


def test_an_exemption_of_another_type_or_organization_does_not_count(world):
    ExemptionFactory(organization=world.branch_b, starts_on=D(2026, 10, 1))
    ExemptionFactory(
        organization=world.branch_a,
        activity_type=activity_type("party_lesson"),
        starts_on=D(2026, 10, 1),
    )
    result = states(world.branch_a, "2026-10")
    assert result[("themed_party_day", "2026-10")] == "missing"
    assert result[("party_lesson", "2026-Q4")] == "exempt"


# Which types are required of whom


def test_committee_meeting_is_required_only_while_a_committee_term_is_in_force(world):
    assert ("committee_meeting", "2026-10") not in states(world.branch_a, "2026-10")
    CommitteeTermFactory(organization=world.branch_a, elected_on=D(2026, 10, 15), term_years=3)
    assert ("committee_meeting", "2026-10") in states(world.branch_a, "2026-10")
    assert ("committee_meeting", "2026-09") not in states(world.branch_a, "2026-09")


def test_committee_meeting_is_not_required_after_the_term_ended(world):
    CommitteeTermFactory(organization=world.branch_a, elected_on=D(2023, 10, 1), term_years=3)
    assert states(world.branch_a, "2026-09")[("committee_meeting", "2026-09")] == "missing"
    assert ("committee_meeting", "2026-10") not in states(world.branch_a, "2026-10")


def test_party_group_meeting_is_required_of_party_groups_only(world):
    group = states(world.group_a, "2026-10")
    assert group == {("party_group_meeting", "2026-10"): "missing"}
    held(world.group_a, "party_group_meeting", D(2026, 11, 2))
    assert states(world.group_a, "2026-11") == {("party_group_meeting", "2026-11"): "held"}
    assert ("party_group_meeting", "2026-10") not in states(world.branch_a, "2026-10")


def test_community_committee_holds_party_lessons_but_not_branch_meetings(world):
    result = states(world.community1, "2026-Q4", within=True)
    assert ("party_lesson", "2026-Q4") in result
    assert ("branch_general_meeting", "2026-Q4") not in result


def test_an_inactive_type_or_one_without_frequency_is_not_required(world):
    lesson = activity_type("party_lesson")
    lesson.active = False
    lesson.save()
    result = states(world.branch_a, "2026-Q4")
    assert not any(code.startswith("party_lesson") for code, _key in result)
    assert not any(code == "volunteer_service" for code, _key in result)


def test_organization_established_mid_year_owes_only_the_periods_since(world):
    new = branch(world.community1, established_on=D(2026, 5, 15))
    calendar = compliance_calendar(new, 2026, today=TODAY)
    row = next(r for r in calendar.rows if r.activity_type.code == "themed_party_day")
    assert [c.state if c else None for c in row.cells] == [None] * 4 + ["missing"] * 6 + [
        "due",
        "not_started",
    ]
    quarterly = next(r for r in calendar.rows if r.activity_type.code == "branch_general_meeting")
    assert [c.state if c else None for c in quarterly.cells] == [None, "missing", "missing", "due"]


def test_dissolved_organization_owes_nothing_after_the_period_it_was_dissolved_in(world):
    old = branch(world.community1, dissolved_on=D(2026, 8, 10))
    result = states(old, "2026", within=True)
    assert result[("themed_party_day", "2026-08")] == "missing"
    assert ("themed_party_day", "2026-09") not in result
    assert result[("branch_general_meeting", "2026-Q3")] == "missing"
    assert ("branch_general_meeting", "2026-Q4") not in result


def test_the_secretary_lesson_is_held_by_a_lesson_the_secretary_gave(world):
    held(world.branch_a, "party_lesson", D(2026, 3, 5))
    key = ("party_lesson*", "2026")
    assert states(world.branch_a, "2026")[key] == "due"
    assert states(world.branch_a, "2026", today=D(2027, 1, 1))[key] == "missing"
    held(world.branch_a, "party_lesson", D(2026, 6, 5), speaker_is_secretary=True)
    assert states(world.branch_a, "2026")[key] == "held"


# The calendar


def test_calendar_rows_cells_and_counts(world, django_assert_num_queries):
    held(world.branch_a, "themed_party_day", D(2026, 1, 20))
    held(world.branch_a, "branch_general_meeting", D(2026, 3, 31))
    with django_assert_num_queries(6):
        # types, held activities by month, exemptions, committee terms, the year's
        # activities, their attendance
        calendar = compliance_calendar(world.branch_a, 2026, today=TODAY)
    codes = [(r.activity_type.code, r.requirement) for r in calendar.rows]
    assert codes == [
        ("branch_general_meeting", "frequency"),
        ("party_lesson", "frequency"),
        ("party_lesson", "secretary_lesson"),
        ("themed_party_day", "frequency"),
        ("organizational_life_meeting", "frequency"),
        ("democratic_appraisal", "frequency"),
    ]
    themed = calendar.rows[3]
    assert (themed.span, len(themed.cells)) == (1, 12)
    assert themed.counts["held"] == 1 and themed.counts["missing"] == 9
    assert calendar.rows[0].cells[0].state == "held" and calendar.rows[0].span == 3


def test_calendar_shows_committee_meetings_from_the_election(world):
    CommitteeTermFactory(organization=world.branch_a, elected_on=D(2026, 7, 1))
    calendar = compliance_calendar(world.branch_a, 2026, today=TODAY)
    committee = next(r for r in calendar.rows if r.activity_type.code == "committee_meeting")
    assert [c is not None for c in committee.cells] == [False] * 6 + [True] * 6


def test_attendance_rate_leaves_out_away_mobile_members_unless_they_attended(world):
    present, absent, away_absent, away_present = (
        MemberFactory(organization=world.branch_a) for _ in range(4)
    )
    away(away_absent)
    away(away_present)
    meeting = held(world.branch_a, "themed_party_day", D(2026, 11, 3))
    for member, status in [
        (present, AttendanceStatus.PRESENT),
        (absent, AttendanceStatus.ABSENT),
        (away_absent, AttendanceStatus.ABSENT),
        (away_present, AttendanceStatus.PRESENT),
    ]:
        AttendanceFactory(activity=meeting, member=member, status=status)
    calendar = compliance_calendar(world.branch_a, 2026, today=TODAY)
    november = calendar.attendance_by_month["2026-11"]
    assert (november.present, november.expected, november.away) == (2, 3, 1)
    assert november.rate == pytest.approx(2 / 3)
    assert calendar.attendance_by_quarter["2026-Q4"] == november
    assert calendar.attendance_by_month["2026-10"].rate is None
    themed = next(r for r in calendar.rows if r.activity_type.code == "themed_party_day")
    assert themed.attendance == november == calendar.attendance_year


def test_an_organization_with_nothing_required_shows_no_attendance(world):
    # The street committee holds no required type: its volunteer day, whose invitees all
    # came, used to show 100% attendance for a month beside "nothing required".
    member = MemberFactory(organization=world.branch_a)
    day = held(world.street_committee1, "volunteer_service", D(2026, 11, 3))
    AttendanceFactory(activity=day, member=member, status=AttendanceStatus.PRESENT)
    calendar = compliance_calendar(world.street_committee1, 2026, today=TODAY)
    assert calendar.rows == []
    assert calendar.attendance_by_month["2026-11"].expected == 0
    assert calendar.attendance_year.rate is None


def test_attendance_counts_the_required_activities_only(world):
    present, absent = (MemberFactory(organization=world.branch_a) for _ in range(2))
    meeting = held(world.branch_a, "themed_party_day", D(2026, 11, 3))
    AttendanceFactory(activity=meeting, member=present, status=AttendanceStatus.PRESENT)
    AttendanceFactory(activity=meeting, member=absent, status=AttendanceStatus.ABSENT)
    service = held(world.branch_a, "volunteer_service", D(2026, 11, 5))
    AttendanceFactory(activity=service, member=present, status=AttendanceStatus.PRESENT)
    calendar = compliance_calendar(world.branch_a, 2026, today=TODAY)
    november = calendar.attendance_by_month["2026-11"]
    assert (november.present, november.expected) == (1, 2)


def test_a_community_committee_owes_no_branch_committee_meeting(world, street_staff):
    CommitteeTermFactory(organization=world.community1, elected_on=D(2025, 1, 10))
    CommitteeTermFactory(organization=world.branch_a, elected_on=D(2025, 1, 10))
    assert ("committee_meeting", "2026-11") not in states(world.community1, "2026-11")
    assert ("committee_meeting", "2026-11") in states(world.branch_a, "2026-11")
    rows = {r.organization: r for r in compliance_overview(street_staff, today=TODAY)}
    assert "committee_meeting" not in {c.activity_type.code for c in rows[world.community1].cells}
    assert "committee_meeting" in {c.activity_type.code for c in rows[world.branch_a].cells}


# Many organizations


@pytest.mark.parametrize("extra", [0, 6])
def test_overview_runs_a_fixed_number_of_queries(
    world, street_staff, django_assert_num_queries, extra
):
    for org in new_branches(world, extra):
        held(org, "themed_party_day", D(2026, 11, 2))
        ExemptionFactory(organization=org, starts_on=D(2026, 10, 1), ends_on=D(2026, 10, 31))
    with django_assert_num_queries(7):
        # the user's posts and grid assignments (the scope), types, organizations, held
        # activities, exemptions, committee terms
        rows = compliance_overview(street_staff, today=TODAY)
    assert len(rows) == 6 + extra  # communities 1 and 2, branches A B C, group A, the new ones
    with django_assert_num_queries(5):  # the scope is kept on the user object
        compliance_overview(street_staff, today=TODAY)


def test_overview_counts_the_month_and_quarter_of_each_organization(world, community_staff):
    held(world.branch_a, "themed_party_day", D(2026, 11, 2))
    held(world.branch_b, "branch_general_meeting", D(2026, 10, 9))
    rows = {r.organization: r for r in compliance_overview(community_staff, today=TODAY)}
    assert set(rows) == {world.community1, world.branch_a, world.branch_b, world.group_a}
    a, b, group = rows[world.branch_a], rows[world.branch_b], rows[world.group_a]
    assert (a.month_open, a.month_held, a.quarter_open) == (0, 1, 2)
    assert (b.month_open, b.quarter_open, b.quarter_held) == (1, 1, 1)
    assert (group.month_open, group.quarter_required) == (1, 0)
    under = compliance_overview(community_staff, today=TODAY, under=world.branch_a)
    assert [r.organization for r in under] == [world.group_a]


def test_overview_of_a_past_month_shows_what_was_missed(world, community_staff):
    held(world.branch_a, "themed_party_day", D(2026, 9, 2))
    rows = {r.organization: r for r in compliance_overview(community_staff, "2026-09", today=TODAY)}
    a = rows[world.branch_a]
    assert (a.month.key, a.quarter.key) == ("2026-09", "2026-Q3")
    assert (a.month_missing, a.month_held, a.quarter_missing) == (0, 1, 2)
    assert rows[world.branch_b].month_missing == 1


def test_overview_shows_nothing_outside_the_scope(world, secretary_a, other_street_staff):
    assert {r.organization for r in compliance_overview(secretary_a, today=TODAY)} == {
        world.branch_a,
        world.group_a,
    }
    assert [r.organization for r in compliance_overview(other_street_staff, today=TODAY)] == [
        world.branch_d
    ]


def test_missing_now_lists_what_the_user_manages_and_is_not_yet_held(world, secretary_a):
    held(world.branch_a, "themed_party_day", D(2026, 11, 2))
    cells = missing_now_for(secretary_a, today=TODAY)
    assert [(c.organization_id, c.activity_type.code, c.period.key) for c in cells] == [
        (world.branch_a.pk, "branch_general_meeting", "2026-Q4"),
        (world.branch_a.pk, "party_lesson", "2026-Q4"),
        (world.group_a.pk, "party_group_meeting", "2026-11"),
    ]
    assert all(c.state == "due" for c in cells)


def test_period_of_frequency_helpers_agree_with_the_calendar():
    assert period_of(D(2026, 12, 31), Frequency.QUARTER).key == "2026-Q4"
