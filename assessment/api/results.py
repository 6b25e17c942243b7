"""Results over the API, read-only: total, rank, grade and incentive per organization, when
they were computed and whether they are published; a secretary reads only their own. The
cadres' results likewise, for the organizations in the reader's scope."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from assessment.models import CadreResult, Result
from assessment.selectors.results import visible_cadre_results_for, visible_results_for
from organizations.filters import IdFilter


class ResultSerializer(serializers.ModelSerializer):
    scheme_name = serializers.CharField(source="scheme.name", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    published = serializers.BooleanField(source="scheme.is_published", read_only=True)
    published_at = serializers.DateTimeField(
        source="scheme.published_at", read_only=True, allow_null=True
    )

    class Meta:
        model = Result
        fields = [
            "id",
            "scheme",
            "scheme_name",
            "organization",
            "organization_name",
            "total",
            "rank",
            "grade",
            "incentive",
            "computed_at",
            "published",
            "published_at",
        ]
        read_only_fields = fields


class ResultFilter(django_filters.FilterSet):
    scheme = IdFilter(field_name="scheme_id", label=_("assessment scheme"))
    organization = IdFilter(field_name="organization_id", label=_("organization"))

    class Meta:
        model = Result
        fields = ["scheme", "organization"]


class ResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Results of the organizations in the user's scope, by scheme (``?scheme=``) and rank."""

    serializer_class = ResultSerializer
    filterset_class = ResultFilter

    def get_queryset(self):
        return visible_results_for(self.request.user)


class CadreResultSerializer(ResultSerializer):
    class Meta:
        model = CadreResult
        fields = [
            "id",
            "scheme",
            "scheme_name",
            "organization",
            "organization_name",
            "name",
            "role",
            "total",
            "rank",
            "grade",
            "incentive",
            "computed_at",
            "published",
            "published_at",
        ]
        read_only_fields = fields


class CadreResultFilter(ResultFilter):
    class Meta:
        model = CadreResult
        fields = ["scheme", "organization"]


class CadreResultViewSet(viewsets.ReadOnlyModelViewSet):
    """Results of the cadres of the organizations in the user's scope (schemes that rank
    their cadres), by scheme (``?scheme=``) and rank."""

    serializer_class = CadreResultSerializer
    filterset_class = CadreResultFilter

    def get_queryset(self):
        return visible_cadre_results_for(self.request.user)


ROUTES = [
    ("assessment-results", ResultViewSet, "assessment-result"),
    ("assessment-cadre-results", CadreResultViewSet, "assessment-cadre-result"),
]
