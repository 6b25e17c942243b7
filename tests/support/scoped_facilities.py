"""The facilities part of the access matrix's world: per branch, a room it owns and a booking
of it by the branch, each carrying its scope's token (the room serves only its branch's line
of the tree, so no other scope sees it)."""

import datetime

from django.utils import timezone

from residents.models import Booking, Facility, FacilityKind


def branch_facility(world, token, branch) -> None:
    facility = Facility.objects.create(
        name=f"{token}党员活动室",
        kind=FacilityKind.PARTY_CENTRE,
        owner=branch,
        community=branch.community,
        capacity=30,
        opens_at=datetime.time(8),
        closes_at=datetime.time(20),
        open_days="1234567",
        address=f"{token}路1号",
    )
    day = datetime.date(2026, 11, 27)
    booking = Booking.objects.create(
        facility=facility,
        organization=branch,
        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))),
        ends_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(11))),
        purpose=f"{token}主题党日",
    )
    world.put(token, facility, booking)
