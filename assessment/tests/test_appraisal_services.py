"""The appraisal services: opening (the roll, the year, one per branch and year), recording
counts, deciding (missing members named, grades, the meeting date, the cap at its boundary,
nothing saved on a refusal), the meeting counted by the compliance calendar, confirming by
the level above only, and the follow-up of a member graded failing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from activities.models import Activity, ActivityType
from activities.selectors.compliance import compliance_calendar
from activities.tests.factories import ActivityFactory
from assessment.models import Appraisal, AppraisalFollowUp, AppraisalState
from assessment.services.appraisals import (
    appraisal_confirm,
    appraisal_decide,
    appraisal_open,
    appraisal_sync_list,
    entries_record,
    follow_up_record,
    top_share_error,
)
from assessment.tests.support.appraisals import MEETING, TODAY, graded, members, opened
from members.errors import RuleError
from members.tests.factories import MemberFactory

D = datetime.date
pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(TODAY)


def test_opening_puts_the_roll_on_the_list(world, secretary_a):
    left = MemberFactory(organization=world.branch_a, left_on=D(2026, 3, 1))
    appraisal, entries = opened(secretary_a, world.branch_a, 3)
    assert appraisal.state == AppraisalState.OPEN and appraisal.excellent_cap_percent is None
    assert len(entries) == 3 and left.pk not in {e.member_id for e in entries}


def test_opening_refuses_a_second_appraisal_a_future_year_and_another_branch(world, secretary_a):
    opened(secretary_a, world.branch_a, 2)
    with pytest.raises(RuleError) as error:
        appraisal_open(user=secretary_a, organization=world.branch_a, year=2026)
    assert "year" in error.value.message_dict
    with pytest.raises(RuleError) as error:
        appraisal_open(user=secretary_a, organization=world.branch_a, year=2027)
    assert "year" in error.value.message_dict
    members(world.branch_b, 2)
    with pytest.raises(PermissionDenied):
        appraisal_open(user=secretary_a, organization=world.branch_b, year=2026)


def test_opening_refuses_a_branch_without_members_and_a_community(world, community_staff):
    with pytest.raises(RuleError) as error:
        appraisal_open(user=community_staff, organization=world.branch_b, year=2026)
    assert "organization" in error.value.message_dict
    with pytest.raises(RuleError) as error:
        appraisal_open(user=community_staff, organization=world.community1, year=2026)
    assert "organization" in error.value.message_dict
    assert not Appraisal.objects.exists()


def test_counts_cannot_exceed_the_members_appraised(world, secretary_a):
    appraisal, entries = opened(secretary_a, world.branch_a, 4)
    first = entries[0]
    entries_record(
        user=secretary_a,
        appraisal=appraisal,
        rows={
            first.pk: {"self_assessment": "认真学习", "votes_excellent": 3, "votes_qualified": 1}
        },
    )
    first.refresh_from_db()
    assert (first.self_assessment, first.votes_total) == ("认真学习", 4)
    with pytest.raises(RuleError) as error:
        entries_record(
            user=secretary_a,
            appraisal=appraisal,
            rows={first.pk: {"votes_excellent": 4, "votes_basic": 1}},
        )
    assert "6" in error.value.message_dict["votes_excellent"][0]
    with pytest.raises(RuleError) as error:
        entries_record(user=secretary_a, appraisal=appraisal, rows={first.pk: {"votes_basic": -1}})
    assert "votes_basic" in error.value.message_dict
    first.refresh_from_db()
    assert first.votes_excellent == 3


def test_deciding_names_the_members_missing_from_the_list(world, secretary_a):
    appraisal, entries = opened(secretary_a, world.branch_a, 3)
    late = MemberFactory(organization=world.branch_a, name="晚来")
    with pytest.raises(RuleError) as error:
        appraisal_decide(
            user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=graded(entries)
        )
    assert "晚来" in error.value.message_dict["entries"][0]
    assert appraisal_sync_list(user=secretary_a, appraisal=appraisal) == (1, 0)
    entries = list(appraisal.entries.order_by("pk"))
    assert late.pk in {e.member_id for e in entries}
    appraisal_decide(
        user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=graded(entries)
    )


@pytest.mark.parametrize(
    ("meeting_date", "refused"),
    [
        (None, True),
        (D(2025, 12, 30), True),
        (D(2026, 11, 21), True),  # tomorrow
        (D(2026, 11, 20), False),  # today
        (D(2026, 1, 1), False),
    ],
)
def test_deciding_needs_the_meetings_date_within_the_year_and_not_ahead(
    world, secretary_a, meeting_date, refused
):
    appraisal, entries = opened(secretary_a, world.branch_a, 2)
    if refused:
        with pytest.raises(RuleError) as error:
            appraisal_decide(
                user=secretary_a,
                appraisal=appraisal,
                meeting_date=meeting_date,
                grades=graded(entries),
            )
        assert "meeting_date" in error.value.message_dict
        assert not Activity.objects.exists()
    else:
        appraisal_decide(
            user=secretary_a, appraisal=appraisal, meeting_date=meeting_date, grades=graded(entries)
        )


def test_deciding_needs_every_member_graded_and_saves_nothing_otherwise(world, secretary_a):
    appraisal, entries = opened(secretary_a, world.branch_a, 3)
    grades = graded(entries)
    grades.pop(entries[2].pk)
    with pytest.raises(RuleError) as error:
        appraisal_decide(user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=grades)
    assert entries[2].member.name in error.value.message_dict["grade"][0]
    assert not appraisal.entries.filter(grade__isnull=False).exists()
    appraisal.refresh_from_db()
    assert appraisal.state == AppraisalState.OPEN


@pytest.mark.parametrize(("top", "refused"), [(3, False), (4, True)])
def test_the_cap_of_30_percent_takes_3_of_10_and_refuses_4(world, secretary_a, top, refused):
    appraisal, entries = opened(secretary_a, world.branch_a, 10, excellent_cap_percent=30)
    grades = graded(entries, top=top)
    if refused:
        with pytest.raises(RuleError) as error:
            appraisal_decide(
                user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=grades
            )
        message = error.value.message_dict["grade"][0]
        assert "4" in message and "10" in message and "30" in message and "3" in message
    else:
        appraisal_decide(user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=grades)
        assert appraisal.entries.filter(grade__is_top=True).count() == 3


def test_top_share_error_without_a_cap_is_none():
    assert top_share_error(10, 10, None) is None
    assert top_share_error(1, 3, 33) is not None and top_share_error(1, 3, 34) is None


def test_the_decided_meeting_meets_the_years_requirement_in_the_calendar(world, secretary_a):
    def appraisal_state():
        calendar = compliance_calendar(world.branch_a, 2026, today=D(2026, 11, 20))
        row = next(
            r
            for r in calendar.rows
            if r.activity_type.code == "democratic_appraisal" and r.requirement == "frequency"
        )
        return row.cells[0].state

    appraisal, entries = opened(secretary_a, world.branch_a, 4)
    assert appraisal_state() != "held"
    appraisal_decide(
        user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=graded(entries, 1, 1)
    )
    assert appraisal_state() == "held"
    appraisal.refresh_from_db()
    assert appraisal.activity.held_on == MEETING and appraisal.state == AppraisalState.DECIDED
    follow_up = AppraisalFollowUp.objects.get()
    assert follow_up.entry.grade.is_failing
    with pytest.raises(RuleError):
        entries_record(user=secretary_a, appraisal=appraisal, rows={})


def test_a_meeting_already_recorded_that_day_is_linked_not_doubled(world, secretary_a):
    recorded = ActivityFactory(
        organization=world.branch_a,
        activity_type=ActivityType.objects.get(code="democratic_appraisal"),
        held_on=MEETING,
    )
    appraisal, entries = opened(secretary_a, world.branch_a, 2)
    appraisal = appraisal_decide(
        user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=graded(entries)
    )
    assert appraisal.activity == recorded and Activity.objects.count() == 1


def test_the_level_above_confirms_and_the_branch_does_not(world, secretary_a, community_staff):
    appraisal, entries = opened(secretary_a, world.branch_a, 2)
    with pytest.raises(RuleError):
        appraisal_confirm(user=community_staff, appraisal=appraisal)  # not decided yet
    appraisal_decide(
        user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=graded(entries)
    )
    with pytest.raises(PermissionDenied):
        appraisal_confirm(user=secretary_a, appraisal=appraisal)
    appraisal = appraisal_confirm(user=community_staff, appraisal=appraisal)
    assert appraisal.state == AppraisalState.CONFIRMED and appraisal.confirmed_by == community_staff


def test_the_follow_up_needs_measures_a_deadline_and_an_outcome_to_close(world, secretary_a):
    appraisal, entries = opened(secretary_a, world.branch_a, 3)
    appraisal_decide(
        user=secretary_a, appraisal=appraisal, meeting_date=MEETING, grades=graded(entries, 0, 1)
    )
    follow_up = AppraisalFollowUp.objects.get()
    with pytest.raises(RuleError) as error:
        follow_up_record(user=secretary_a, follow_up=follow_up, measures="", deadline=None)
    assert {"measures", "deadline"} <= error.value.message_dict.keys()
    with pytest.raises(RuleError) as error:
        follow_up_record(
            user=secretary_a, follow_up=follow_up, measures="谈心谈话", deadline=D(2026, 11, 17)
        )
    assert "deadline" in error.value.message_dict
    with pytest.raises(RuleError) as error:
        follow_up_record(
            user=secretary_a,
            follow_up=follow_up,
            measures="谈心谈话",
            deadline=D(2027, 5, 18),
            close=True,
        )
    assert "outcome" in error.value.message_dict
    follow_up = follow_up_record(
        user=secretary_a,
        follow_up=follow_up,
        measures="谈心谈话，限期改正",
        deadline=D(2027, 5, 18),
        outcome="已改正，表现合格",
        close=True,
    )
    assert follow_up.is_closed
    with pytest.raises(RuleError):
        follow_up_record(
            user=secretary_a, follow_up=follow_up, measures="再次", deadline=D(2027, 5, 18)
        )
