"""Facilities and their bookings: who sees them, who books and manages them.

A facility serves the organizations on its owner's line of the tree: its owner, everything
below it (a community's centre serves the community committee and its branches) and the
committees above it (the street's). A user sees a facility when its owner lies in their scope
or above one of their posts; they see every booking of a facility they see (which
organization booked which slot), since those are the users who may book it. Units sharing a
facility are listed on it; their slots are booked by an organization of the tree for them.
"""

import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from activities.models import Activity
from grid.models import Community
from organizations import scoping
from organizations.models import Organization, UnitOrganization
from residents.models import Booking, BookingState, Facility


def _get_or_404(qs: QuerySet, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def visible_facilities_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Facility.objects.all() if queryset is None else queryset
    in_scope = scoping.scoped(user, Facility.objects.all(), org_field="owner").values("pk")
    above = scoping.ids_at_and_above_posts(user)
    return qs.filter(Q(pk__in=in_scope) | Q(owner_id__in=above))


def manageable_facilities_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Facility.objects.all() if queryset is None else queryset
    return scoping.scoped_for_manage(user, qs, org_field="owner")


def get_facility_for_user(user, pk) -> Facility:
    return _get_or_404(visible_facilities_for(user).select_related("owner", "community"), pk)


def can_manage_facility(user, facility: Facility) -> bool:
    return scoping.can_manage_path(user, facility.owner.path)


def serves(facility: Facility, organization: Organization) -> bool:
    """Does the facility serve the organization (on its owner's line of the tree)?"""
    owner = facility.owner.path
    return scoping.is_under(organization.path, [owner]) or scoping.is_under(
        owner, [organization.path]
    )


def booking_organizations_for(user, facility: Facility | None = None) -> QuerySet:
    """Organizations the user may book for (those they manage that are not dissolved); with
    ``facility``, those the facility serves."""
    qs = scoping.manageable_organizations_for(
        user, Organization.objects.filter(dissolved_on__isnull=True)
    ).order_by("path")
    if facility is None:
        return qs
    served = [org.pk for org in qs if serves(facility, org)]
    return qs.filter(pk__in=served)


def bookable_facilities_for(user) -> QuerySet:
    """Facilities in use the user may book for one of their organizations."""
    orgs = list(booking_organizations_for(user))
    ids = [
        f.pk
        for f in visible_facilities_for(user).filter(active=True).select_related("owner")
        if any(serves(f, org) for org in orgs)
    ]
    return Facility.objects.filter(pk__in=ids).select_related("owner").order_by("name", "id")


def shareable_units_for(user) -> QuerySet:
    """Units a facility may be shared with: those of the communities the user sees."""
    q = scoping.visible_community_q(user)
    qs = UnitOrganization.objects.all()
    return (qs.filter(q) if q is not None else qs.none()).order_by("community_id", "name")


def booking_activities_for(user) -> QuerySet:
    """Activities a booking may be linked to: those of organizations the user manages."""
    qs = scoping.scoped_for_manage(user, Activity.objects.all())
    return qs.select_related("organization").order_by("-held_on", "id")


def visible_bookings_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Booking.objects.all() if queryset is None else queryset
    return qs.filter(facility__in=visible_facilities_for(user).values("pk"))


def get_booking_for_user(user, pk) -> Booking:
    qs = visible_bookings_for(user).select_related("facility__owner", "organization", "activity")
    return _get_or_404(qs, pk)


def can_cancel_booking(user, booking: Booking) -> bool:
    """The booking organization's managers and the facility's managers cancel a booking."""
    return booking.state == BookingState.BOOKED and (
        scoping.can_manage_path(user, booking.organization.path)
        or scoping.can_manage_path(user, booking.facility.owner.path)
    )


def overlapping_bookings(facility: Facility, starts_at, ends_at) -> QuerySet:
    """Booked bookings of the facility that overlap [starts_at, ends_at)."""
    return Booking.objects.filter(
        facility=facility,
        state=BookingState.BOOKED,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).select_related("organization")


def facilities_with_next_bookings(user, now: datetime.datetime, count: int = 3) -> list[Facility]:
    """The facilities the user sees, each with ``next_bookings``: its first ``count`` booked
    bookings not yet over (two queries, whatever the number of facilities)."""
    upcoming = Booking.objects.filter(state=BookingState.BOOKED, ends_at__gt=now).select_related(
        "organization"
    )
    facilities = list(
        visible_facilities_for(user)
        .select_related("owner", "community")
        .prefetch_related(
            Prefetch("bookings", queryset=upcoming.order_by("starts_at"), to_attr="upcoming")
        )
        .order_by("owner__path", "name", "id")
    )
    for facility in facilities:
        facility.next_bookings = facility.upcoming[:count]
    return facilities


def bookings_between(user, facility: Facility, start, end) -> QuerySet:
    """The facility's bookings (booked and cancelled) that touch [start, end)."""
    return (
        visible_bookings_for(user)
        .filter(facility=facility, starts_at__lt=end, ends_at__gt=start)
        .select_related("organization", "activity")
        .order_by("starts_at", "id")
    )


def facility_communities_for(user) -> QuerySet:
    """Communities a facility may stand in: those the user sees."""
    q = scoping.visible_community_q(user, field=None)
    qs = Community.objects.all()
    return (qs.filter(q) if q is not None else qs.none()).order_by("street_id", "code", "id")


def facility_cells_for(user) -> QuerySet:
    return scoping.visible_grid_cells_for(user).order_by("community_id", "id")
