"""Responsibility letters over the API, read-only: each letter in the user's scope with its
completion figures and its target items (who is responsible, the deadline, the evidence,
when and by whom an item was marked done)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, viewsets

from assessment.models import ResponsibilityLetter, TargetItem
from assessment.selectors.targets import letters_with_items_for
from organizations.filters import IdFilter, YearFilter


class TargetItemSerializer(serializers.ModelSerializer):
    responsible = serializers.CharField(read_only=True)
    done = serializers.BooleanField(source="is_done", read_only=True)

    class Meta:
        model = TargetItem
        fields = [
            "id",
            "order",
            "text",
            "owner",
            "owner_name",
            "responsible",
            "deadline",
            "done",
            "evidence",
            "done_at",
            "done_by",
        ]
        read_only_fields = fields


class ResponsibilityLetterSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    issued_by_name = serializers.CharField(source="issued_by.name", read_only=True)
    items_total = serializers.IntegerField(read_only=True)
    items_done = serializers.IntegerField(read_only=True)
    items_overdue = serializers.IntegerField(read_only=True)
    items = TargetItemSerializer(many=True, read_only=True)

    class Meta:
        model = ResponsibilityLetter
        fields = [
            "id",
            "title",
            "year",
            "organization",
            "organization_name",
            "cadre",
            "issued_by",
            "issued_by_name",
            "state",
            "signed_on",
            "items_total",
            "items_done",
            "items_overdue",
            "items",
        ]
        read_only_fields = fields


class LetterFilter(django_filters.FilterSet):
    year = YearFilter(field_name="year", label=_("year"))
    organization = IdFilter(field_name="organization_id", label=_("organization"))

    class Meta:
        model = ResponsibilityLetter
        fields = ["year", "organization", "state"]


class ResponsibilityLetterViewSet(viewsets.ReadOnlyModelViewSet):
    """The responsibility letters of the organizations in the user's scope, newest year
    first (``?year=``, ``?organization=``, ``?state=``); ``items_overdue`` counts the items
    not done whose deadline has passed."""

    serializer_class = ResponsibilityLetterSerializer
    filterset_class = LetterFilter

    def get_queryset(self):
        return letters_with_items_for(self.request.user, timezone.localdate())


ROUTES = [("assessment-letters", ResponsibilityLetterViewSet, "assessment-letter")]
