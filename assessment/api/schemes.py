"""Schemes over the API: read-only, as the user's streets set them up (categories, indicators
with the definition of the metric a computed one is computed with, grade bands), and a POST
to publish a scheme's results (a 403 for a user who does not manage its street)."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from assessment.metrics import registry
from assessment.models import (
    Category,
    GradeBand,
    Indicator,
    IndicatorKind,
    Scheme,
    SchemeState,
)
from assessment.selectors.schemes import schemes_with_setup_for
from assessment.services.results import scheme_publish
from organizations import scoping


@extend_schema_field(
    {
        "type": "string",
        "enum": IndicatorKind.values,
        "description": "* `computed` - computed from the records\n* `reviewed` - scored by reviewers",
    },
    component_name="IndicatorKindEnum",
)
class IndicatorKindField(serializers.ChoiceField):
    """An indicator's kind, a schema component of its own (other choice sets are named
    ``kind`` too)."""

    def __init__(self, **kwargs):
        super().__init__(choices=IndicatorKind.choices, read_only=True, **kwargs)


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name", "order"]
        read_only_fields = fields


class IndicatorSerializer(serializers.ModelSerializer):
    """A computed indicator names its metric, with the metric's label, definition and unit in
    the user's language; a reviewed one has none (an empty metric, nulls)."""

    kind = IndicatorKindField()
    metric = serializers.CharField(read_only=True)
    metric_label = serializers.SerializerMethodField()
    metric_definition = serializers.SerializerMethodField()
    metric_unit = serializers.SerializerMethodField()
    is_reviewer = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "category",
            "name",
            "kind",
            "metric",
            "metric_label",
            "metric_definition",
            "metric_unit",
            "weight",
            "max_score",
            "target",
            "order",
            "is_reviewer",
        ]
        read_only_fields = fields

    def _metric(self, indicator) -> registry.Metric | None:
        try:
            return registry.get(indicator.metric) if indicator.metric else None
        except KeyError:  # a metric no longer registered
            return None

    def get_metric_label(self, indicator) -> str | None:
        metric = self._metric(indicator)
        return str(metric.label) if metric else None

    def get_metric_definition(self, indicator) -> str | None:
        metric = self._metric(indicator)
        return str(metric.definition) if metric else None

    def get_metric_unit(self, indicator) -> str | None:
        metric = self._metric(indicator)
        return metric.unit if metric else None

    def get_is_reviewer(self, indicator) -> bool:
        """Whether the user asking is one of the indicator's reviewers."""
        user = self.context["request"].user
        return any(reviewer.pk == user.pk for reviewer in indicator.reviewers.all())


class GradeBandSerializer(serializers.ModelSerializer):
    class Meta:
        model = GradeBand
        fields = ["id", "name", "min_total", "incentive", "order"]
        read_only_fields = fields


class SchemeSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    categories = CategorySerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    grade_bands = GradeBandSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Scheme
        fields = [
            "id",
            "name",
            "organization",
            "organization_name",
            "level",
            "rank_cadres",
            "period_kind",
            "starts_on",
            "ends_on",
            "scoring_deadline",
            "state",
            "computed_at",
            "published_at",
            "copied_from",
            "categories",
            "indicators",
            "grade_bands",
            "actions",
        ]
        read_only_fields = fields

    def get_actions(self, scheme) -> list[str]:
        """The POST actions the user may take on the scheme now."""
        user = self.context["request"].user
        if scheme.state == SchemeState.OPEN and scoping.can_manage_organization(
            user, scheme.organization
        ):
            return ["publish"]
        return []


class PublishInput(serializers.Serializer):
    """``confirm``: publish although score sheets are unfinished; without it, unfinished
    sheets are a 400 naming them under ``confirm``."""

    confirm = serializers.BooleanField(default=False)


class SchemeFilter(django_filters.FilterSet):
    class Meta:
        model = Scheme
        fields = ["state", "level"]


class SchemeViewSet(viewsets.ReadOnlyModelViewSet):
    """The schemes of the user's streets, newest period first (``?state=``, ``?level=``)."""

    serializer_class = SchemeSerializer
    filterset_class = SchemeFilter

    def get_queryset(self):
        return schemes_with_setup_for(self.request.user)

    @extend_schema(request=PublishInput, responses=SchemeSerializer)
    @action(detail=True, methods=["post"], serializer_class=PublishInput)
    def publish(self, request, pk=None):
        """Publish the scheme's results, frozen with their scores (street staff of the
        street that owns it, while it is open for scoring)."""
        scheme = self.get_object()
        data = PublishInput(data=request.data)
        data.is_valid(raise_exception=True)
        scheme_publish(user=request.user, scheme=scheme, confirm=data.validated_data["confirm"])
        fresh = self.get_queryset().get(pk=scheme.pk)
        return Response(SchemeSerializer(fresh, context=self.get_serializer_context()).data)


ROUTES = [("assessment-schemes", SchemeViewSet, "assessment-scheme")]
