"""The facility pages: the list with next bookings in a fixed number of queries, a week of
bookings, booking through the form (an overlap shown under the start, nothing saved),
cancelling, and the facility form of the owner's managers."""

import datetime

import pytest
from django.urls import reverse

from residents.models import Booking, BookingState, Facility
from residents.tests.support.facilities import booking_of, facility_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-11-20 09:00 +08:00", tick=False)


@pytest.fixture
def centre(world):
    return facility_of(world.community1, name="K社区党员活动中心")


def test_the_list_shows_the_facilities_seen_with_their_next_bookings(
    client, world, secretary_a, centre, django_assert_max_num_queries
):
    booking_of(centre, world.branch_b, MONDAY, 9, 11, purpose="学习")
    facility_of(world.branch_b, name="B支部活动室")
    facility_of(world.community2, name="C社区服务中心")
    for n in range(5):
        booking_of(facility_of(world.community1, name=f"活动室{n}"), world.branch_a, MONDAY, 9, 10)
    client.force_login(secretary_a)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("residents:facility_list"))
    body = response.content.decode()
    assert "K社区党员活动中心" in body and "11-23 09:00–11:00 B支部" in body
    assert "B支部活动室" not in body and "C社区服务中心" not in body


def test_the_week_shows_the_bookings_of_the_facility(client, world, secretary_a, centre):
    booking_of(centre, world.branch_b, MONDAY, 9, 11, purpose="学习")
    booking_of(centre, world.branch_b, MONDAY + datetime.timedelta(days=7), 9, 11, purpose="下周")
    client.force_login(secretary_a)
    url = reverse("residents:facility_detail", kwargs={"pk": centre.pk})
    body = client.get(url, {"week": "2026-11-25"}).content.decode()
    assert "Week of 2026-11-23" in body and "学习" in body and "下周" not in body


def test_booking_through_the_form(client, world, secretary_a, centre):
    client.force_login(secretary_a)
    url = reverse("residents:booking_create", kwargs={"pk": centre.pk})
    data = {
        "organization": world.branch_a.pk,
        "day": "2026-11-23",
        "starts_at": "09:00",
        "ends_at": "11:00",
        "purpose": "主题党日",
    }
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"].endswith("?week=2026-11-23")
    response = client.post(url, {**data, "starts_at": "10:00", "ends_at": "12:00"})
    assert response.status_code == 200
    assert (
        response.context["form"]
        .errors["starts_at"][0]
        .startswith("The facility is already booked from 2026-11-23 09:00 to 11:00 by")
    )
    response = client.post(url, {**data, "starts_at": "18:00", "ends_at": "19:00"})
    assert "opening" not in response.context["form"].errors  # shown under the start
    assert "open Monday" in response.context["form"].errors["starts_at"][0]
    assert Booking.objects.count() == 1


def test_a_facility_out_of_reach_is_a_404_and_booking_needs_an_organization_served(
    client, world, secretary_a, other_street_staff, centre
):
    client.force_login(other_street_staff)
    assert (
        client.get(reverse("residents:facility_detail", kwargs={"pk": centre.pk})).status_code
        == 404
    )
    client.force_login(secretary_a)
    b_room = facility_of(world.branch_b)
    assert (
        client.get(reverse("residents:booking_create", kwargs={"pk": b_room.pk})).status_code == 404
    )


def test_cancelling_a_booking(client, world, secretary_a, secretary_b, centre):
    booking = booking_of(centre, world.branch_a, MONDAY, 9, 11)
    url = reverse("residents:booking_cancel", kwargs={"pk": booking.pk})
    client.force_login(secretary_b)
    assert client.post(url).status_code == 403
    client.force_login(secretary_a)
    assert client.post(url).status_code == 302
    booking.refresh_from_db()
    assert booking.state == BookingState.CANCELLED


def test_the_facility_form(client, world, community_staff, secretary_a, centre):
    client.force_login(community_staff)
    response = client.post(
        reverse("residents:facility_create"),
        {
            "name": "社区文化活动室",
            "kind": "cultural_room",
            "owner": world.community1.pk,
            "community": world.community1.community_id,
            "capacity": 30,
            "opens_at": "08:30",
            "closes_at": "21:00",
            "open_days": "1234567",
            "active": "on",
        },
    )
    assert response.status_code == 302
    facility = Facility.objects.get(name="社区文化活动室")
    edit = reverse("residents:facility_edit", kwargs={"pk": facility.pk})
    client.force_login(secretary_a)
    assert client.get(edit).status_code == 403
    client.force_login(community_staff)
    response = client.post(
        edit,
        {
            "name": "x",
            "kind": "other",
            "capacity": 1,
            "opens_at": "09:00",
            "closes_at": "10:00",
            "open_days": "9",
        },
    )
    assert "open_days" in response.context["form"].errors
