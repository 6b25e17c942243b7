"""Volunteer service hours per member over the API (read only, computed per request)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets

from activities.models import Need
from activities.selectors.volunteer import volunteer_hours_by_member
from organizations import scoping
from organizations.filters import IdFilter, YearFilter


class VolunteerHoursSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member_id")
    member_name = serializers.CharField()
    branch = serializers.IntegerField(source="branch_id")
    branch_name = serializers.CharField()
    hours = serializers.DecimalField(max_digits=9, decimal_places=1)
    activities = serializers.IntegerField()


class VolunteerHoursFilter(django_filters.FilterSet):
    """``year`` (default: this year) and ``organization`` (one the user sees, and below)."""

    year = YearFilter(method="keep")
    organization = IdFilter(method="keep", label=_("organization"))

    class Meta:
        model = Need  # any model: the filter only reads parameters
        fields = ["year", "organization"]

    def keep(self, queryset, name, value):
        return queryset


class VolunteerHoursViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Volunteer service hours per member for a year, most hours first."""

    serializer_class = VolunteerHoursSerializer
    filter_backends = []
    queryset = Need.objects.none()  # for the schema; the rows are computed below

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="2000–2100; this year by default"),
            OpenApiParameter("organization", int, description="an organization and below"),
        ],
        responses={200: VolunteerHoursSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        form = VolunteerHoursFilter(request.query_params).form
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        year = int(form.cleaned_data.get("year") or timezone.localdate().year)
        organization = None
        if form.cleaned_data.get("organization"):
            organization = scoping.get_organization_for_user(
                request.user, int(form.cleaned_data["organization"])
            )
        rows = volunteer_hours_by_member(request.user, year, organization)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
