"""Booking a facility: for an organization it serves, inside its opening hours, never over
another booked slot (the boundary: a booking may start when the other ends); cancelling
frees the slot. Facilities are created and changed by their owner's managers."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from activities.tests.factories import ActivityFactory
from residents.models import Booking, BookingState
from residents.services import facilities as services
from residents.tests.support.facilities import at, booking_of, facility_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to("2026-11-20 09:00 +08:00", tick=False)


@pytest.fixture
def centre(world):
    return facility_of(world.community1)


def _book(user, facility, organization, start, end, **kwargs):
    return services.booking_create(
        user=user,
        facility=facility,
        organization=organization,
        starts_at=at(MONDAY, *start),
        ends_at=at(MONDAY, *end),
        purpose="主题党日",
        **kwargs,
    )


def test_a_branch_books_its_community_centre(world, secretary_a, centre):
    booking = _book(secretary_a, centre, world.branch_a, (9,), (11,))
    assert booking.state == BookingState.BOOKED and booking.booked_by == secretary_a


def test_an_overlapping_booking_is_refused_and_nothing_saved(
    world, secretary_a, secretary_b, centre
):
    booking_of(centre, world.branch_a, MONDAY, 9, 11)
    with pytest.raises(ValidationError) as refused:
        _book(secretary_b, centre, world.branch_b, (10, 30), (12,))
    message = refused.value.message_dict["starts_at"][0]
    assert message.startswith("The facility is already booked from 2026-11-23 09:00 to 11:00 by")
    assert Booking.objects.count() == 1


def test_a_booking_may_start_when_the_other_ends(world, secretary_b, centre):
    booking_of(centre, world.branch_a, MONDAY, 9, 11)
    assert _book(secretary_b, centre, world.branch_b, (11,), (12,)).pk


def test_a_cancelled_booking_does_not_block(world, secretary_b, centre):
    booking_of(centre, world.branch_a, MONDAY, 9, 11, state=BookingState.CANCELLED)
    assert _book(secretary_b, centre, world.branch_b, (9,), (11,)).pk


def test_another_facility_is_not_blocked(world, secretary_b, centre):
    booking_of(facility_of(world.community1, name="文化活动室"), world.branch_a, MONDAY, 9, 11)
    assert _book(secretary_b, centre, world.branch_b, (9,), (11,)).pk


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [((8,), (10,), True), ((7, 59), (10,), False), ((16,), (18,), True), ((16,), (18, 1), False)],
)
def test_opening_hours_at_their_boundaries(world, secretary_a, centre, start, end, ok):
    if ok:
        assert _book(secretary_a, centre, world.branch_a, start, end).pk
        return
    with pytest.raises(ValidationError) as refused:
        _book(secretary_a, centre, world.branch_a, start, end)
    assert (
        "open Monday、Tuesday、Wednesday、Thursday、Friday 08:00–18:00 only"
        in (refused.value.message_dict["starts_at"][0])
    )
    assert not Booking.objects.exists()


def test_a_closed_weekday_is_refused(world, secretary_a, centre):
    saturday = MONDAY - datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as refused:
        services.booking_create(
            user=secretary_a,
            facility=centre,
            organization=world.branch_a,
            starts_at=at(saturday, 9),
            ends_at=at(saturday, 10),
            purpose="x",
        )
    assert "starts_at" in refused.value.message_dict


def test_the_end_comes_after_the_start(world, secretary_a, centre):
    with pytest.raises(ValidationError) as refused:
        _book(secretary_a, centre, world.branch_a, (10,), (10,))
    assert refused.value.message_dict["ends_at"] == ["A booking ends after it starts."]


def test_a_slot_in_the_past_is_refused(world, secretary_a, centre):
    friday = MONDAY - datetime.timedelta(days=3)
    with pytest.raises(ValidationError) as refused:
        services.booking_create(
            user=secretary_a,
            facility=centre,
            organization=world.branch_a,
            starts_at=at(friday, 8, 59),
            ends_at=at(friday, 10),
            purpose="x",
        )
    assert refused.value.message_dict["starts_at"] == ["A booking cannot start in the past."]
    # the same morning, from the present minute on, is fine
    assert services.booking_create(
        user=secretary_a,
        facility=centre,
        organization=world.branch_a,
        starts_at=at(friday, 9),
        ends_at=at(friday, 10),
        purpose="x",
    ).pk


def test_only_organizations_the_facility_serves_and_the_user_manages(
    world, secretary_a, street_staff, other_street_staff, centre
):
    with pytest.raises(ValidationError) as refused:
        _book(secretary_a, centre, world.branch_b, (9,), (10,))
    assert "organization" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _book(other_street_staff, centre, world.branch_d, (9,), (10,))
    # the street committee above the community may book its centre; community 2's branch not
    assert _book(street_staff, centre, world.street_committee1, (9,), (10,)).pk
    with pytest.raises(ValidationError):
        _book(street_staff, centre, world.branch_c, (10,), (11,))


def test_the_activity_is_the_booking_organizations(world, secretary_a, centre):
    own = ActivityFactory(organization=world.branch_a, held_on=MONDAY)
    other = ActivityFactory(organization=world.branch_b, held_on=MONDAY)
    with pytest.raises(ValidationError) as refused:
        _book(secretary_a, centre, world.branch_a, (9,), (10,), activity=other)
    assert "activity" in refused.value.message_dict
    assert _book(secretary_a, centre, world.branch_a, (9,), (10,), activity=own).activity == own


def test_cancel_frees_the_slot_once(world, secretary_a, secretary_b, community_staff, centre):
    booking = booking_of(centre, world.branch_a, MONDAY, 9, 11)
    with pytest.raises(PermissionDenied):
        services.booking_cancel(user=secretary_b, booking=booking)
    services.booking_cancel(user=community_staff, booking=booking)
    with pytest.raises(ValidationError) as refused:
        services.booking_cancel(user=secretary_a, booking=booking)
    assert "state" in refused.value.message_dict
    assert _book(secretary_b, centre, world.branch_b, (9,), (11,)).pk


def test_facility_create_and_update(world, community_staff, secretary_a):
    from organizations.tests.factories import UnitOrganizationFactory

    unit = UnitOrganizationFactory(community=world.community1.community)
    facility = services.facility_create(
        user=community_staff,
        owner=world.community1,
        name="社区卫生服务站",
        kind="health_centre",
        capacity=20,
        opens_at=datetime.time(8),
        closes_at=datetime.time(17),
        open_days="654321",
        shared_with=[unit],
    )
    assert facility.open_days == "123456" and list(facility.shared_with.all()) == [unit]
    with pytest.raises(ValidationError) as refused:
        services.facility_update(user=community_staff, facility=facility, open_days="8")
    assert "open_days" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        services.facility_update(user=secretary_a, facility=facility, capacity=5)
    with pytest.raises(ValidationError) as refused:
        services.facility_create(
            user=secretary_a,
            owner=world.community1,
            name="x",
            kind="other",
            capacity=1,
            opens_at=datetime.time(8),
            closes_at=datetime.time(9),
        )
    assert "owner" in refused.value.message_dict
