"""Recording and changing activities: dates, attendance, speakers, reports that lock, files."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from activities.models import (
    Activity,
    ActivityStatus,
    Attachment,
    Attendance,
    ReportState,
)
from activities.services.activities import (
    activity_cancel,
    activity_mark_held,
    activity_record,
    activity_update,
    attachment_add,
    attachment_delete,
    attachments_add,
)
from activities.tests.factories import (
    ActivityFactory,
    ProjectFactory,
    ReportFactory,
    activity_type,
)
from activities.tests.factories_activities import (
    jpeg,
    member_with_account,
    pdf,
    upload,
)
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory

TODAY = datetime.date(2026, 11, 26)
TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def data(code="branch_general_meeting", **fields):
    return {
        "activity_type": activity_type(code),
        "status": ActivityStatus.HELD,
        "held_on": TODAY,
        "topic": "学习党章",
        "place": "党群服务中心",
        **fields,
    }


def record(user, organization, attendance=(), attachments=(), **fields):
    return activity_record(
        user=user,
        organization=organization,
        data=data(**fields),
        attendance=attendance,
        attachments=attachments,
    )


def refusal(call) -> dict:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


# Dates


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


# Who may record


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


# Attendance


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


# Speaker


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


# Project


def test_a_project_of_another_community_is_refused(world, secretary_a, english):
    other = ProjectFactory(community=world.branch_c.community)
    errors = refusal(lambda: record(secretary_a, world.branch_a, project=other))
    assert errors["project"] == ["The project belongs to another community."]
    ours = ProjectFactory(community=world.branch_a.community)
    assert record(secretary_a, world.branch_a, project=ours).project == ours


# Changing


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


@pytest.mark.parametrize(
    ("state", "locked"),
    [
        (ReportState.DRAFT, False),
        (ReportState.RETURNED, False),
        (ReportState.SUBMITTED, True),
        (ReportState.APPROVED, True),
    ],
)
def test_a_submitted_or_approved_report_makes_the_activity_read_only(
    world, secretary_a, english, state, locked
):
    activity = ActivityFactory(organization=world.branch_a)
    ReportFactory(activity=activity, state=state)
    change = lambda: activity_update(user=secretary_a, activity=activity, data={"topic": "改"})  # noqa: E731
    if locked:
        errors = refusal(change)
        assert "read-only" in errors["__all__"][0] or "cannot be changed" in errors["__all__"][0]
        activity.refresh_from_db()
        assert activity.topic != "改"
    else:
        change()
        activity.refresh_from_db()
        assert activity.topic == "改"


def test_an_approved_report_refuses_attachments_and_their_removal(world, secretary_a, english):
    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(user=secretary_a, activity=activity, uploaded_file=jpeg())
    ReportFactory(activity=activity, state=ReportState.APPROVED)
    assert "__all__" in refusal(
        lambda: attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    )
    assert "__all__" in refusal(lambda: attachment_delete(user=secretary_a, attachment=attachment))
    assert Attachment.objects.count() == 1


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


# Plans


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


# Attachments


def test_photos_and_pdfs_are_stored_with_the_record(world, secretary_a):
    activity = record(secretary_a, world.branch_a, attachments=[jpeg("现场.jpg"), pdf()])
    stored = list(activity.attachments.order_by("id"))
    assert [(a.kind, a.content_type, a.original_name) for a in stored] == [
        ("image", "image/jpeg", "现场.jpg"),
        ("pdf", "application/pdf", "minutes.pdf"),
    ]
    assert all(default_storage.exists(a.file.name) for a in stored)
    assert stored[0].file.name.endswith(".jpg") and "现场" not in stored[0].file.name


def test_one_bad_file_saves_nothing_at_all(world, secretary_a, english):
    exe = upload("photo.jpg", b"MZ" + b"\x00" * 100)
    member = MemberFactory(organization=world.branch_a)
    errors = refusal(
        lambda: record(
            secretary_a,
            world.branch_a,
            [{"member": member, "status": "present"}],
            attachments=[jpeg(), exe],
        )
    )
    assert "photo.jpg is not a photo" in errors["attachments"][0]
    assert not Activity.objects.exists() and not Attachment.objects.exists()


def test_the_attachment_count_is_limited(world, secretary_a, english):
    from activities.rules import ATTACHMENTS_PER_ACTIVITY
    from policies.models import Policy

    Policy.objects.update_or_create(key=ATTACHMENTS_PER_ACTIVITY.key, defaults={"value": 2})
    activity = ActivityFactory(organization=world.branch_a)
    attachments_add(user=secretary_a, activity=activity, files=[jpeg(), pdf()])
    errors = refusal(
        lambda: attachment_add(user=secretary_a, activity=activity, uploaded_file=jpeg())
    )
    assert errors["attachments"][0].startswith("An activity has at most 2 attachments")


def test_removing_an_attachment_removes_its_file(
    world, secretary_a, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    name = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(user=secretary_a, attachment=attachment)
    assert not Attachment.objects.exists() and not default_storage.exists(name)


def test_another_branch_cannot_add_or_remove_attachments(world, secretary_a, secretary_b):
    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    with pytest.raises(PermissionDenied):
        attachment_add(user=secretary_b, activity=activity, uploaded_file=pdf())
    with pytest.raises(PermissionDenied):
        attachment_delete(user=secretary_b, attachment=attachment)


def test_attendance_rows_may_also_come_as_tuples(world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    activity = record(secretary_a, world.branch_a, [(member.pk, "leave")])
    assert activity.attendance.get().status == "leave"


def _photo_with_location() -> bytes:
    """A JPEG as a phone takes it: lying on its side (orientation 6) with the place in EXIF."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn 90° to show it upright
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (31.0, 14.0, 2.5)  # latitude
    gps[3], gps[4] = "E", (121.0, 28.0, 7.1)  # longitude
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (183, 28, 28)).save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_photos_are_stored_without_their_metadata_and_upright(world, secretary_a):
    from PIL import Image

    from activities.tests.factories_activities import upload

    raw = _photo_with_location()
    with Image.open(io.BytesIO(raw)) as taken:
        assert taken.getexif().get_ifd(0x8825)  # the place is in the upload
    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(
        user=secretary_a, activity=activity, uploaded_file=upload("home.jpg", raw, "image/jpeg")
    )

    with attachment.file.open("rb") as stored, Image.open(stored) as image:
        assert not image.getexif()  # no camera, no time, no place
        assert image.size == (20, 40)  # turned upright as the camera meant
    assert attachment.size == attachment.file.size


def test_pdfs_are_stored_as_they_came(world, secretary_a):
    from activities.tests.factories_activities import PDF

    activity = ActivityFactory(organization=world.branch_a)
    attachment = attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF
