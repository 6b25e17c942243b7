"""Activity pages through their URLs: the list, recording with the roll, the activity's page,
changing it, and its attachments."""

import datetime

import pytest
from django.urls import reverse

from activities.models import Activity, ActivityStatus, Attachment, Attendance, ReportState
from activities.services.activities import attachment_add
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    ReportFactory,
    activity_type,
)
from activities.tests.factories_activities import (
    jpeg,
    pdf,
    upload,
)
from members.models import MobileMember
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


@pytest.fixture
def reader_a(world):
    return PostFactory(organization=world.branch_a, role=Role.COMMITTEE_MEMBER).user


def url(name, *args, **query):
    address = reverse(f"activities:{name}", args=args)
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def away(member, since=datetime.date(2026, 6, 1)):
    return MobileMember.objects.create(
        organization=member.organization,
        direction="out",
        category="migrant_worker",
        member=member,
        whereabouts="深圳",
        away_since=since,
    )


def form_data(organization, code="branch_general_meeting", **fields):
    return {
        "organization": organization.pk,
        "activity_type": activity_type(code).pk,
        "status": "held",
        "held_on": "2026-11-26",
        "topic": "学习二十大精神",
        "place": "党群服务中心",
        "form": "discussion",
        **fields,
    }


# The list


def test_the_list_shows_the_scope_only(client, world, secretary_a):
    ours = ActivityFactory(organization=world.branch_a, topic="A的活动")
    ActivityFactory(organization=world.branch_b, topic="B的活动")
    client.force_login(secretary_a)
    response = client.get(url("activity_list"))
    assert [a.pk for a in response.context["page"]] == [ours.pk]
    assert "B的活动" not in response.content.decode()


def test_the_list_filters(client, world, community_staff):
    lesson = ActivityFactory(
        organization=world.branch_a,
        activity_type=activity_type("party_lesson"),
        topic="党课：初心",
        held_on=datetime.date(2026, 10, 5),
    )
    day = ActivityFactory(organization=world.branch_b, topic="主题党日", place="红色教育基地")
    plan = ActivityFactory(
        organization=world.branch_a,
        status=ActivityStatus.PLANNED,
        held_on=datetime.date(2026, 12, 3),
        topic="计划",
    )
    client.force_login(community_staff)

    def listed(**query):
        return {a.pk for a in client.get(url("activity_list", **query)).context["page"]}

    assert listed() == {lesson.pk, day.pk, plan.pk}
    assert listed(organization=world.branch_a.pk) == {lesson.pk, plan.pk}
    assert listed(activity_type=activity_type("party_lesson").pk) == {lesson.pk}
    assert listed(status="planned") == {plan.pk}
    assert listed(date_from="2026-11-01", date_to="2026-11-30") == {day.pk}
    assert listed(q="红色") == {day.pk}


def test_the_list_shows_attendance_attachments_and_report_state(client, world, secretary_a):
    activity = ActivityFactory(organization=world.branch_a)
    came, excused = MemberFactory.create_batch(2, organization=world.branch_a)
    AttendanceFactory(activity=activity, member=came)
    AttendanceFactory(activity=activity, member=excused, status="leave")
    attachment_add(user=secretary_a, activity=activity, uploaded_file=pdf())
    ReportFactory(activity=activity, state=ReportState.RETURNED)
    client.force_login(secretary_a)
    [row] = client.get(url("activity_list")).context["page"]
    assert (row.attendance_counts.present, row.attendance_counts.expected) == (1, 2)
    assert row.attachment_count == 1 and row.report_state == "returned"


def test_the_list_query_count_does_not_grow(client, world, secretary_a, django_assert_num_queries):
    def add(n):
        for _ in range(n):
            activity = ActivityFactory(organization=world.branch_a)
            AttendanceFactory(activity=activity, member=MemberFactory(organization=world.branch_a))
            ReportFactory(activity=activity)

    add(2)
    client.force_login(secretary_a)
    client.get(url("activity_list"))
    # session, user, posts, grid assignments, count, page, attendance figures, may record,
    # navbar reminder count, the filter's organizations and types
    with django_assert_num_queries(11):
        assert len(client.get(url("activity_list")).context["page"]) == 2
    add(12)
    with django_assert_num_queries(11):
        assert len(client.get(url("activity_list")).context["page"]) == 14


def test_anonymous_users_are_sent_to_log_in(client, world):
    response = client.get(url("activity_list"))
    assert response.status_code == 302 and "login" in response.url


# Recording


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


# The activity's page


def test_the_page_shows_attendance_figures_with_the_away_member_left_out(
    client, world, secretary_a
):
    activity = ActivityFactory(organization=world.branch_a)
    came, missed, gone = MemberFactory.create_batch(3, organization=world.branch_a)
    away(gone)
    AttendanceFactory(activity=activity, member=came)
    AttendanceFactory(activity=activity, member=missed, status="absent")
    AttendanceFactory(activity=activity, member=gone, status="absent")
    attachment_add(user=secretary_a, activity=activity, uploaded_file=jpeg())
    client.force_login(secretary_a)
    response = client.get(url("activity_detail", activity.pk))
    counts = response.context["counts"]
    assert (counts.present, counts.absent, counts.away, counts.expected) == (1, 1, 1, 2)
    page = response.content.decode()
    assert "50%" in page
    attachment = activity.attachments.get()
    assert url("activity_attachment", attachment.pk) in page
    assert response.context["editable"]


def test_the_page_of_another_branch_is_a_404(client, world, secretary_b):
    activity = ActivityFactory(organization=world.branch_a)
    client.force_login(secretary_b)
    assert client.get(url("activity_detail", activity.pk)).status_code == 404
    assert client.get(url("activity_edit", activity.pk)).status_code == 404


def test_a_reader_sees_the_page_but_may_not_edit(client, world, reader_a):
    activity = ActivityFactory(organization=world.branch_a)
    client.force_login(reader_a)
    response = client.get(url("activity_detail", activity.pk))
    assert response.status_code == 200 and not response.context["editable"]
    assert client.get(url("activity_edit", activity.pk)).status_code == 403
    assert client.post(url("activity_cancel", activity.pk)).status_code == 403


# Changing


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


# Attachments


def test_the_download_is_scoped_and_served_with_its_stored_type(
    client, world, secretary_a, secretary_b
):
    activity = ActivityFactory(organization=world.branch_a)
    photo = attachment_add(user=secretary_a, activity=activity, uploaded_file=jpeg("现场.jpg"))
    client.force_login(secretary_a)
    response = client.get(url("activity_attachment", photo.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    download = client.get(url("activity_attachment", photo.pk, download=1))
    assert download["Content-Disposition"].startswith("attachment")
    client.force_login(secretary_b)
    assert client.get(url("activity_attachment", photo.pk)).status_code == 404


def test_adding_and_removing_attachments_on_the_page(client, world, secretary_a, reader_a, english):
    activity = ActivityFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    client.post(url("activity_attachment_add", activity.pk), {"attachments": [jpeg(), pdf()]})
    assert activity.attachments.count() == 2
    response = client.post(
        url("activity_attachment_add", activity.pk),
        {"attachments": [upload("notes.pdf", b"just text, not a pdf")]},
        follow=True,
    )
    assert "notes.pdf is not a photo" in " ".join(str(m) for m in response.context["messages"])
    assert activity.attachments.count() == 2
    attachment = activity.attachments.first()
    client.force_login(reader_a)
    assert client.post(url("activity_attachment_delete", attachment.pk)).status_code == 403
    client.force_login(secretary_a)
    assert client.post(url("activity_attachment_delete", attachment.pk)).status_code == 302
    assert activity.attachments.count() == 1


def test_a_download_of_a_missing_attachment_is_a_404(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.get(url("activity_attachment", 999999)).status_code == 404
