"""Scores over the API: the scores of the organizations in the user's scope (a computed one
with its numerator, denominator and the path of its records), and a POST by which a reviewer
records a reviewed score with its reason, through the same service as the score sheet (a
refusal is a 400 naming the field, and nothing is saved)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from assessment.api.schemes import IndicatorKindField
from assessment.models import Indicator, Scheme, Score
from assessment.selectors.schemes import visible_schemes
from assessment.selectors.scores import visible_scores_for
from assessment.services.scores import score_record
from config.text import TEXT_MAX_LENGTH
from organizations.api.scoping import ScopedPrimaryKeyRelatedField
from organizations.filters import IdFilter
from organizations.models import Organization


class ScoreSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name", read_only=True)
    kind = IndicatorKindField(source="indicator.kind")
    max_score = serializers.DecimalField(
        source="indicator.max_score", max_digits=6, decimal_places=2, read_only=True
    )
    scored_by_name = serializers.SerializerMethodField()

    class Meta:
        model = Score
        fields = [
            "id",
            "scheme",
            "organization",
            "organization_name",
            "indicator",
            "indicator_name",
            "kind",
            "value",
            "max_score",
            "reason",
            "scored_by",
            "scored_by_name",
            "scored_at",
            "measure",
            "numerator",
            "denominator",
            "records",
        ]
        read_only_fields = fields

    def get_scored_by_name(self, score) -> str:
        """The reviewer's name; empty for a computed score."""
        return score.scored_by.get_full_name() if score.scored_by else ""


class ScopedSchemeField(ScopedPrimaryKeyRelatedField):
    """A scheme of the user's streets. A scheme belongs to its street's working committee,
    above a community's or a branch's posts: the generic choices (rows under the user's posts)
    would refuse it to a reviewer below the street, so the schemes selector narrows instead."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return self.queryset.none()
        return visible_schemes(request.user, self.queryset.all())


class ScoreInput(serializers.Serializer):
    """A reviewed score: the reviewer's value (0 to the indicator's maximum, 2 decimals at
    most) and the reason (required) for an organization on an indicator of the scheme."""

    scheme = ScopedSchemeField(queryset=Scheme.objects.all())
    organization = ScopedPrimaryKeyRelatedField(queryset=Organization.objects.all())
    indicator = ScopedPrimaryKeyRelatedField(queryset=Indicator.objects.all())
    value = serializers.DecimalField(max_digits=6, decimal_places=2)
    reason = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, allow_blank=True, required=False, default=""
    )

    def validate(self, attrs):
        # an indicator of another scheme is refused as a missing one would be
        if attrs["indicator"].scheme_id != attrs["scheme"].pk:
            field = self.fields["indicator"]
            raise serializers.ValidationError(
                {
                    "indicator": [
                        field.error_messages["does_not_exist"].format(
                            pk_value=attrs["indicator"].pk
                        )
                    ]
                }
            )
        return attrs


class ScoreFilter(django_filters.FilterSet):
    scheme = IdFilter(field_name="scheme_id", label=_("assessment scheme"))
    organization = IdFilter(field_name="organization_id", label=_("organization"))
    indicator = IdFilter(field_name="indicator_id", label=_("indicator"))

    class Meta:
        model = Score
        fields = ["scheme", "organization", "indicator"]


class ScoreViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Scores of the organizations in the user's scope (``?scheme=``, ``?organization=``,
    ``?indicator=``), in the order of the score sheet; a POST records a reviewed score."""

    serializer_class = ScoreSerializer
    filterset_class = ScoreFilter

    def get_queryset(self):
        return visible_scores_for(self.request.user)

    @extend_schema(request=ScoreInput, responses={201: ScoreSerializer})
    def create(self, request, *args, **kwargs):
        """Record (or change) a reviewed score, as a reviewer of the indicator, while the
        scheme is open and before its scoring deadline."""
        data = ScoreInput(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        score = score_record(
            user=request.user,
            indicator=fields["indicator"],
            organization=fields["organization"],
            value=fields["value"],
            reason=fields["reason"],
        )
        return Response(
            ScoreSerializer(score, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


ROUTES = [("assessment-scores", ScoreViewSet, "assessment-score")]
