"""The residents' figures over the API, read only: ``?date_from=``, ``?date_to=`` (the
current year up to today by default) and ``?community=``; the rows of the grid cells and the
communities the user sees and the total, as on the figures page. A bad filter is a 400
naming the field."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from residents.forms.figures import FiguresFilterForm
from residents.selectors.figures import figures_for


class FigureRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", allow_null=True)
    code = serializers.CharField()
    name = serializers.CharField()
    community = serializers.CharField()
    households = serializers.IntegerField()
    in_need = serializers.IntegerField()
    by_category = serializers.ListField(child=serializers.IntegerField())
    paired = serializers.IntegerField()
    paired_share = serializers.FloatField(allow_null=True)
    opened = serializers.IntegerField()
    open_now = serializers.IntegerField()
    overdue_now = serializers.IntegerField()
    longest_open_days = serializers.IntegerField(allow_null=True)
    resolved = serializers.IntegerField()
    within_deadline = serializers.IntegerField()
    within_deadline_share = serializers.FloatField(allow_null=True)
    median_days = serializers.FloatField(allow_null=True)
    satisfied = serializers.IntegerField()
    basically = serializers.IntegerField()
    not_satisfied = serializers.IntegerField()
    satisfied_share = serializers.FloatField(allow_null=True)


class FigureCategorySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    code = serializers.CharField()
    name = serializers.CharField()


@extend_schema_serializer(many=False)  # one object, though the route is a list's
class FiguresSerializer(serializers.Serializer):
    date_from = serializers.DateField()
    date_to = serializers.DateField()
    today = serializers.DateField()
    categories = FigureCategorySerializer(many=True)
    communities = FigureRowSerializer(many=True)
    grid_cells = FigureRowSerializer(many=True, source="cells")
    total = FigureRowSerializer()


class ResidentsFiguresViewSet(viewsets.GenericViewSet):
    """The figures of the grid cells the user sees for a period (by_category: in the order of
    ``categories``)."""

    serializer_class = FiguresSerializer
    filter_backends = []
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("date_from", str, description="YYYY-MM-DD; 1 January by default"),
            OpenApiParameter("date_to", str, description="YYYY-MM-DD; today by default"),
            OpenApiParameter("community", int, description="one community the user sees"),
        ],
        responses={200: FiguresSerializer},
    )
    def list(self, request, *args, **kwargs):
        form = FiguresFilterForm(request.query_params or None, user=request.user)
        if form.is_bound and not form.is_valid():
            raise serializers.ValidationError(form.errors)
        community = form.cleaned_data.get("community") if form.is_bound else None
        date_from, date_to = form.period()
        figures = figures_for(request.user, date_from, date_to, community=community)
        return Response(FiguresSerializer(figures).data)


ROUTES = [("residents-figures", ResidentsFiguresViewSet, "residents-figures")]
