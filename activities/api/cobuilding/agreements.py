"""Pairing agreements (结对共建) over the API: recorded and ended, never changed."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from activities.api.cobuilding.base import ScopedInput, ValidatesInput
from activities.models import PairingAgreement
from activities.selectors import cobuilding as selectors
from activities.services import cobuilding as services
from config.text import TEXT_MAX_LENGTH
from organizations import scoping
from organizations.filters import IdFilter
from organizations.models import Organization, TwoNewOrganization, UnitOrganization


class AgreementSerializer(serializers.ModelSerializer):
    branch_name = serializers.CharField(source="branch.name", read_only=True)
    partner_name = serializers.SerializerMethodField()
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = PairingAgreement
        fields = [
            "id",
            "branch",
            "branch_name",
            "unit",
            "two_new",
            "partner_name",
            "signed_on",
            "ends_on",
            "in_force",
            "content",
        ]
        read_only_fields = fields

    def get_partner_name(self, agreement) -> str:
        return agreement.partner.name if agreement.partner else ""

    def get_in_force(self, agreement) -> bool:
        return selectors.is_agreement_in_force(agreement)


class AgreementInput(ScopedInput):
    scopes = {
        "branch": scoping.visible_organizations_for,
        "unit": selectors.partner_units_for,
        "two_new": selectors.partner_two_new_for,
    }

    branch = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none())
    unit = serializers.PrimaryKeyRelatedField(
        queryset=UnitOrganization.objects.none(), required=False, allow_null=True
    )
    two_new = serializers.PrimaryKeyRelatedField(
        queryset=TwoNewOrganization.objects.none(), required=False, allow_null=True
    )
    signed_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    content = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class AgreementEndInput(serializers.Serializer):
    ended_on = serializers.DateField(required=False, allow_null=True)


class AgreementFilter(django_filters.FilterSet):
    community = IdFilter(field_name="branch__community_id", label=_("community"))

    class Meta:
        model = PairingAgreement
        fields = ["branch", "community"]


class PairingAgreementViewSet(
    ValidatesInput,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Pairing agreements (结对共建) of the branches the user sees."""

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter

    def get_queryset(self):
        return (
            selectors.visible_agreements_for(self.request.user)
            .select_related("branch", "unit", "two_new")
            .order_by("branch__path", "-signed_on", "id")
        )

    @extend_schema(request=AgreementInput, responses={201: AgreementSerializer})
    def create(self, request, *args, **kwargs):
        agreement = services.agreement_create(
            user=request.user, **self._input(AgreementInput, request.data)
        )
        return Response(self.get_serializer(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AgreementEndInput, responses={200: AgreementSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the agreement on ``ended_on`` (today if not given)."""
        agreement = self.get_object()
        data = self._input(AgreementEndInput, request.data)
        agreement = services.agreement_end(
            user=request.user, agreement=agreement, ended_on=data.get("ended_on")
        )
        return Response(self.get_serializer(agreement).data)
