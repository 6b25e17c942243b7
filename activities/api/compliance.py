"""Compliance API: exemptions (list, read, grant through the service) and the compliance
calendar of an organization and year, and the overview of the organizations below."""

import django_filters
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from activities.models import Exemption
from activities.periods import parse_period
from activities.selectors.activities import all_types
from activities.selectors.compliance import (
    RequirementCell,
    compliance_calendar,
    compliance_overview,
    default_organization_for,
    visible_exemptions_for,
)
from activities.services.exemptions import exemption_create
from activities.services.report_figures import attendance_figures
from organizations import scoping
from organizations.filters import FIRST_YEAR, LAST_YEAR, IdFilter
from organizations.models import Organization


class ExemptionSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    activity_type_code = serializers.CharField(
        source="activity_type.code", read_only=True, default=None
    )
    activity_type_label = serializers.SerializerMethodField()

    class Meta:
        model = Exemption
        fields = [
            "id",
            "organization",
            "organization_name",
            "activity_type",
            "activity_type_code",
            "activity_type_label",
            "starts_on",
            "ends_on",
            "reason",
            "created_at",
        ]
        read_only_fields = fields

    def get_activity_type_label(self, exemption) -> str | None:
        return str(exemption.activity_type.label) if exemption.activity_type_id else None


class OverviewRowSerializer(serializers.Serializer):
    """One organization's required activities of the month and of the quarter."""

    organization = serializers.IntegerField(source="organization.pk")
    organization_name = serializers.CharField(source="organization.name")
    month = serializers.CharField(source="month.key")
    quarter = serializers.CharField(source="quarter.key")
    month_required = serializers.IntegerField()
    month_held = serializers.IntegerField()
    month_open = serializers.IntegerField()
    month_missing = serializers.IntegerField()
    quarter_required = serializers.IntegerField()
    quarter_held = serializers.IntegerField()
    quarter_open = serializers.IntegerField()
    quarter_missing = serializers.IntegerField()
    not_held = serializers.ListField(child=serializers.CharField(), source="open_labels")


class ExemptionInputSerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none())
    activity_type = serializers.PrimaryKeyRelatedField(
        queryset=all_types(), allow_null=True, required=False, default=None
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    reason = serializers.CharField(max_length=200)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:  # None: the schema generator
            self.fields["organization"].queryset = scoping.visible_organizations_for(user)


class ExemptionFilter(django_filters.FilterSet):
    organization = IdFilter(field_name="organization_id", label=_("organization"))
    activity_type = IdFilter(field_name="activity_type_id", label=_("activity type"))
    active_on = django_filters.DateFilter(method="in_force_on", label=_("in force on"))

    class Meta:
        model = Exemption
        fields = ["organization", "activity_type", "active_on"]

    def in_force_on(self, queryset, name, value):
        return queryset.filter(starts_on__lte=value, ends_on__gte=value)


class ExemptionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Exemptions of the organizations in the user's scope. An exemption is granted by the
    level above the organization (``POST``), never by the organization itself."""

    serializer_class = ExemptionSerializer
    filterset_class = ExemptionFilter

    def get_queryset(self):
        return visible_exemptions_for(self.request.user).order_by(
            "organization__path", "-starts_on"
        )

    @extend_schema(request=ExemptionInputSerializer, responses={201: ExemptionSerializer})
    def create(self, request, *args, **kwargs):
        serializer = ExemptionInputSerializer(data=request.data, user=request.user)
        serializer.is_valid(raise_exception=True)
        exemption = exemption_create(user=request.user, **serializer.validated_data)
        return Response(ExemptionSerializer(exemption).data, status=status.HTTP_201_CREATED)


def _cell(cell: RequirementCell | None) -> dict | None:
    if cell is None:
        return None
    exemption = cell.exemption
    return {
        "period": cell.period.key,
        "start": cell.period.start,
        "end": cell.period.end,
        "state": cell.state,
        "activities": cell.activities,
        "exemption": None
        if exemption is None
        else {
            "id": exemption.pk,
            "reason": exemption.reason,
            "starts_on": exemption.starts_on,
            "ends_on": exemption.ends_on,
        },
    }


class ComplianceViewSet(viewsets.ViewSet):
    """``GET /api/compliance/?organization=&year=``: the calendar (rows per required type,
    a cell per period of its frequency, ``null`` where not required; attendance per month,
    quarter and year). ``GET /api/compliance/overview/?organization=&month=``: the monthly
    and quarterly requirements of every organization below one."""

    def _organization(self, request, *, default: bool = False):
        pk = request.query_params.get("organization")
        if not pk and default:
            organization = default_organization_for(request.user)
            if organization is None:
                raise Http404
            return organization
        return scoping.get_organization_for_user(request.user, pk)

    def _year(self, request) -> int:
        year = request.query_params.get("year") or timezone.localdate().year
        try:
            year = int(year)
        except (TypeError, ValueError):
            year = 0
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise serializers.ValidationError({"year": _("Give a year between 2000 and 2100.")})
        return year

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "organization", OpenApiTypes.INT, description="default: the user's own"
            ),
            OpenApiParameter("year", OpenApiTypes.INT),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def list(self, request, *args, **kwargs):
        organization = self._organization(request, default=True)
        calendar = compliance_calendar(organization, self._year(request))
        return Response(
            {
                "organization": organization.pk,
                "organization_name": organization.name,
                "year": calendar.year,
                "rows": [
                    {
                        "activity_type": row.activity_type.pk,
                        "code": row.activity_type.code,
                        "label": row.label,
                        "requirement": row.requirement,
                        "frequency": row.frequency,
                        "cells": [_cell(cell) for cell in row.cells],
                        "attendance": attendance_figures(row.attendance),
                    }
                    for row in calendar.rows
                ],
                "attendance": {
                    "months": {
                        k: attendance_figures(c) for k, c in calendar.attendance_by_month.items()
                    },
                    "quarters": {
                        k: attendance_figures(c) for k, c in calendar.attendance_by_quarter.items()
                    },
                    "year": attendance_figures(calendar.attendance_year),
                },
            }
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("organization", OpenApiTypes.INT),
            OpenApiParameter("month", OpenApiTypes.STR, description="YYYY-MM"),
        ],
        responses={200: OverviewRowSerializer(many=True)},
    )
    @action(detail=False)
    def overview(self, request, *args, **kwargs):
        under = None
        if request.query_params.get("organization"):
            under = self._organization(request)
        month = request.query_params.get("month") or None
        if month is not None:
            try:
                parse_period(month)
            except ValueError as exc:
                raise serializers.ValidationError({"month": _("Give a month as YYYY-MM.")}) from exc
        rows = compliance_overview(request.user, month, under=under)
        return Response(OverviewRowSerializer(rows, many=True).data)


ROUTES = [
    ("activity-exemptions", ExemptionViewSet, "activity-exemption"),
    ("compliance", ComplianceViewSet, "compliance"),
]
