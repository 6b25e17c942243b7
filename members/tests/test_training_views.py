"""Training pages through their URLs: courses, a course's sessions and attendance, hours."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from members.models import TrainingAttendance, TrainingCourse, TrainingLevel, TrainingSession
from members.tests.factories import MemberFactory
from organizations.models import Role
from organizations.tests.factories import PostFactory


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


@pytest.fixture
def reader_a(world):
    user = UserFactory(username="reader_a")
    PostFactory(user=user, organization=world.branch_a, role=Role.COMMITTEE_MEMBER)
    return user


def course_of(org, level=TrainingLevel.BRANCH):
    return TrainingCourse.objects.create(
        organization=org,
        level=level,
        title=f"课程{org.pk}",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        planned_hours=D("32"),
    )


def session_of(course, held_on=datetime.date(2025, 6, 1), hours="4"):
    return TrainingSession.objects.create(
        course=course, held_on=held_on, topic="党课", hours=D(hours)
    )


def course_url(course, **query):
    url = reverse("members:training_course", kwargs={"pk": course.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_course_list_shows_the_scope_and_the_organizations_above(client, world, secretary_a):
    mine = course_of(world.branch_a)
    street = course_of(world.street_committee1, TrainingLevel.STREET)
    course_of(world.branch_b)
    client.force_login(secretary_a)
    response = client.get(reverse("members:training_courses"))
    assert set(response.context["page"]) == {mine, street}


def test_a_secretary_plans_a_course(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.post(
        reverse("members:training_course_create"),
        {
            "organization": world.branch_a.pk,
            "title": "学习党章",
            "starts_on": "2025-07-01",
            "ends_on": "2025-07-03",
            "planned_hours": "24",
        },
    )
    course = TrainingCourse.objects.get()
    assert response.status_code == 302 and response.url == course_url(course)
    assert course.level == TrainingLevel.BRANCH


def test_planning_a_course_for_another_branch_is_refused_with_nothing_saved(
    client, world, secretary_a
):
    client.force_login(secretary_a)
    response = client.post(
        reverse("members:training_course_create"),
        {
            "organization": world.branch_b.pk,
            "title": "x",
            "starts_on": "2025-07-01",
            "ends_on": "2025-07-03",
            "planned_hours": "24",
        },
    )
    assert response.status_code == 200 and "organization" in response.context["form"].errors
    assert not TrainingCourse.objects.exists()


def test_a_session_is_added_on_the_course_page(client, world, secretary_a):
    course = course_of(world.branch_a)
    client.force_login(secretary_a)
    url = reverse("members:training_session_add", kwargs={"pk": course.pk})
    response = client.post(url, {"held_on": "2025-06-10", "topic": "党课", "hours": "2"})
    assert response.status_code == 302
    response = client.post(url, {"held_on": "2026-01-10", "topic": "党课", "hours": "2"})
    assert response.status_code == 200 and "held_on" in response.context["session_form"].errors
    assert TrainingSession.objects.count() == 1


def test_the_attendance_form_is_prefilled_with_who_attended(client, world, secretary_a):
    session = session_of(course_of(world.branch_a))
    came, absent = MemberFactory.create_batch(2, organization=world.branch_a)
    TrainingAttendance.objects.create(session=session, member=came, hours=D("4"))
    client.force_login(secretary_a)
    response = client.get(course_url(session.course, session=session.pk))
    form = response.context["attendance_form"]
    assert form.initial["present"] == [came.pk]
    assert set(form.fields["present"].queryset) == {came, absent}


def test_saving_the_attendance_form(client, world, secretary_a):
    session = session_of(course_of(world.branch_a))
    came, absent = MemberFactory.create_batch(2, organization=world.branch_a)
    TrainingAttendance.objects.create(session=session, member=absent, hours=D("4"))
    client.force_login(secretary_a)
    url = reverse("members:training_attendance", kwargs={"pk": session.pk})
    response = client.post(url, {"present": [came.pk], "hours": "3"})
    assert response.status_code == 302
    assert list(TrainingAttendance.objects.values_list("member_id", "hours")) == [(came.pk, D("3"))]


def test_attendance_hours_above_the_session_are_refused_with_nothing_saved(
    client, world, secretary_a
):
    session = session_of(course_of(world.branch_a), hours="2")
    member = MemberFactory(organization=world.branch_a)
    client.force_login(secretary_a)
    url = reverse("members:training_attendance", kwargs={"pk": session.pk})
    response = client.post(url, {"present": [member.pk], "hours": "2.5"}, follow=True)
    assert "2.0" in " ".join(str(m) for m in response.context["messages"])
    assert not TrainingAttendance.objects.exists()


def test_the_hours_page_lists_members_and_filters_the_short(client, world, secretary_a):
    session = session_of(course_of(world.branch_a), hours="32")
    enough, short = MemberFactory.create_batch(2, organization=world.branch_a)
    TrainingAttendance.objects.create(session=session, member=enough, hours=D("32"))
    client.force_login(secretary_a)
    url = reverse("members:training_hours", kwargs={"year": 2025})
    assert {m.pk for m in client.get(url).context["page"]} == {enough.pk, short.pk}
    assert [m.pk for m in client.get(url, {"short": "1"}).context["page"]] == [short.pk]


def test_the_hours_page_without_a_year_goes_to_this_year(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get(reverse("members:training_hours_current"))
    assert response.url == reverse("members:training_hours", kwargs={"year": 2025})


# Who may do what


@pytest.mark.parametrize(
    "url", ["/members/training/", "/members/training/hours/2025/", "/members/training/new/"]
)
def test_anonymous_is_sent_to_log_in(client, world, url):
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_another_branchs_course_is_a_404(client, world, secretary_b):
    session = session_of(course_of(world.branch_a))
    client.force_login(secretary_b)
    assert client.get(course_url(session.course)).status_code == 404
    add = reverse("members:training_session_add", kwargs={"pk": session.course_id})
    assert (
        client.post(add, {"held_on": "2025-06-10", "topic": "x", "hours": "1"}).status_code == 404
    )
    attendance = reverse("members:training_attendance", kwargs={"pk": session.pk})
    assert client.post(attendance, {"present": []}).status_code == 404


def test_a_reader_sees_the_course_but_may_not_change_it(client, world, reader_a):
    session = session_of(course_of(world.branch_a))
    member = MemberFactory(organization=world.branch_a)
    client.force_login(reader_a)
    response = client.get(course_url(session.course))
    assert response.status_code == 200 and "attendance_form" not in response.context
    add = reverse("members:training_session_add", kwargs={"pk": session.course_id})
    assert (
        client.post(add, {"held_on": "2025-06-10", "topic": "x", "hours": "1"}).status_code == 403
    )
    attendance = reverse("members:training_attendance", kwargs={"pk": session.pk})
    assert client.post(attendance, {"present": [member.pk]}).status_code == 403
    assert client.get(reverse("members:training_course_create")).status_code == 403
    assert not TrainingAttendance.objects.exists()


def test_a_street_course_page_offers_a_branch_secretary_only_their_members(
    client, world, secretary_a
):
    session = session_of(course_of(world.street_committee1, TrainingLevel.STREET))
    mine = MemberFactory(organization=world.branch_a)
    MemberFactory(organization=world.branch_b)
    client.force_login(secretary_a)
    response = client.get(course_url(session.course))
    assert list(response.context["attendance_form"].fields["present"].queryset) == [mine]


# Query counts at two sizes


def _grow(world, members: int, session):
    for member in MemberFactory.create_batch(members, organization=world.branch_a):
        TrainingAttendance.objects.create(session=session, member=member, hours=D("2"))


def test_the_hours_page_query_count_does_not_grow(
    client, world, secretary_a, django_assert_num_queries
):
    session = session_of(course_of(world.branch_a))
    _grow(world, 2, session)
    client.force_login(secretary_a)
    url = reverse("members:training_hours", kwargs={"year": 2025})
    client.get(url)
    # session, user, posts, assignments, figures, count, page, summary
    with django_assert_num_queries(9):
        client.get(url)
    _grow(world, 15, session)
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.context["page"].paginator.count == 17


def test_the_course_list_query_count_does_not_grow(
    client, world, street_staff, django_assert_num_queries
):
    for _ in range(2):
        session_of(course_of(world.branch_a))
    client.force_login(street_staff)
    url = reverse("members:training_courses")
    client.get(url)
    # session, user, posts, assignments, count, page
    with django_assert_num_queries(7):
        client.get(url)
    for _ in range(12):
        session_of(course_of(world.branch_b))
    with django_assert_num_queries(7):
        response = client.get(url)
    assert response.context["page"].paginator.count == 14


def test_the_course_page_query_count_does_not_grow(
    client, world, secretary_a, django_assert_num_queries
):
    session = session_of(course_of(world.branch_a))
    _grow(world, 2, session)
    client.force_login(secretary_a)
    url = course_url(session.course, session=session.pk)
    client.get(url)
    # session, user, posts, assignments, course, sessions, attendance, candidates, branches
    with django_assert_num_queries(10):
        client.get(url)
    _grow(world, 15, session)
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["attendance"]) == 17
