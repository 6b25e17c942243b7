"""Facilities and their bookings over the API: the facilities a user sees, their bookings,
booking a slot (POST, the pages' service: an overlap or a slot outside the opening hours is a
400 naming ``starts_at``) and cancelling one."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from activities.api.cobuilding.base import ScopedInput, ValidatesInput
from activities.models import Activity
from organizations.filters import FIRST_YEAR, LAST_YEAR, DateTimeFilter, IdFilter
from organizations.models import Organization
from residents.models import Booking, Facility
from residents.selectors import facilities as selectors
from residents.services import facilities as services


class FacilitySerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.name", read_only=True)
    opening_hours = serializers.SerializerMethodField()

    class Meta:
        model = Facility
        fields = [
            "id",
            "name",
            "kind",
            "owner",
            "owner_name",
            "community",
            "grid_cell",
            "address",
            "capacity",
            "opens_at",
            "closes_at",
            "open_days",
            "opening_hours",
            "shared_with",
            "active",
        ]
        read_only_fields = fields

    def get_opening_hours(self, facility) -> str:
        return services.opening_hours_text(facility)


class FacilityFilter(django_filters.FilterSet):
    community = IdFilter(field_name="community_id", label=_("community"))

    class Meta:
        model = Facility
        fields = ["kind", "community", "active"]


class FacilityViewSet(viewsets.ReadOnlyModelViewSet):
    """Facilities (activity centres, service centres, rooms) the user sees."""

    serializer_class = FacilitySerializer
    filterset_class = FacilityFilter

    def get_queryset(self):
        return (
            selectors.visible_facilities_for(self.request.user)
            .select_related("owner")
            .prefetch_related("shared_with")
            .order_by("owner__path", "name", "id")
        )


class BookingSerializer(serializers.ModelSerializer):
    facility_name = serializers.CharField(source="facility.name", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "facility",
            "facility_name",
            "organization",
            "organization_name",
            "starts_at",
            "ends_at",
            "purpose",
            "activity",
            "state",
            "created_at",
        ]
        read_only_fields = fields


# A booking asked for: choices are the facilities the user may book, the organizations they
# book for and the activities of those organizations.
class BookingInput(ScopedInput):
    scopes = {
        "facility": selectors.bookable_facilities_for,
        "organization": selectors.booking_organizations_for,
        "activity": selectors.booking_activities_for,
    }

    facility = serializers.PrimaryKeyRelatedField(queryset=Facility.objects.none())
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none())
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    purpose = serializers.CharField(max_length=200)
    activity = serializers.PrimaryKeyRelatedField(
        queryset=Activity.objects.none(), required=False, allow_null=True
    )

    def _in_years(self, value):
        if not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise serializers.ValidationError(
                _("Give a time between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return value

    validate_starts_at = _in_years
    validate_ends_at = _in_years


class BookingFilter(django_filters.FilterSet):
    facility = IdFilter(field_name="facility_id", label=_("facility"))
    starts_after = DateTimeFilter(field_name="ends_at", lookup_expr="gt", label=_("ends after"))
    starts_before = DateTimeFilter(
        field_name="starts_at", lookup_expr="lt", label=_("starts before")
    )

    class Meta:
        model = Booking
        fields = ["facility", "state", "starts_after", "starts_before"]


class FacilityBookingViewSet(
    ValidatesInput,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Bookings of the facilities the user sees (which organization booked which slot)."""

    serializer_class = BookingSerializer
    filterset_class = BookingFilter

    def get_queryset(self):
        return (
            selectors.visible_bookings_for(self.request.user)
            .select_related("facility", "organization")
            .order_by("starts_at", "id")
        )

    @extend_schema(request=BookingInput, responses={201: BookingSerializer})
    def create(self, request, *args, **kwargs):
        booking = services.booking_create(
            user=request.user, **self._input(BookingInput, request.data)
        )
        fresh = self.get_queryset().get(pk=booking.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: BookingSerializer})
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel the booking: its slot is free again."""
        booking = services.booking_cancel(user=request.user, booking=self.get_object())
        return Response(self.get_serializer(booking).data)


ROUTES = [
    ("facilities", FacilityViewSet, "facility"),
    ("facility-bookings", FacilityBookingViewSet, "facility-booking"),
]
