"""Households and pairings over the API, read-only and scoped by grid cell: each household of
the user's cells with its residents in need (ID numbers and phones masked), and each pairing
with its visits."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from accounts.privacy import mask_id_number, mask_phone
from grid.models import Household
from organizations.filters import IdFilter
from residents.models import NeedStatus, Pairing, PairingVisit, ResidentInNeed
from residents.selectors.households import pairing_list_for, visible_households_for


@extend_schema_field(
    {
        "type": "string",
        "enum": NeedStatus.values,
        "description": "\n".join(f"* `{value}` - {value}" for value in NeedStatus.values),
    },
    component_name="ResidentNeedStatusEnum",
)
class NeedStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=NeedStatus.choices, read_only=True, **kwargs)


class ResidentSerializer(serializers.ModelSerializer):
    status = NeedStatusField()
    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    categories = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = ResidentInNeed
        fields = ["id", "name", "birth_year", "id_number", "phone", "categories", "needs", "status"]
        read_only_fields = fields

    def get_id_number(self, resident) -> str:
        return mask_id_number(resident.id_number)

    def get_phone(self, resident) -> str:
        return mask_phone(resident.phone)


class HouseholdSerializer(serializers.ModelSerializer):
    residents_in_need = ResidentSerializer(many=True, read_only=True)

    class Meta:
        model = Household
        fields = [
            "id",
            "grid_cell",
            "building",
            "address",
            "size",
            "is_central_household",
            "residents_in_need",
        ]
        read_only_fields = fields


class HouseholdFilter(django_filters.FilterSet):
    grid_cell = IdFilter(field_name="grid_cell_id", label=_("grid cell"))

    class Meta:
        model = Household
        fields = ["grid_cell"]


class HouseholdViewSet(viewsets.ReadOnlyModelViewSet):
    """Households of the user's grid cells with their residents in need (masked)."""

    serializer_class = HouseholdSerializer
    filterset_class = HouseholdFilter

    def get_queryset(self):
        return (
            visible_households_for(self.request.user)
            .prefetch_related("residents_in_need__categories")
            .order_by("pk")
        )


class VisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = PairingVisit
        fields = ["id", "visited_on", "member", "done", "hours", "outcome"]
        read_only_fields = fields


class PairingSerializer(serializers.ModelSerializer):
    visits = VisitSerializer(many=True, read_only=True)

    class Meta:
        model = Pairing
        fields = [
            "id",
            "household",
            "member",
            "organization",
            "unit",
            "started_on",
            "ended_on",
            "goal",
            "visits",
        ]
        read_only_fields = fields


class PairingFilter(django_filters.FilterSet):
    household = IdFilter(field_name="household_id", label=_("household"))

    class Meta:
        model = Pairing
        fields = ["household"]


class PairingViewSet(viewsets.ReadOnlyModelViewSet):
    """Pairings of the households of the user's grid cells, with their visits."""

    serializer_class = PairingSerializer
    filterset_class = PairingFilter

    def get_queryset(self):
        return pairing_list_for(self.request.user).prefetch_related("visits").order_by("pk")


ROUTES = [
    ("households", HouseholdViewSet, "household"),
    ("pairings", PairingViewSet, "pairing"),
]
