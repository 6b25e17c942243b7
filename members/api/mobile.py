"""Mobile members over the API: the records the user sees, with the page's filters, phone and
ID number masked, and a POST ``contact`` action through the same service as the page."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from config.text import TEXT_MAX_LENGTH
from members.api.base import MaskedPersonMixin
from members.filters.mobile import MobileMemberFilter
from members.models import ContactChannel, MobileContact, MobileMember, PermitRenewal
from members.selectors.mobile import mobile_records_with_log_for
from members.services.mobile import contact_record
from organizations import scoping


class MobileContactSerializer(serializers.ModelSerializer):
    contacted_by_name = serializers.SerializerMethodField()

    class Meta:
        model = MobileContact
        fields = [
            "id",
            "contacted_on",
            "channel",
            "contacted_by",
            "contacted_by_name",
            "outcome",
            "reached",
        ]
        read_only_fields = fields

    def get_contacted_by_name(self, contact) -> str:
        user = contact.contacted_by
        return user.get_full_name() or user.get_username()


class PermitRenewalSerializer(serializers.ModelSerializer):
    class Meta:
        model = PermitRenewal
        fields = ["id", "renewed_on", "valid_until", "permit_number"]
        read_only_fields = fields


class MobileMemberSerializer(MaskedPersonMixin, serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    last_contact_on = serializers.DateField(read_only=True, allow_null=True)
    renewals = PermitRenewalSerializer(many=True, read_only=True)
    contacts = MobileContactSerializer(many=True, read_only=True)

    class Meta:
        model = MobileMember
        fields = [
            "id",
            "direction",
            "category",
            "display_name",
            "member",
            "organization",
            "organization_name",
            "name",
            "gender",
            "id_number",
            "home_organization",
            "phone",
            "whereabouts",
            "grid_cell",
            "away_since",
            "fixed_place",
            "permit_number",
            "permit_issued_on",
            "permit_valid_until",
            "renewals",
            "last_contact_on",
            "contacts",
            "ended_on",
            "end_reason",
        ]
        read_only_fields = fields


class ContactInput(serializers.Serializer):
    contacted_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=ContactChannel.choices)
    outcome = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    reached = serializers.BooleanField(default=True)


class MobileMemberViewSet(viewsets.ReadOnlyModelViewSet):
    """Mobile member records of the organizations in the user's scope."""

    serializer_class = MobileMemberSerializer
    filterset_class = MobileMemberFilter

    def get_queryset(self):
        return mobile_records_with_log_for(self.request.user)

    @extend_schema(request=ContactInput, responses={201: MobileMemberSerializer})
    @action(detail=True, methods=["post"], serializer_class=ContactInput)
    def contact(self, request, pk=None):
        """Log a contact with the member (by the user calling)."""
        record = self.get_object()
        if not scoping.can_manage_path(request.user, record.organization.path):
            raise PermissionDenied
        data = ContactInput(data=request.data)
        data.is_valid(raise_exception=True)
        contact_record(actor=request.user, record=record, **data.validated_data)
        fresh = self.get_queryset().get(pk=record.pk)
        return Response(
            MobileMemberSerializer(fresh, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )


ROUTES = [("mobile-members", MobileMemberViewSet, "mobile-member")]
