"""Recording and changing an activity on its pages, with the roll and the attendance."""

import datetime

import pytest

from activities.models import Activity, Attachment, Attendance, ReportState
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    ReportFactory,
    activity_type,
)
from activities.tests.support.activities import away, form_data, jpeg, pdf, upload, url
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def test_the_form_shows_the_roll_of_the_secretarys_branch(client, world, secretary_a):
    here = MemberFactory(organization=world.branch_a, name="在岗党员")
    gone = MemberFactory(organization=world.branch_a, name="外出党员")
    away(gone)
    MemberFactory(organization=world.branch_b, name="B支部党员")
    client.force_login(secretary_a)
    response = client.get(url("activity_create"))
    assert response.context["organization"] == world.branch_a
    roll = {row["member"].pk: row for row in response.context["roll"]}
    assert set(roll) == {here.pk, gone.pk}
    assert roll[here.pk]["status"] == "present" and not roll[here.pk]["away"]
    assert roll[gone.pk]["away"] and roll[gone.pk]["status"] == "leave"
    page = response.content.decode()
    assert "away (mobile member)" in page or "流动党员" in page
    assert "B支部党员" not in page


def test_the_form_offers_only_types_of_the_organization_and_its_roll(client, world, secretary_a):
    in_group = MemberFactory(organization=world.branch_a, party_group=world.group_a)
    MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.get(url("activity_create", organization=world.group_a.pk))
    form = response.context["form"]
    codes = set(form.fields["activity_type"].queryset.values_list("code", flat=True))
    assert "party_group_meeting" in codes and "branch_general_meeting" not in codes
    assert [row["member"].pk for row in response.context["roll"]] == [in_group.pk]


def test_choosing_a_service_type_rerenders_with_hours(client, world, secretary_a):
    MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.get(
        url(
            "activity_create",
            organization=world.branch_a.pk,
            activity_type=activity_type("volunteer_service").pk,
        ),
        headers={"HX-Request": "true"},
    )
    assert response.context["show_service"] and 'name="hours-' in response.content.decode()
    assert 'id="activity-dependent"' in response.content.decode()


def test_another_branch_in_the_querystring_is_a_404(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(url("activity_create", organization=world.branch_b.pk)).status_code == 404


def test_those_who_manage_nothing_may_not_record(client, world, reader_a, no_post_user):
    for user in (reader_a, no_post_user):
        client.force_login(user)
        assert client.get(url("activity_create")).status_code == 403
        assert client.post(url("activity_create"), form_data(world.branch_a)).status_code == 403
    assert not Activity.objects.exists()


def test_recording_a_meeting_with_the_roll_and_photos(client, world, secretary_a):
    came, excused, missed = MemberFactory.create_batch(3, organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.post(
        url("activity_create"),
        {
            **form_data(world.branch_a),
            f"att-{came.pk}": "present",
            f"att-{excused.pk}": "leave",
            f"att-{missed.pk}": "absent",
            "attachments": [jpeg(), pdf()],
        },
    )
    activity = Activity.objects.get()
    assert response.status_code == 302 and response.url == url("activity_detail", activity.pk)
    assert dict(activity.attendance.values_list("member_id", "status")) == {
        came.pk: "present",
        excused.pk: "leave",
        missed.pk: "absent",
    }
    assert activity.attachments.count() == 2


def test_a_held_meeting_dated_tomorrow_is_refused_with_nothing_saved(
    client, world, secretary_a, english
):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.post(
        url("activity_create"),
        {**form_data(world.branch_a, held_on="2026-11-27"), f"att-{member.pk}": "present"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["held_on"] == [
        "An activity that was held cannot be dated in the future; record it as planned."
    ]
    assert not Activity.objects.exists()


def test_a_plan_for_tomorrow_ignores_the_roll(client, world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.post(
        url("activity_create"),
        {
            **form_data(world.branch_a, held_on="2026-11-27", status="planned"),
            f"att-{member.pk}": "present",
        },
    )
    assert response.status_code == 302
    plan = Activity.objects.get()
    assert plan.status == "planned" and not plan.attendance.exists()


def test_attendance_of_another_branchs_member_is_refused_on_the_page(
    client, world, community_staff, english
):
    stranger = MemberFactory(organization=world.branch_b, name="王五")
    client.force_login(community_staff)
    response = client.post(
        url("activity_create"), {**form_data(world.branch_a), f"att-{stranger.pk}": "present"}
    )
    assert response.status_code == 200
    assert "王五" in response.context["attendance_errors"][0]
    assert "王五" in response.content.decode()
    assert not Activity.objects.exists()


def test_an_exe_renamed_jpg_is_refused_on_the_page(client, world, secretary_a, english):
    client.force_login(secretary_a)
    response = client.post(
        url("activity_create"),
        {**form_data(world.branch_a), "attachments": [upload("photo.jpg", b"MZ" + b"\0" * 64)]},
    )
    assert response.status_code == 200
    assert "photo.jpg is not a photo" in response.context["form"].errors["attachments"][0]
    assert not Activity.objects.exists() and not Attachment.objects.exists()


def test_recording_for_another_branch_is_refused(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(url("activity_create"), form_data(world.branch_b))
    assert response.status_code == 200 and "organization" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_editing_keeps_and_changes_the_attendance(client, world, secretary_a):
    activity = ActivityFactory(organization=world.branch_a)
    member = MemberFactory(organization=world.branch_a)
    AttendanceFactory(activity=activity, member=member, status="absent")
    client.force_login(secretary_a)
    response = client.get(url("activity_edit", activity.pk))
    assert [(r["member"].pk, r["status"]) for r in response.context["roll"]] == [
        (member.pk, "absent")
    ]
    data = form_data(world.branch_a, held_on="2026-11-10", topic="改过的主题")
    response = client.post(url("activity_edit", activity.pk), {**data, f"att-{member.pk}": "leave"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.topic == "改过的主题"
    assert Attendance.objects.get().status == "leave"


def test_a_submitted_report_sends_the_editor_back_with_a_message(
    client, world, secretary_a, english
):
    activity = ActivityFactory(organization=world.branch_a)
    ReportFactory(activity=activity, state=ReportState.SUBMITTED)
    client.force_login(secretary_a)
    response = client.get(url("activity_edit", activity.pk), follow=True)
    assert response.redirect_chain[-1][0] == url("activity_detail", activity.pk)
    assert "waits for review" in " ".join(str(m) for m in response.context["messages"])
    response = client.post(url("activity_edit", activity.pk), form_data(world.branch_a, topic="x"))
    activity.refresh_from_db()
    assert activity.topic != "x"


def test_a_plan_whose_day_has_come_is_recorded_as_held(client, world, secretary_a):
    plan = ActivityFactory(
        organization=world.branch_a, status="planned", held_on=datetime.date(2026, 11, 26)
    )
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    detail = client.get(url("activity_detail", plan.pk))
    assert detail.context["may_mark_held"]
    response = client.get(url("activity_edit", plan.pk, status="held"))
    assert [r["member"].pk for r in response.context["roll"]] == [member.pk]
    data = form_data(world.branch_a, activity_type=plan.activity_type_id, status="held")
    response = client.post(url("activity_edit", plan.pk), {**data, f"att-{member.pk}": "present"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "held" and plan.attendance.count() == 1


def test_cancelling_a_plan(client, world, secretary_a):
    plan = ActivityFactory(
        organization=world.branch_a, status="planned", held_on=datetime.date(2026, 12, 1)
    )
    client.force_login(secretary_a)
    assert client.post(url("activity_cancel", plan.pk)).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "cancelled"
