"""The training API: courses read-only and scoped, class hours per member and year."""

import datetime
from decimal import Decimal as D

import pytest

from members.models import TrainingAttendance, TrainingCourse, TrainingLevel, TrainingSession
from members.tests.factories import MemberFactory


@pytest.fixture(autouse=True)
def _mid_june(time_machine):
    time_machine.move_to("2025-06-15 09:00 +08:00")


def course_of(org, level=TrainingLevel.BRANCH):
    return TrainingCourse.objects.create(
        organization=org,
        level=level,
        title=f"课程{org.pk}",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        planned_hours=D("32"),
    )


def test_courses_are_listed_for_the_scope_and_above(client, world, secretary_a):
    mine = course_of(world.branch_a)
    street = course_of(world.street_committee1, TrainingLevel.STREET)
    other = course_of(world.branch_b)
    client.force_login(secretary_a)
    ids = {c["id"] for c in client.get("/api/training-courses/").json()["results"]}
    assert ids == {mine.pk, street.pk}
    assert client.get(f"/api/training-courses/{other.pk}/").status_code == 404
    level = client.get("/api/training-courses/", {"level": "street"}).json()["results"]
    assert [c["id"] for c in level] == [street.pk]


def test_courses_cannot_be_written_through_the_api(client, world, secretary_a):
    client.force_login(secretary_a)
    assert client.post("/api/training-courses/", {"title": "x"}).status_code == 405


def test_hours_per_member_for_a_year(client, world, secretary_a):
    course = course_of(world.branch_a)
    session = TrainingSession.objects.create(
        course=course, held_on=datetime.date(2025, 3, 1), topic="x", hours=D("31.5")
    )
    short = MemberFactory(organization=world.branch_a)
    TrainingAttendance.objects.create(session=session, member=short, hours=D("31.5"))
    MemberFactory(organization=world.branch_b)
    client.force_login(secretary_a)
    [row] = client.get("/api/training-hours/", {"year": 2025}).json()["results"]
    assert (row["member"], row["required"], row["done"], row["missing"]) == (
        short.pk,
        "32.0",
        "31.5",
        "0.5",
    )
    assert len(client.get("/api/training-hours/", {"short": "true"}).json()["results"]) == 1
    assert client.get("/api/training-hours/", {"year": 2024}).json()["results"][0]["done"] == "0.0"


def test_a_bad_year_is_a_400_naming_the_field(client, world, secretary_a):
    client.force_login(secretary_a)
    response = client.get("/api/training-hours/", {"year": "99999"})
    assert response.status_code == 400 and "year" in response.json()


@pytest.mark.parametrize("year", ["0", "1999", "2101", "99999999999999999999"])
def test_a_course_year_out_of_range_is_a_400_naming_the_field(client, world, secretary_a, year):
    course_of(world.branch_a)
    client.force_login(secretary_a)

    response = client.get("/api/training-courses/", {"year": year})

    assert response.status_code == 400
    assert "year" in response.json()


def test_courses_are_filtered_by_the_year_they_run_in(client, world, secretary_a):
    course = course_of(world.branch_a)
    client.force_login(secretary_a)

    def ids(year):
        return [
            c["id"] for c in client.get("/api/training-courses/", {"year": year}).json()["results"]
        ]

    assert (ids(2024), ids(2025), ids(2026)) == ([], [course.pk], [])


def test_anonymous_api_is_refused(client, world):
    assert client.get("/api/training-courses/").status_code in (401, 403)
    assert client.get("/api/training-hours/").status_code in (401, 403)


def test_the_hours_list_query_count_does_not_grow(
    client, world, secretary_a, django_assert_num_queries
):
    MemberFactory.create_batch(2, organization=world.branch_a)
    client.force_login(secretary_a)
    client.get("/api/training-hours/")
    # session, user, posts, assignments, figures, count, page
    with django_assert_num_queries(7):
        client.get("/api/training-hours/")
    MemberFactory.create_batch(12, organization=world.branch_a)
    with django_assert_num_queries(7):
        assert client.get("/api/training-hours/").json()["count"] == 14
