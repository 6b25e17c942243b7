"""Democratic appraisals over the API, read-only: an appraisal of the user's scope with its
state, meeting and list (each member's self-assessment, mutual appraisal counts, grade and
follow-up); a branch's secretary reads only their branch's. Changes are made on the pages."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import serializers, viewsets

from assessment.models import Appraisal, AppraisalEntry, AppraisalFollowUp, AppraisalState
from assessment.selectors.appraisals import visible_appraisals_for
from organizations.filters import IdFilter


class AppraisalFollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = AppraisalFollowUp
        fields = ["id", "measures", "deadline", "outcome", "closed_at"]
        read_only_fields = fields


class AppraisalEntrySerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    grade_code = serializers.CharField(source="grade.code", read_only=True, allow_null=True)
    grade_name = serializers.CharField(source="grade.name", read_only=True, allow_null=True)
    follow_up = AppraisalFollowUpSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AppraisalEntry
        fields = [
            "id",
            "member",
            "member_name",
            "self_assessment",
            "votes_excellent",
            "votes_qualified",
            "votes_basic",
            "votes_unqualified",
            "grade",
            "grade_code",
            "grade_name",
            "remarks",
            "follow_up",
        ]
        read_only_fields = fields


class AppraisalSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    entry_count = serializers.IntegerField(read_only=True)
    top_count = serializers.IntegerField(read_only=True)
    failing_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Appraisal
        fields = [
            "id",
            "organization",
            "organization_name",
            "year",
            "state",
            "excellent_cap_percent",
            "meeting_date",
            "activity",
            "opened_at",
            "decided_at",
            "confirmed_at",
            "entry_count",
            "top_count",
            "failing_count",
        ]
        read_only_fields = fields


class AppraisalDetailSerializer(AppraisalSerializer):
    entries = AppraisalEntrySerializer(many=True, read_only=True)

    class Meta(AppraisalSerializer.Meta):
        fields = [*AppraisalSerializer.Meta.fields, "entries"]
        read_only_fields = fields


class AppraisalFilter(django_filters.FilterSet):
    organization = IdFilter(field_name="organization_id", label=_("branch"))
    year = IdFilter(field_name="year", label=pgettext_lazy("appraisal", "year"))
    state = django_filters.ChoiceFilter(
        choices=AppraisalState.choices, label=pgettext_lazy("appraisal state", "state")
    )

    class Meta:
        model = Appraisal
        fields = ["organization", "year", "state"]


class AppraisalViewSet(viewsets.ReadOnlyModelViewSet):
    """Appraisals of the branches in the user's scope (``?organization=``, ``?year=``,
    ``?state=``), newest year first; one appraisal with its list."""

    filterset_class = AppraisalFilter

    def get_serializer_class(self):
        return AppraisalDetailSerializer if self.action == "retrieve" else AppraisalSerializer

    def get_queryset(self):
        queryset = visible_appraisals_for(self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                "entries__member", "entries__grade", "entries__follow_up"
            )
        return queryset


ROUTES = [("assessment-appraisals", AppraisalViewSet, "assessment-appraisal")]
