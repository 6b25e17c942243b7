"""The activities API: types, activities scoped, recorded and changed through the services."""

import pytest

from activities.models import Activity, ReportState
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    ReportFactory,
    activity_type,
)
from activities.tests.support.activities import jpeg, payload, upload
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


def test_activity_types_are_listed(client, world, secretary_a):
    client.force_login(secretary_a)
    body = client.get("/api/activity-types/").json()
    codes = {row["code"] for row in body["results"]}
    assert {"branch_general_meeting", "themed_party_day", "volunteer_service"} <= codes
    assert client.post("/api/activity-types/", {"code": "x"}).status_code == 405


def test_the_list_is_scoped_and_filtered(client, world, secretary_a):
    ours = ActivityFactory(organization=world.branch_a, topic="A")
    lesson = ActivityFactory(
        organization=world.branch_a, activity_type=activity_type("party_lesson"), topic="L"
    )
    other = ActivityFactory(organization=world.branch_b)
    client.force_login(secretary_a)
    ids = {row["id"] for row in client.get("/api/activities/").json()["results"]}
    assert ids == {ours.pk, lesson.pk}
    assert client.get(f"/api/activities/{other.pk}/").status_code == 404
    filtered = client.get(
        "/api/activities/", {"activity_type": activity_type("party_lesson").pk}
    ).json()
    assert [row["id"] for row in filtered["results"]] == [lesson.pk]
    assert client.get("/api/activities/", {"date_from": "2026-12-01"}).json()["count"] == 0


def test_an_activity_carries_attendance_and_its_figures(client, world, secretary_a):
    activity = ActivityFactory(organization=world.branch_a)
    member = MemberFactory(organization=world.branch_a, name="张三")
    AttendanceFactory(activity=activity, member=member)
    ReportFactory(activity=activity, state=ReportState.DRAFT)
    client.force_login(secretary_a)
    row = client.get(f"/api/activities/{activity.pk}/").json()
    assert row["attendance"] == [
        {"member": member.pk, "member_name": "张三", "status": "present", "hours": None, "note": ""}
    ]
    assert row["attendance_counts"]["rate"] == 1.0 and row["report_state"] == "draft"


def test_recording_through_the_api(client, world, secretary_a):
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.post(
        "/api/activities/",
        payload(world.branch_a, attendance=[{"member": member.pk, "status": "leave"}]),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    activity = Activity.objects.get()
    assert response.json()["id"] == activity.pk and activity.recorded_by == secretary_a
    assert activity.attendance.get().status == "leave"


def test_refusals_are_400s_naming_the_field(client, world, secretary_a, english):
    stranger = MemberFactory(organization=world.branch_c)
    client.force_login(secretary_a)
    future = client.post(
        "/api/activities/",
        payload(world.branch_a, held_on="2026-11-27"),
        content_type="application/json",
    )
    assert future.status_code == 400 and "held_on" in future.json()
    foreign = client.post(
        "/api/activities/",
        payload(world.branch_a, attendance=[{"member": stranger.pk, "status": "present"}]),
        content_type="application/json",
    )
    assert foreign.status_code == 400 and f"#{stranger.pk}" in foreign.json()["attendance"][0]
    elsewhere = client.post(
        "/api/activities/", payload(world.branch_c), content_type="application/json"
    )
    assert elsewhere.status_code == 400 and "organization" in elsewhere.json()
    assert not Activity.objects.exists()


def test_changing_through_the_api(client, world, secretary_a, secretary_b, english):
    activity = ActivityFactory(organization=world.branch_a)
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    response = client.patch(
        f"/api/activities/{activity.pk}/",
        {"topic": "新主题", "attendance": [{"member": member.pk, "status": "absent"}]},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["topic"] == "新主题"
    assert activity.attendance.get().status == "absent"
    moved = client.patch(
        f"/api/activities/{activity.pk}/",
        {"organization": world.group_a.pk},
        content_type="application/json",
    )
    assert moved.status_code == 400 and "organization" in moved.json()
    ReportFactory(activity=activity, state=ReportState.APPROVED)
    locked = client.patch(
        f"/api/activities/{activity.pk}/", {"topic": "x"}, content_type="application/json"
    )
    assert locked.status_code == 400
    client.force_login(secretary_b)
    assert (
        client.patch(
            f"/api/activities/{activity.pk}/", {"topic": "x"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_uploading_attachments_checks_the_content(client, world, secretary_a, english):
    activity = ActivityFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    url = f"/api/activities/{activity.pk}/attachments/"
    response = client.post(url, {"file": jpeg(), "caption": "合影"})
    assert response.status_code == 201
    assert response.json()[0]["content_type"] == "image/jpeg"
    refused = client.post(url, {"file": upload("setup.jpg", b"MZ" + b"\0" * 50)})
    assert refused.status_code == 400
    assert "setup.jpg is not a photo" in refused.json()["attachments"][0]
    assert activity.attachments.count() == 1


def test_anonymous_api_is_refused(client, world):
    assert client.get("/api/activities/").status_code in (401, 403)


def test_the_api_list_query_count_does_not_grow(
    client, world, secretary_a, django_assert_num_queries
):
    def add(n):
        for _ in range(n):
            activity = ActivityFactory(organization=world.branch_a)
            AttendanceFactory(activity=activity, member=MemberFactory(organization=world.branch_a))

    add(2)
    client.force_login(secretary_a)
    client.get("/api/activities/")
    # session, user, posts, grid assignments, count, page, attendance, attachments, figures
    with django_assert_num_queries(9):
        assert len(client.get("/api/activities/").json()["results"]) == 2
    add(10)
    with django_assert_num_queries(9):
        assert len(client.get("/api/activities/").json()["results"]) == 12


def test_removing_an_attachment_through_the_api(
    client, world, secretary_a, secretary_b, community_staff, english
):
    activity = ActivityFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    [added] = client.post(f"/api/activities/{activity.pk}/attachments/", {"file": jpeg()}).json()
    url = f"/api/activities/{activity.pk}/attachments/{added['id']}/"

    client.force_login(secretary_b)  # another branch: the activity does not exist for them
    assert client.delete(url).status_code == 404
    # an activity itself is not deleted (a plan is cancelled, a record kept)
    assert client.delete(f"/api/activities/{activity.pk}/").status_code == 405
    ReportFactory(activity=activity, state=ReportState.SUBMITTED)
    client.force_login(secretary_a)
    locked = client.delete(url)
    assert locked.status_code == 400 and "cannot be changed" in str(locked.json())
    assert activity.attachments.count() == 1

    activity.reports.update(state=ReportState.RETURNED)
    assert client.delete(url).status_code == 204
    assert activity.attachments.count() == 0
    assert client.delete(url).status_code == 404
    # an activity itself is not deleted (a plan is cancelled, a record kept)
    assert client.delete(f"/api/activities/{activity.pk}/").status_code == 405
