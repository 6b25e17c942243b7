"""Two bookings of one room for overlapping slots at the same moment, on PostgreSQL (SQLite
runs one writer at a time, so it cannot show the race): exactly one succeeds, the other is
refused on ``starts_at``; and the database itself refuses an overlap written past the
service (the exclusion constraint), while a cancelled booking blocks nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from residents.models import Booking, BookingState
from residents.services import facilities as services
from residents.tests.support.facilities import at, booking_of, facility_of
from tests.concurrency import run_at_once

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-11-20 09:00 +08:00", tick=False)


def test_two_overlapping_bookings_at_once_exactly_one_succeeds(
    postgres, world, secretary_a, secretary_b
):
    centre = facility_of(world.community1)

    def book(user, organization, start, end):
        return lambda: services.booking_create(
            user=user,
            facility=centre,
            organization=organization,
            starts_at=at(MONDAY, start),
            ends_at=at(MONDAY, end),
            purpose="主题党日",
        )

    results = run_at_once(
        book(secretary_a, world.branch_a, 9, 11), book(secretary_b, world.branch_b, 10, 12)
    )

    successes = [r for r in results if isinstance(r, Booking)]
    refusals = [r for r in results if isinstance(r, ValidationError)]
    assert len(successes) == 1 and len(refusals) == 1, results
    assert refusals[0].message_dict["starts_at"][0].startswith("The facility is already booked")
    assert Booking.objects.filter(facility=centre).count() == 1


def test_the_database_refuses_an_overlap_written_past_the_service(postgres, world):
    centre = facility_of(world.community1)
    booking_of(centre, world.branch_a, MONDAY, 9, 11)
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        booking_of(centre, world.branch_b, MONDAY, 10, 12)
    # touching ends, a cancelled booking and another room are no overlap
    booking_of(centre, world.branch_b, MONDAY, 11, 12)
    booking_of(centre, world.branch_b, MONDAY, 9, 10, state=BookingState.CANCELLED)
    booking_of(facility_of(world.community1, name="文化活动室"), world.branch_b, MONDAY, 9, 11)
    assert Booking.objects.count() == 4


def test_the_constraint_turns_into_the_message_on_starts_at(
    postgres, world, secretary_b, monkeypatch
):
    """Were the locked check to miss the other booking, the constraint's refusal is the same
    clear message, and nothing is saved."""
    centre = facility_of(world.community1)
    booking_of(centre, world.branch_a, MONDAY, 9, 11)
    monkeypatch.setattr(
        services.selectors, "overlapping_bookings", lambda *args: Booking.objects.none()
    )
    monkeypatch.setattr(Booking, "clean", lambda self: None)
    with pytest.raises(ValidationError) as refused:
        services.booking_create(
            user=secretary_b,
            facility=centre,
            organization=world.branch_b,
            starts_at=at(MONDAY, 10),
            ends_at=at(MONDAY, 12),
            purpose="x",
        )
    assert refused.value.message_dict["starts_at"] == [
        "The facility is already booked for part of this time."
    ]
    assert Booking.objects.count() == 1
