"""Flags of weak and lax organizations over the API, read-only: each flag of the user's scope
with its reasons (codes, figures and the sentence), the decisions taken and the rectification
plan's measures; a secretary reads only their own branch's."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from assessment.models import FlagState, RectificationItem, WeakFlag
from assessment.selectors.weak import reason_text
from assessment.selectors.weak_flags import flag_list_for
from organizations.filters import IdFilter


@extend_schema_field(
    {
        "type": "string",
        "enum": FlagState.values,
        "description": "\n".join(f"* `{value}` - {value}" for value in FlagState.values),
    },
    component_name="WeakFlagStateEnum",
)
class FlagStateField(serializers.ChoiceField):
    """A flag's state, a schema component of its own (other models have states too)."""

    def __init__(self, **kwargs):
        super().__init__(choices=FlagState.choices, read_only=True, **kwargs)


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)
    figures = serializers.DictField(read_only=True)


class RectificationItemSerializer(serializers.ModelSerializer):
    owner_label = serializers.CharField(read_only=True)

    class Meta:
        model = RectificationItem
        fields = ["id", "text", "owner", "owner_label", "deadline", "done_at", "evidence"]
        read_only_fields = fields


class WeakFlagSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    state = FlagStateField()
    reasons = serializers.SerializerMethodField()
    plan_summary = serializers.SerializerMethodField()
    plan_items = serializers.SerializerMethodField()

    class Meta:
        model = WeakFlag
        fields = [
            "id",
            "organization",
            "organization_name",
            "street",
            "reviewed_on",
            "state",
            "reasons",
            "flagged_at",
            "decided_by",
            "decided_at",
            "dismissal_reason",
            "signed_off_by",
            "signed_off_at",
            "plan_summary",
            "plan_items",
        ]
        read_only_fields = fields

    @extend_schema_field(ReasonSerializer(many=True))
    def get_reasons(self, flag) -> list[dict]:
        return [
            {
                "code": reason.get("code", ""),
                "text": reason_text(reason),
                "figures": {k: v for k, v in reason.items() if k != "code"},
            }
            for reason in flag.reasons or []
        ]

    def get_plan_summary(self, flag) -> str:
        plan = getattr(flag, "plan", None)
        return plan.summary if plan else ""

    @extend_schema_field(RectificationItemSerializer(many=True))
    def get_plan_items(self, flag) -> list[dict]:
        plan = getattr(flag, "plan", None)
        items = plan.items.all() if plan else []
        return RectificationItemSerializer(items, many=True).data


class WeakFlagFilter(django_filters.FilterSet):
    organization = IdFilter(field_name="organization_id", label=_("organization"))
    state = django_filters.ChoiceFilter(
        choices=FlagState.choices, label=pgettext_lazy("weak flag state", "state")
    )

    class Meta:
        model = WeakFlag
        fields = ["organization", "state"]


class WeakFlagViewSet(viewsets.ReadOnlyModelViewSet):
    """Flags of weak and lax organizations in the user's scope, the latest review first."""

    serializer_class = WeakFlagSerializer
    filterset_class = WeakFlagFilter

    def get_queryset(self):
        return flag_list_for(self.request.user)


ROUTES = [("assessment-weak-flags", WeakFlagViewSet, "assessment-weak-flag")]
