"""Recording and changing activities: dates, who may record, speakers, projects, plans."""

import pytest
from django.core.exceptions import PermissionDenied

from activities.models import Activity, ActivityStatus, Attendance
from activities.services.activities import activity_cancel, activity_mark_held, activity_update
from activities.tests.factories import ActivityFactory, ProjectFactory, activity_type
from activities.tests.support.activities import member_with_account
from activities.tests.support.recording import TOMORROW, record, refusal
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def test_an_activity_held_today_is_recorded(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    activity = record(secretary_a, world.branch_a, [{"member": member, "status": "present"}])
    assert activity.status == ActivityStatus.HELD and activity.recorded_by == secretary_a
    assert list(activity.attendance.values_list("member_id", "status")) == [(member.pk, "present")]


def test_an_activity_held_tomorrow_is_refused_and_nothing_is_saved(world, secretary_a, english):
    member = MemberFactory(organization=world.branch_a)
    errors = refusal(
        lambda: record(
            secretary_a, world.branch_a, [{"member": member, "status": "present"}], held_on=TOMORROW
        )
    )
    assert errors["held_on"] == [
        "An activity that was held cannot be dated in the future; record it as planned."
    ]
    assert not Activity.objects.exists() and not Attendance.objects.exists()


def test_a_plan_for_tomorrow_is_recorded_without_attendance(world, secretary_a, english):
    plan = record(secretary_a, world.branch_a, status=ActivityStatus.PLANNED, held_on=TOMORROW)
    assert plan.status == ActivityStatus.PLANNED
    member = MemberFactory(organization=world.branch_a)
    errors = refusal(
        lambda: record(
            secretary_a,
            world.branch_a,
            [{"member": member, "status": "present"}],
            status=ActivityStatus.PLANNED,
            held_on=TOMORROW,
        )
    )
    assert errors["attendance"] == ["Attendance is recorded once the activity is held."]


def test_an_activity_cannot_be_recorded_as_cancelled(world, secretary_a, english):
    errors = refusal(lambda: record(secretary_a, world.branch_a, status=ActivityStatus.CANCELLED))
    assert errors["status"] == ["Record an activity as held or as planned."]


def test_a_type_the_organization_does_not_hold_is_refused(world, secretary_a, english):
    errors = refusal(lambda: record(secretary_a, world.group_a, code="branch_general_meeting"))
    assert "activity_type" in errors


def test_another_branch_is_refused(world, secretary_a, english):
    errors = refusal(lambda: record(secretary_a, world.branch_b))
    assert errors["organization"] == [
        "You may record activities only for organizations you manage."
    ]
    assert not Activity.objects.exists()


def test_a_committee_member_who_may_only_read_is_refused(world, english):
    reader = PostFactory(organization=world.branch_a, role=Role.COMMITTEE_MEMBER).user
    assert "organization" in refusal(lambda: record(reader, world.branch_a))


def test_community_staff_record_for_a_branch_below(world, community_staff):
    assert record(community_staff, world.branch_b).organization == world.branch_b


def test_the_secretary_as_speaker_is_known_from_the_posts(world, secretary_a):
    speaker = MemberFactory(organization=world.branch_a, user=secretary_a)
    lesson = record(
        secretary_a,
        world.branch_a,
        code="party_lesson",
        speaker=speaker,
        speaker_is_secretary=False,
    )
    assert lesson.speaker_is_secretary is True


def test_a_speaker_with_an_account_but_no_secretary_post_is_not_the_secretary(world, secretary_a):
    speaker = member_with_account(world.branch_a, "member_x")
    lesson = record(
        secretary_a, world.branch_a, code="party_lesson", speaker=speaker, speaker_is_secretary=True
    )
    assert lesson.speaker_is_secretary is False


def test_a_speaker_without_an_account_is_as_ticked(world, secretary_a):
    speaker = MemberFactory(organization=world.branch_a)
    lesson = record(
        secretary_a, world.branch_a, code="party_lesson", speaker=speaker, speaker_is_secretary=True
    )
    assert lesson.speaker_is_secretary is True


def test_the_branch_secretary_speaking_to_its_party_group_counts(world, secretary_a):
    lesson_type = activity_type("party_lesson")
    lesson_type.applies_to = [*lesson_type.applies_to, "party_group"]
    lesson_type.save()
    speaker = MemberFactory(organization=world.branch_a, user=secretary_a)
    lesson = record(secretary_a, world.group_a, code="party_lesson", speaker=speaker)
    assert lesson.speaker_is_secretary is True


def test_speaker_fields_are_dropped_for_types_without_a_speaker(world, secretary_a):
    activity = record(secretary_a, world.branch_a, speaker_name="外请专家")
    assert activity.speaker_name == "" and activity.speaker is None


def test_a_speaker_the_recorder_cannot_see_is_refused(world, secretary_a, english):
    stranger = MemberFactory(organization=world.branch_c)
    errors = refusal(
        lambda: record(secretary_a, world.branch_a, code="party_lesson", speaker=stranger)
    )
    assert "speaker" in errors


def test_a_project_of_another_community_is_refused(world, secretary_a, english):
    other = ProjectFactory(community=world.branch_c.community)
    errors = refusal(lambda: record(secretary_a, world.branch_a, project=other))
    assert errors["project"] == ["The project belongs to another community."]
    ours = ProjectFactory(community=world.branch_a.community)
    assert record(secretary_a, world.branch_a, project=ours).project == ours


def test_another_branchs_activity_cannot_be_changed(world, secretary_b):
    activity = ActivityFactory(organization=world.branch_a)
    with pytest.raises(PermissionDenied):
        activity_update(user=secretary_b, activity=activity, data={"topic": "x"})


def test_a_held_activity_does_not_become_a_plan_again(world, secretary_a, english):
    activity = ActivityFactory(organization=world.branch_a)
    errors = refusal(
        lambda: activity_update(
            user=secretary_a, activity=activity, data={"status": ActivityStatus.PLANNED}
        )
    )
    assert errors["status"] == ["An activity that was held cannot become a plan again."]


def test_a_plan_is_marked_held_from_its_day(world, secretary_a, english, time_machine):
    member = MemberFactory(organization=world.branch_a)
    plan = record(secretary_a, world.branch_a, status=ActivityStatus.PLANNED, held_on=TOMORROW)
    errors = refusal(lambda: activity_mark_held(user=secretary_a, activity=plan))
    assert errors["held_on"] == [
        "The activity is planned for 2026-11-27; mark it held from that day."
    ]
    time_machine.move_to("2026-11-27 08:00 +08:00", tick=False)
    held = activity_mark_held(
        user=secretary_a, activity=plan, attendance=[{"member": member, "status": "present"}]
    )
    assert held.status == ActivityStatus.HELD and held.attendance.count() == 1


def test_only_a_plan_is_cancelled(world, secretary_a, english):
    plan = record(secretary_a, world.branch_a, status=ActivityStatus.PLANNED, held_on=TOMORROW)
    assert activity_cancel(user=secretary_a, activity=plan).status == ActivityStatus.CANCELLED
    assert "status" in refusal(lambda: activity_cancel(user=secretary_a, activity=plan))
    held = ActivityFactory(organization=world.branch_a)
    assert refusal(lambda: activity_cancel(user=secretary_a, activity=held))["status"] == [
        "Only a planned activity can be cancelled; this one is held."
    ]
    assert "__all__" in refusal(
        lambda: activity_update(user=secretary_a, activity=plan, data={"topic": "x"})
    )
