"""Household visits 入户走访 over the API: the visits of the grid cells in the user's scope,
newest first (``?household=``, ``?grid_cell=``, ``?visited_after=``, ``?visited_before=``,
both days included), and a POST to record one through the pages' service, the requesting
user as the visitor. A household the user does not see, a day still to come or an empty note
is a 400 naming the field, with nothing saved."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from activities.api.cobuilding.base import ScopedInput, ValidatesInput
from grid.models import Household
from organizations.filters import IdFilter
from residents.models import HouseholdVisit, Problem
from residents.selectors.households import visible_households_for
from residents.selectors.worker import household_visits_for, reported_open_problems_for
from residents.services.visits import household_visit_record


class HouseholdVisitSerializer(serializers.ModelSerializer):
    household_address = serializers.CharField(source="household.address", read_only=True)
    grid_cell = serializers.IntegerField(source="household.grid_cell_id", read_only=True)
    grid_cell_name = serializers.CharField(source="household.grid_cell.name", read_only=True)
    visitor_name = serializers.SerializerMethodField()

    class Meta:
        model = HouseholdVisit
        fields = [
            "id",
            "household",
            "household_address",
            "grid_cell",
            "grid_cell_name",
            "visited_on",
            "visitor",
            "visitor_name",
            "note",
            "problem",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_visitor_name(self, visit) -> str:
        return str(visit.visitor)


class HouseholdVisitFilter(django_filters.FilterSet):
    household = IdFilter(field_name="household_id", label=_("household"))
    grid_cell = IdFilter(field_name="household__grid_cell_id", label=_("grid cell"))
    visited_after = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="gte", label=_("visited on or after")
    )
    visited_before = django_filters.DateFilter(
        field_name="visited_on", lookup_expr="lte", label=_("visited on or before")
    )

    class Meta:
        model = HouseholdVisit
        fields = ["household", "grid_cell", "visited_after", "visited_before"]


# A visit recorded: the household is one of the user's grid cells (any other id, existing or
# not, is refused alike), the problem one of the open problems the user reported.
class HouseholdVisitInput(ScopedInput):
    scopes = {"household": visible_households_for, "problem": reported_open_problems_for}

    household = serializers.PrimaryKeyRelatedField(queryset=Household.objects.none())
    visited_on = serializers.DateField()
    note = serializers.CharField(max_length=5000)
    problem = serializers.PrimaryKeyRelatedField(
        queryset=Problem.objects.none(), required=False, allow_null=True
    )


class HouseholdVisitViewSet(
    ValidatesInput,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Household visits in the user's grid cells, newest first, and a POST to record one."""

    serializer_class = HouseholdVisitSerializer
    filterset_class = HouseholdVisitFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return household_visits_for(self.request.user)

    @extend_schema(request=HouseholdVisitInput, responses={201: HouseholdVisitSerializer})
    def create(self, request, *args, **kwargs):
        visit = household_visit_record(
            user=request.user, **self._input(HouseholdVisitInput, request.data)
        )
        fresh = self.get_queryset().get(pk=visit.pk)
        return Response(self.get_serializer(fresh).data, status=status.HTTP_201_CREATED)


ROUTES = [("household-visits", HouseholdVisitViewSet, "household-visit")]
