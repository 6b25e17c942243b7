"""The demo facilities (residents/demo/facilities.py): every community has its centre and
one more room shared with its units, a month of bookings around the seeding day that never
overlap and keep to the opening hours, some linked to activities; seeding again adds none."""

import datetime

import pytest
from django.utils import timezone

from activities.tests.support.demo import seed
from conftest import built_once
from grid.models import Community
from organizations import scoping
from residents.models import Booking, BookingState, Facility, FacilityKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

TODAY = datetime.date(2026, 11, 20)


def _seed():
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 11, 20, 8, 0, tzinfo=datetime.UTC)):
        seed(members_per_street=60)


seeded = built_once(_seed)


def test_each_community_has_its_centre_and_a_shared_room():
    for community in Community.objects.all():
        kinds = set(Facility.objects.filter(community=community).values_list("kind", flat=True))
        assert FacilityKind.PARTY_CENTRE in kinds and len(kinds) == 2
    for facility in Facility.objects.prefetch_related("shared_with"):
        facility.full_clean()
        assert all(u.community_id == facility.community_id for u in facility.shared_with.all())


def test_a_month_of_bookings_without_overlaps_inside_opening_hours():
    bookings = list(Booking.objects.select_related("facility").order_by("facility", "starts_at"))
    assert bookings
    days = {timezone.localtime(b.starts_at).date() for b in bookings}
    assert min(days) >= TODAY - datetime.timedelta(days=14)
    assert max(days) <= TODAY + datetime.timedelta(days=14)
    assert min(days) < TODAY < max(days)
    booked = [b for b in bookings if b.state == BookingState.BOOKED]
    for before, after in zip(booked, booked[1:], strict=False):
        if before.facility_id == after.facility_id:
            assert before.ends_at <= after.starts_at
    for booking in bookings:
        start, end = timezone.localtime(booking.starts_at), timezone.localtime(booking.ends_at)
        assert start.isoweekday() in booking.facility.open_weekdays()
        assert (
            booking.facility.opens_at <= start.time() and end.time() <= booking.facility.closes_at
        )
        assert scoping.is_under(booking.organization.path, [booking.facility.owner.path])
    assert any(b.activity_id for b in bookings)
    assert any(b.state == BookingState.CANCELLED for b in bookings)


def test_seeding_again_adds_nothing():
    counts = (Facility.objects.count(), Booking.objects.count())
    _seed()
    assert (Facility.objects.count(), Booking.objects.count()) == counts
