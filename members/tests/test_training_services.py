"""Planning courses and sessions and recording attendance: the rules and what is refused."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import UserFactory
from members.models import TrainingAttendance, TrainingCourse, TrainingLevel, TrainingSession
from members.services.training import (
    attendance_record,
    attendance_remove,
    attendance_update,
    course_create,
    session_add,
)
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


def course_of(org, **kwargs):
    values = {
        "title": "学习党章",
        "starts_on": datetime.date(2025, 1, 1),
        "ends_on": datetime.date(2025, 12, 31),
        "planned_hours": D("32"),
    }
    values.update(kwargs)
    return TrainingCourse.objects.create(
        organization=org, level=values.pop("level", TrainingLevel.BRANCH), **values
    )


def session_of(course, held_on=datetime.date(2025, 6, 1), hours="4"):
    return TrainingSession.objects.create(
        course=course, held_on=held_on, topic="专题党课", hours=D(hours)
    )


def test_the_level_of_a_course_follows_its_organizer(world, street_staff, secretary_a):
    street = course_create(
        actor=street_staff,
        organization=world.street_committee1,
        title="街道集中轮训",
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2025, 3, 3),
        planned_hours=D("24"),
    )
    branch = course_create(
        actor=secretary_a,
        organization=world.branch_a,
        title="支部学习",
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2025, 3, 1),
        planned_hours=D("2"),
    )
    assert (street.level, branch.level) == (TrainingLevel.STREET, TrainingLevel.BRANCH)


def test_a_course_of_another_branch_or_a_party_group_is_refused(world, secretary_a):
    fields = {
        "title": "x",
        "starts_on": datetime.date(2025, 3, 1),
        "ends_on": datetime.date(2025, 3, 1),
        "planned_hours": D("2"),
    }
    with pytest.raises(ValidationError) as error:
        course_create(actor=secretary_a, organization=world.branch_b, **fields)
    assert "organization" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        course_create(actor=secretary_a, organization=world.group_a, **fields)
    assert "organization" in error.value.message_dict
    assert not TrainingCourse.objects.exists()


def test_a_course_ending_before_it_starts_is_refused(world, secretary_a):
    with pytest.raises(ValidationError):
        course_create(
            actor=secretary_a,
            organization=world.branch_a,
            title="x",
            starts_on=datetime.date(2025, 3, 2),
            ends_on=datetime.date(2025, 3, 1),
            planned_hours=D("2"),
        )
    assert not TrainingCourse.objects.exists()


def test_a_session_outside_the_course_dates_is_refused(world, secretary_a):
    course = course_of(world.branch_a, ends_on=datetime.date(2025, 6, 30))
    with pytest.raises(ValidationError) as error:
        session_add(
            actor=secretary_a,
            course=course,
            held_on=datetime.date(2025, 7, 1),
            topic="x",
            hours=D("2"),
        )
    assert "2025-06-30" in error.value.message_dict["held_on"][0]
    session_add(
        actor=secretary_a,
        course=course,
        held_on=datetime.date(2025, 6, 30),
        topic="x",
        hours=D("2"),
    )


def test_a_reader_cannot_add_a_session(world):
    reader = UserFactory()
    PostFactory(user=reader, organization=world.branch_a, role=Role.COMMITTEE_MEMBER)
    with pytest.raises(PermissionDenied):
        session_add(
            actor=reader,
            course=course_of(world.branch_a),
            held_on=datetime.date(2025, 6, 1),
            topic="x",
            hours=D("2"),
        )


def test_attendance_credits_the_session_hours_by_default(world, secretary_a):
    session = session_of(course_of(world.branch_a), hours="3.5")
    members = MemberFactory.create_batch(2, organization=world.branch_a)
    change = attendance_record(actor=secretary_a, session=session, members=members)
    assert change.created == 2
    assert set(TrainingAttendance.objects.values_list("hours", flat=True)) == {D("3.5")}


def test_recording_attendance_twice_adds_nothing(world, secretary_a):
    session = session_of(course_of(world.branch_a))
    members = MemberFactory.create_batch(2, organization=world.branch_a)
    attendance_record(actor=secretary_a, session=session, members=members)
    again = attendance_record(actor=secretary_a, session=session, members=members)
    assert again.created == 0
    assert TrainingAttendance.objects.count() == 2


def test_attendance_hours_above_the_session_hours_are_refused(world, secretary_a):
    session = session_of(course_of(world.branch_a), hours="4")
    member = MemberFactory(organization=world.branch_a)
    with pytest.raises(ValidationError) as error:
        attendance_record(actor=secretary_a, session=session, members=[member], hours=D("4.5"))
    assert "4.0" in error.value.message_dict["hours"][0]
    assert not TrainingAttendance.objects.exists()
    attendance_record(actor=secretary_a, session=session, members=[member], hours=D("4"))
    assert TrainingAttendance.objects.get().hours == D("4")


def test_a_member_of_another_branch_cannot_attend_a_branch_course(world, street_staff):
    session = session_of(course_of(world.branch_a))
    mine = MemberFactory(organization=world.branch_a)
    other = MemberFactory(organization=world.branch_b)
    with pytest.raises(ValidationError) as error:
        attendance_record(actor=street_staff, session=session, members=[mine, other])
    assert other.name in error.value.message_dict["members"][0]
    assert not TrainingAttendance.objects.exists()


def test_a_branch_secretary_records_their_members_at_a_street_course(world, secretary_a):
    course = course_of(world.street_committee1, level=TrainingLevel.STREET)
    session = session_of(course)
    mine = MemberFactory(organization=world.branch_a)
    assert attendance_record(actor=secretary_a, session=session, members=[mine]).created == 1
    other = MemberFactory(organization=world.branch_b)
    with pytest.raises(ValidationError):
        attendance_record(actor=secretary_a, session=session, members=[other])


def test_a_member_who_left_the_roll_is_refused(world, secretary_a):
    session = session_of(course_of(world.branch_a))
    gone = MemberFactory(organization=world.branch_a, left_on=datetime.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        attendance_record(actor=secretary_a, session=session, members=[gone])


def test_attendance_of_a_session_not_yet_held_is_refused(world, secretary_a):
    session = session_of(course_of(world.branch_a), held_on=datetime.date(2025, 6, 16))
    with pytest.raises(ValidationError) as error:
        attendance_record(
            actor=secretary_a, session=session, members=[MemberFactory(organization=world.branch_a)]
        )
    assert "2025-06-16" in error.value.message_dict["session"][0]


def test_a_course_out_of_sight_is_refused(world, secretary_b):
    session = session_of(course_of(world.branch_a))
    with pytest.raises(PermissionDenied):
        attendance_record(actor=secretary_b, session=session, members=[])


def test_removing_an_attendance(world, secretary_a, secretary_b):
    session = session_of(course_of(world.branch_a))
    attendance_record(
        actor=secretary_a, session=session, members=[MemberFactory(organization=world.branch_a)]
    )
    row = TrainingAttendance.objects.get()
    with pytest.raises(PermissionDenied):
        attendance_remove(actor=secretary_b, attendance=row)
    attendance_remove(actor=secretary_a, attendance=row)
    assert not TrainingAttendance.objects.exists()


def test_the_attendance_form_adds_the_ticked_and_removes_the_unticked(world, secretary_a):
    session = session_of(course_of(world.branch_a))
    a, b, c = MemberFactory.create_batch(3, organization=world.branch_a)
    attendance_record(actor=secretary_a, session=session, members=[a, b])
    change = attendance_update(
        actor=secretary_a, session=session, shown=[a.pk, b.pk, c.pk], present=[a.pk, c.pk]
    )
    assert (change.created, change.removed) == (1, 1)
    assert set(TrainingAttendance.objects.values_list("member_id", flat=True)) == {a.pk, c.pk}
