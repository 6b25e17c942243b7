"""Facilities and bookings in the admin, scoped like the pages: a facility by its owner (and
the facilities above one's posts, read only), a booking by its facility. Corrections only;
bookings are made on the pages or the API, whose service refuses overlaps."""

from django.contrib import admin

from activities.models import Activity
from grid.models import Community, GridCell
from organizations.admin.scoping import ScopedModelAdmin
from organizations.models import Organization, UnitOrganization
from residents.models import Booking, Facility
from residents.selectors import facilities as selectors


class _Choices:
    def related_choices(self, user, model):
        if model is UnitOrganization:
            return selectors.shareable_units_for(user)
        if model is Community:
            return selectors.facility_communities_for(user)
        if model is GridCell:
            return selectors.facility_cells_for(user)
        if model is Organization:
            return selectors.booking_organizations_for(user)
        if model is Activity:
            return selectors.booking_activities_for(user)
        if model is Facility:
            return selectors.manageable_facilities_for(user)
        return super().related_choices(user, model)


def _manageable_bookings(user, queryset):
    return queryset.filter(facility__in=selectors.manageable_facilities_for(user).values("pk"))


@admin.register(Facility)
class FacilityAdmin(_Choices, ScopedModelAdmin):
    view_scope = staticmethod(selectors.visible_facilities_for)
    manage_scope = staticmethod(selectors.manageable_facilities_for)
    list_display = ("name", "kind", "owner", "community", "capacity", "opens_at", "closes_at")
    list_filter = ("kind", "active")
    search_fields = ("name", "address", "owner__name")
    autocomplete_fields = ("owner", "grid_cell")
    list_select_related = ("owner", "community")
    filter_horizontal = ("shared_with",)


@admin.register(Booking)
class BookingAdmin(_Choices, ScopedModelAdmin):
    view_scope = staticmethod(selectors.visible_bookings_for)
    manage_scope = staticmethod(_manageable_bookings)
    list_display = ("facility", "organization", "starts_at", "ends_at", "state", "purpose")
    list_filter = ("state",)
    search_fields = ("facility__name", "organization__name", "purpose")
    autocomplete_fields = ("organization",)
    list_select_related = ("facility", "organization")
    date_hierarchy = "starts_at"
    exclude = ("booked_by",)
