"""Attendance of an activity: members of the roll on the day, statuses, service hours, changes."""

import datetime
from decimal import Decimal as D

import pytest

from activities.models import Activity, Attendance
from activities.services.activities import activity_update
from activities.tests.support.recording import TODAY, TOMORROW, record, refusal
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def test_a_member_of_another_branch_is_refused_naming_the_member(world, community_staff, english):
    ours = MemberFactory(organization=world.branch_a)
    theirs = MemberFactory(organization=world.branch_b, name="王五")
    errors = refusal(
        lambda: record(
            community_staff,
            world.branch_a,
            [{"member": ours, "status": "present"}, {"member": theirs, "status": "present"}],
        )
    )
    assert errors["attendance"] == [
        f"Not on the roll of {world.branch_a.name} on 2026-11-26, so not recorded: 王五. "
        "Attendance is kept for the organization's own members."
    ]
    assert not Activity.objects.exists() and not Attendance.objects.exists()


def test_a_member_the_recorder_cannot_see_is_named_by_number_only(world, secretary_a, english):
    theirs = MemberFactory(organization=world.branch_c, name="赵六")
    errors = refusal(
        lambda: record(secretary_a, world.branch_a, [{"member": theirs, "status": "present"}])
    )
    assert f"#{theirs.pk}" in errors["attendance"][0] and "赵六" not in errors["attendance"][0]


def test_a_party_group_takes_only_its_own_members(world, secretary_a, english):
    in_group = MemberFactory(organization=world.branch_a, party_group=world.group_a)
    not_in_group = MemberFactory(organization=world.branch_a, name="李四")
    errors = refusal(
        lambda: record(
            secretary_a,
            world.group_a,
            [
                {"member": in_group, "status": "present"},
                {"member": not_in_group, "status": "leave"},
            ],
            code="party_group_meeting",
        )
    )
    assert "李四" in errors["attendance"][0]


def test_members_not_yet_or_no_longer_on_the_roll_that_day_are_refused(world, secretary_a, english):
    left = MemberFactory(organization=world.branch_a, name="已转出", left_on=TODAY)
    later = MemberFactory(
        organization=world.branch_a,
        name="新党员",
        status="probationary",
        joined_on=TOMORROW,
        full_member_on=None,
    )
    errors = refusal(
        lambda: record(
            secretary_a,
            world.branch_a,
            [{"member": left, "status": "present"}, {"member": later, "status": "present"}],
        )
    )
    assert "已转出" in errors["attendance"][0] and "新党员" in errors["attendance"][0]


def test_a_member_listed_twice_is_refused(world, secretary_a, english):
    member = MemberFactory(organization=world.branch_a, name="张三")
    errors = refusal(
        lambda: record(
            secretary_a,
            world.branch_a,
            [{"member": member, "status": "present"}, {"member": member.pk, "status": "leave"}],
        )
    )
    assert errors["attendance"] == ["Listed twice: 张三."]


def test_an_unknown_attendance_status_is_refused(world, secretary_a, english):
    member = MemberFactory(organization=world.branch_a)
    errors = refusal(
        lambda: record(secretary_a, world.branch_a, [{"member": member, "status": "late"}])
    )
    assert errors["attendance"][0].startswith("Choose present, absent with leave")


def test_service_hours_for_present_members_of_a_service_activity(world, secretary_a):
    came, excused = MemberFactory.create_batch(2, organization=world.branch_a)
    activity = record(
        secretary_a,
        world.branch_a,
        [
            {"member": came, "status": "present", "hours": "2.5"},
            {"member": excused, "status": "leave"},
        ],
        code="volunteer_service",
        people_served=30,
        network="medical",
    )
    assert activity.people_served == 30
    assert dict(activity.attendance.values_list("member_id", "hours")) == {
        came.pk: D("2.5"),
        excused.pk: None,
    }


HOURS_ONLY_FOR_SERVICE = "Service hours are recorded for service activities only (张三)."


HOURS_ONLY_PRESENT = "Only a member who was present has service hours (张三)."


HOURS_RANGE = "Service hours are more than 0 and at most 24, in tenths (张三)."


@pytest.mark.parametrize(
    ("code", "status", "hours", "message"),
    [
        ("branch_general_meeting", "present", "2", HOURS_ONLY_FOR_SERVICE),
        ("volunteer_service", "leave", "2", HOURS_ONLY_PRESENT),
        ("volunteer_service", "present", "25", HOURS_RANGE),
        ("volunteer_service", "present", "0", HOURS_RANGE),
        ("volunteer_service", "present", "1.25", HOURS_RANGE),
        ("volunteer_service", "present", "two", HOURS_RANGE),
        ("volunteer_service", "present", "NaN", HOURS_RANGE),
    ],
)
def test_wrong_service_hours_are_refused(world, secretary_a, english, code, status, hours, message):
    member = MemberFactory(organization=world.branch_a, name="张三")
    errors = refusal(
        lambda: record(
            secretary_a,
            world.branch_a,
            [{"member": member, "status": status, "hours": hours}],
            code=code,
        )
    )
    assert errors["attendance"] == [message]
    assert not Activity.objects.exists()


def test_people_served_only_for_service_activities(world, secretary_a, english):
    errors = refusal(lambda: record(secretary_a, world.branch_a, people_served=10))
    assert errors["people_served"] == ["People served are recorded for service activities."]


def test_updating_replaces_the_attendance(world, secretary_a):
    first, second = MemberFactory.create_batch(2, organization=world.branch_a)
    activity = record(secretary_a, world.branch_a, [{"member": first, "status": "present"}])
    activity_update(
        user=secretary_a,
        activity=activity,
        data={"topic": "新主题"},
        attendance=[{"member": second, "status": "absent"}],
    )
    activity.refresh_from_db()
    assert activity.topic == "新主题"
    assert list(activity.attendance.values_list("member_id", "status")) == [(second.pk, "absent")]


def test_updating_without_attendance_keeps_it(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    activity = record(secretary_a, world.branch_a, [{"member": member, "status": "present"}])
    activity_update(user=secretary_a, activity=activity, data={"place": "会议室"})
    assert activity.attendance.count() == 1


def test_a_member_who_moved_on_since_stays_on_an_old_record(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    activity = record(
        secretary_a,
        world.branch_a,
        [{"member": member, "status": "present"}],
        held_on=datetime.date(2026, 3, 1),
    )
    member.organization = world.branch_b
    member.save()
    activity_update(
        user=secretary_a,
        activity=activity,
        data={"topic": "更正"},
        attendance=[{"member": member, "status": "leave"}],
    )
    assert activity.attendance.get().status == "leave"


def test_attendance_rows_may_also_come_as_tuples(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    activity = record(secretary_a, world.branch_a, [(member.pk, "leave")])
    assert activity.attendance.get().status == "leave"
