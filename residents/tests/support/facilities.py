"""Facilities and bookings for the tests: a facility of an organization open on weekdays
8:00–18:00, and a booking of it written straight to the database (no service rules)."""

import datetime

from django.utils import timezone

from residents.models import Booking, Facility, FacilityKind


def facility_of(owner, **fields) -> Facility:
    values = {
        "name": f"{owner.name}党员活动中心",
        "kind": FacilityKind.PARTY_CENTRE,
        "owner": owner,
        "community": owner.community,
        "capacity": 40,
        "opens_at": datetime.time(8),
        "closes_at": datetime.time(18),
        "open_days": "12345",
    }
    values.update(fields)
    return Facility.objects.create(**values)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """``day`` at ``hour:minute``, local time."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def booking_of(facility, organization, day, start_hour, end_hour, **fields) -> Booking:
    values = {
        "facility": facility,
        "organization": organization,
        "starts_at": at(day, start_hour),
        "ends_at": at(day, end_hour),
        "purpose": "主题党日",
    }
    values.update(fields)
    return Booking.objects.create(**values)
