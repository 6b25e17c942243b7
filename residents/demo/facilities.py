"""Demo facilities of one street: per community, its party member activity centre and one
more room (a service centre, a health centre or a cultural room in turn), shared with two of
the community's units, and a month of bookings around ``ctx.today`` (two weeks either side)
by the community committee and its branches: the activities held in the community take the
centre at their time, other slots are booked at random. Slots never overlap; one booking in
ten is cancelled. Idempotent: a community whose committee owns facilities is left alone."""

import datetime
import random

from django.utils import timezone

from activities.models import Activity
from organizations import scoping
from organizations.models import OrgKind, UnitOrganization
from residents.models import Booking, BookingState, Facility, FacilityKind

SLOTS = ((9, 0, 11, 0), (14, 0, 16, 0), (19, 0, 20, 30))
OTHER_KINDS = (FacilityKind.SERVICE_CENTRE, FacilityKind.HEALTH_CENTRE, FacilityKind.CULTURAL_ROOM)
NAMES = {
    FacilityKind.PARTY_CENTRE: "党员活动中心",
    FacilityKind.SERVICE_CENTRE: "党群服务中心",
    FacilityKind.HEALTH_CENTRE: "卫生服务站",
    FacilityKind.CULTURAL_ROOM: "文化活动室",
}
PURPOSES = ("支部学习", "志愿服务培训", "居民议事会", "文艺排练", "健康讲座", "老年大学课程")


def _at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _facilities(committee, k: int, units) -> list[Facility]:
    kinds = (FacilityKind.PARTY_CENTRE, OTHER_KINDS[k % len(OTHER_KINDS)])
    rooms = []
    for kind in kinds:
        facility = Facility.objects.create(
            name=f"{committee.community.name}{NAMES[kind]}",
            kind=kind,
            owner=committee,
            community=committee.community,
            address=f"{committee.community.name}综合楼{len(rooms) + 1}层",
            capacity=60 if kind == FacilityKind.PARTY_CENTRE else 30,
            opens_at=datetime.time(8, 30),
            closes_at=datetime.time(21),
            open_days="1234567" if kind == FacilityKind.PARTY_CENTRE else "123456",
        )
        facility.shared_with.set(units[:2])
        rooms.append(facility)
    return rooms


def _bookings(rooms, bookers, activities, days, rng) -> list[Booking]:
    taken: set[tuple[int, datetime.date, int]] = set()
    rows = []
    centre = rooms[0]
    for activity in activities:  # the centre at the activity's time
        slot = rng.randrange(len(SLOTS))
        if (centre.pk, activity.held_on, slot) in taken:
            continue
        taken.add((centre.pk, activity.held_on, slot))
        h1, m1, h2, m2 = SLOTS[slot]
        rows.append(
            Booking(
                facility=centre,
                organization_id=activity.organization_id,
                starts_at=_at(activity.held_on, h1, m1),
                ends_at=_at(activity.held_on, h2, m2),
                purpose=activity.topic[:200],
                activity=activity,
            )
        )
    for day in days:
        for room in rooms:
            if day.isoweekday() not in room.open_weekdays():
                continue
            for slot in rng.sample(range(len(SLOTS)), rng.randint(0, 2)):
                if (room.pk, day, slot) in taken:
                    continue
                taken.add((room.pk, day, slot))
                h1, m1, h2, m2 = SLOTS[slot]
                rows.append(
                    Booking(
                        facility=room,
                        organization=rng.choice(bookers),
                        starts_at=_at(day, h1, m1),
                        ends_at=_at(day, h2, m2),
                        purpose=rng.choice(PURPOSES),
                        state=BookingState.CANCELLED if rng.random() < 0.1 else BookingState.BOOKED,
                    )
                )
    return rows


def seed_facilities(ctx) -> None:
    """The ``seed_residents`` step: the facilities and bookings of ``ctx``'s street."""
    tree = ctx.tree
    committees = [o for o in tree.organizations if o.kind == OrgKind.COMMUNITY_COMMITTEE]
    start = ctx.today - datetime.timedelta(days=14)
    days = [start + datetime.timedelta(days=i) for i in range(29)]
    rows = []
    for k, committee in enumerate(committees):
        if Facility.objects.filter(owner=committee).exists():
            continue
        rng = random.Random(f"facilities:{committee.name}")
        units = list(UnitOrganization.objects.filter(community=committee.community).order_by("pk"))
        rooms = _facilities(committee, k, units)
        bookers = [o for o in tree.organizations if scoping.is_under(o.path, [committee.path])]
        activities = list(
            Activity.objects.filter(
                organization__in=bookers, held_on__gte=days[0], held_on__lte=days[-1]
            )
            .exclude(status="cancelled")
            .order_by("held_on", "pk")[:8]
        )
        rows += _bookings(rooms, bookers, activities, days, rng)
    Booking.objects.bulk_create(rows)
