"""Writing facilities and bookings: a facility is created and changed by the managers of its
owner organization; a booking is made for an organization the facility serves, inside its
opening hours, and never overlaps another booked booking of the facility.

The overlap is checked with the facility's row locked (``select_for_update``: PostgreSQL
queues concurrent bookings of one facility there; SQLite runs one writer at a time, so the
check inside the transaction suffices). On PostgreSQL the exclusion constraint
``booking_no_overlap`` refuses an overlap the check could miss; its IntegrityError becomes the
same ValidationError on ``starts_at``.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from residents.models import Booking, BookingState, Facility
from residents.models.facilities import ALL_DAYS, OVERLAP_CONSTRAINT
from residents.selectors import facilities as selectors

FACILITY_FIELDS = (
    "name",
    "kind",
    "community",
    "grid_cell",
    "address",
    "capacity",
    "opens_at",
    "closes_at",
    "open_days",
    "active",
)


def _check_facility(facility: Facility, shared_with) -> None:
    errors = {}
    days = facility.open_days or ""
    if not days or any(c not in ALL_DAYS for c in days) or len(set(days)) != len(days):
        errors["open_days"] = _("Write each open weekday once as a number from 1 to 7.")
    facility.open_days = "".join(sorted(set(days))) if "open_days" not in errors else days
    if facility.grid_cell_id and facility.community_id is None:
        facility.community_id = facility.grid_cell.community_id
    if facility.grid_cell_id and facility.grid_cell.community_id != facility.community_id:
        errors["grid_cell"] = _("The grid cell is not in the facility's community.")
    community_id = facility.community_id or facility.owner.community_id
    if shared_with and any(unit.community_id != community_id for unit in shared_with):
        errors["shared_with"] = _("Share the facility with units of its community only.")
    if errors:
        raise ValidationError(errors)


def _save_facility(facility: Facility, shared_with) -> Facility:
    _check_facility(facility, shared_with)
    facility.full_clean()
    facility.save()
    if shared_with is not None:
        facility.shared_with.set(shared_with)
    return facility


@transaction.atomic
def facility_create(*, user, owner, shared_with=None, **fields) -> Facility:
    if not selectors.booking_organizations_for(user).filter(pk=owner.pk).exists():
        raise ValidationError({"owner": _("You do not manage this organization.")})
    facility = Facility(owner=owner, **{k: v for k, v in fields.items() if k in FACILITY_FIELDS})
    return _save_facility(facility, list(shared_with or []))


@transaction.atomic
def facility_update(*, user, facility: Facility, shared_with=None, **changes) -> Facility:
    if not selectors.can_manage_facility(user, facility):
        raise PermissionDenied
    for name, value in changes.items():
        if name in FACILITY_FIELDS:
            setattr(facility, name, value)
    return _save_facility(facility, None if shared_with is None else list(shared_with))


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def opening_hours_text(facility: Facility) -> str:
    days = "、".join(str(WEEKDAYS[day - 1]) for day in facility.open_weekdays())
    opens, closes = (formats.time_format(t, "H:i") for t in (facility.opens_at, facility.closes_at))
    return f"{days} {opens}–{closes}"


def _check_slot(facility: Facility, starts_at, ends_at, now) -> dict:
    if ends_at <= starts_at:
        return {"ends_at": _("A booking ends after it starts.")}
    if starts_at < now:
        return {"starts_at": _("A booking cannot start in the past.")}
    start, end = _local(starts_at), _local(ends_at)
    within = (
        start.date() == end.date()
        and start.isoweekday() in facility.open_weekdays()
        and facility.opens_at <= start.time()
        and end.time() <= facility.closes_at
    )
    if not within:
        return {
            "starts_at": _("The facility is open %(hours)s only; choose a slot inside them.")
            % {"hours": opening_hours_text(facility)}
        }
    return {}


def _overlap_message(other: Booking | None) -> str:
    if other is None:
        return _("The facility is already booked for part of this time.")
    return _("The facility is already booked from %(start)s to %(end)s by %(organization)s.") % {
        "start": formats.date_format(_local(other.starts_at), "Y-m-d H:i"),
        "end": formats.time_format(_local(other.ends_at), "H:i"),
        "organization": other.organization.name,
    }


def booking_create(
    *, user, facility, organization, starts_at, ends_at, purpose, activity=None
) -> Booking:
    if not selectors.booking_organizations_for(user, facility).filter(pk=organization.pk).exists():
        raise ValidationError(
            {"organization": _("You cannot book this facility for this organization.")}
        )
    if not facility.active:
        raise ValidationError({"facility": _("This facility is not in use.")})
    errors = _check_slot(facility, starts_at, ends_at, timezone.now())
    if activity is not None and activity.organization_id != organization.pk:
        errors["activity"] = _("Link an activity of the organization the room is booked for.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            Facility.objects.select_for_update().filter(pk=facility.pk).first()
            overlapping = selectors.overlapping_bookings(facility, starts_at, ends_at)
            other = overlapping.order_by("starts_at").first()
            if other is not None:
                raise ValidationError({"starts_at": _overlap_message(other)})
            booking = Booking(
                facility=facility,
                organization=organization,
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=purpose,
                activity=activity,
                booked_by=user,
            )
            booking.full_clean()
            booking.save()
    except IntegrityError as exc:
        if OVERLAP_CONSTRAINT not in str(exc):
            raise
        raise ValidationError({"starts_at": _overlap_message(None)}) from exc
    return booking


@transaction.atomic
def booking_cancel(*, user, booking: Booking) -> Booking:
    booking = (
        Booking.objects.select_for_update()
        .select_related("organization", "facility__owner")
        .get(pk=booking.pk)
    )
    if booking.state != BookingState.BOOKED:
        raise ValidationError({"state": _("This booking was already cancelled.")})
    if not selectors.can_cancel_booking(user, booking):
        raise PermissionDenied
    booking.state = BookingState.CANCELLED
    booking.save(update_fields=["state"])
    return booking
