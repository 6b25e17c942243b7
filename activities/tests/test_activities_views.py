"""Activity pages through their URLs: the list and an activity's page."""

import datetime

import pytest

from activities.models import ActivityStatus, ReportState
from activities.services.activities import attachment_add
from activities.tests.factories import (
    ActivityFactory,
    AttendanceFactory,
    ReportFactory,
    activity_type,
)
from activities.tests.support.activities import away, jpeg, pdf, url
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-26 10:00 +08:00", tick=False)


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
