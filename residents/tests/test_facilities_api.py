"""Facilities and bookings over the API: scoped lists, booking through the service (an
overlap is a 400 naming starts_at, nothing saved), cancelling, and bad input as a 400."""

import datetime

import pytest
from rest_framework.test import APIClient

from residents.models import Booking, BookingState
from residents.tests.support.facilities import booking_of, facility_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-11-20 09:00 +08:00", tick=False)


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def centre(world):
    return facility_of(world.community1, name="K社区党员活动中心")


def test_lists_are_scoped(api, world, secretary_a, centre, django_assert_max_num_queries):
    b_room = facility_of(world.branch_b, name="B支部活动室")
    booking_of(b_room, world.branch_b, MONDAY, 9, 10)
    booking_of(centre, world.branch_a, MONDAY, 9, 10)
    for n in range(4):
        facility_of(world.community1, name=f"活动室{n}")
    api.force_authenticate(secretary_a)
    with django_assert_max_num_queries(8):
        facilities = api.get("/api/facilities/").json()
    names = [f["name"] for f in facilities["results"]]
    assert "K社区党员活动中心" in names and "B支部活动室" not in names
    bookings = api.get("/api/facility-bookings/").json()["results"]
    assert [b["facility_name"] for b in bookings] == ["K社区党员活动中心"]
    assert api.get(f"/api/facilities/{b_room.pk}/").status_code == 404


def test_booking_and_an_overlap(api, world, secretary_a, secretary_b, centre):
    api.force_authenticate(secretary_a)
    data = {
        "facility": centre.pk,
        "organization": world.branch_a.pk,
        "starts_at": "2026-11-23T09:00:00+08:00",
        "ends_at": "2026-11-23T11:00:00+08:00",
        "purpose": "主题党日",
    }
    response = api.post("/api/facility-bookings/", data, format="json")
    assert response.status_code == 201, response.json()
    api.force_authenticate(secretary_b)
    response = api.post(
        "/api/facility-bookings/",
        {**data, "organization": world.branch_b.pk, "starts_at": "2026-11-23T10:59:00+08:00"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["starts_at"][0].startswith("The facility is already booked")
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"starts_at": "0001-01-01T00:00:00Z"},
        {"starts_at": "2026-11-23T07:00:00+08:00"},
        {"ends_at": "2026-11-23T08:00:00+08:00"},
        {"facility": 10**20},
        {"organization": "x"},
    ],
)
def test_bad_input_is_a_400_naming_the_field(api, world, secretary_a, centre, change):
    api.force_authenticate(secretary_a)
    data = {
        "facility": centre.pk,
        "organization": world.branch_a.pk,
        "starts_at": "2026-11-23T09:00:00+08:00",
        "ends_at": "2026-11-23T11:00:00+08:00",
        "purpose": "x",
        **change,
    }
    response = api.post("/api/facility-bookings/", data, format="json")
    assert response.status_code == 400
    assert set(response.json()) & {"facility", "organization", "starts_at", "ends_at"}
    assert not Booking.objects.exists()


def test_cancel(api, world, secretary_a, secretary_b, centre):
    booking = booking_of(centre, world.branch_a, MONDAY, 9, 10)
    api.force_authenticate(secretary_b)
    assert api.post(f"/api/facility-bookings/{booking.pk}/cancel/").status_code == 403
    api.force_authenticate(secretary_a)
    response = api.post(f"/api/facility-bookings/{booking.pk}/cancel/")
    assert response.status_code == 200 and response.json()["state"] == BookingState.CANCELLED
    assert api.post(f"/api/facility-bookings/{booking.pk}/cancel/").status_code == 400
