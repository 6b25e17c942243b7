"""Training in the admin: scoped like the pages; attendance is corrected, not added, there."""

import datetime
from decimal import Decimal as D

from django.urls import reverse

from members.models import TrainingAttendance, TrainingCourse, TrainingSession
from members.tests.factories import MemberFactory


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def course_of(org, level="branch"):
    return TrainingCourse.objects.create(
        organization=org,
        level=level,
        title="课程",
        starts_on=datetime.date(2025, 1, 1),
        ends_on=datetime.date(2025, 12, 31),
        planned_hours=D("32"),
    )


def test_another_branchs_course_and_attendance_are_a_404_in_the_admin(client, world, secretary_b):
    course = course_of(world.branch_a)
    session = TrainingSession.objects.create(
        course=course, held_on=datetime.date(2025, 2, 1), topic="x", hours=D("2")
    )
    row = TrainingAttendance.objects.create(
        session=session, member=MemberFactory(organization=world.branch_a), hours=D("2")
    )
    client.force_login(secretary_b)
    assert client.get(change_url(course)).status_code == 404
    assert client.get(change_url(row)).status_code == 404


def test_a_branch_sees_the_street_course_in_the_admin_but_cannot_change_it(
    client, world, secretary_a
):
    course = course_of(world.street_committee1, "street")
    client.force_login(secretary_a)
    response = client.get(change_url(course))
    assert response.status_code == 200 and not response.context["has_change_permission"]


def test_attendance_hours_above_the_session_are_refused_in_the_admin(client, world, secretary_a):
    session = TrainingSession.objects.create(
        course=course_of(world.branch_a), held_on=datetime.date(2025, 2, 1), topic="x", hours=D("2")
    )
    row = TrainingAttendance.objects.create(
        session=session, member=MemberFactory(organization=world.branch_a), hours=D("2")
    )
    client.force_login(secretary_a)
    response = client.post(change_url(row), {"hours": "2.5"})
    assert response.status_code == 200 and "hours" in response.context["adminform"].form.errors
    row.refresh_from_db()
    assert row.hours == D("2")
