"""Members over the API: the same scoping, filters, masking and services as the pages.

ID numbers and phones are masked; ``?unmask=1`` shows them to users allowed to see them,
and each member shown that way is written to the unmasking log."""

from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

import members.services.roll as roll
from accounts.privacy import mask_id_number, mask_phone
from members.filters.roll import MemberFilter
from members.forms.roll import MEMBER_FIELDS
from members.models import Member, SensitiveAccess
from members.selectors.roll import may_manage_member, member_list_for, members_with_pks
from organizations import scoping
from organizations.models import Organization


class MemberSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Member
        fields = ["id", *MEMBER_FIELDS, "organization_name", "left_on", "left_reason"]
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("unmasked"):
            data["id_number"] = mask_id_number(instance.id_number)
            data["phone"] = mask_phone(instance.phone)
        return data


class MemberInputSerializer(serializers.ModelSerializer):
    """Validates shapes only; the rules are checked by the service, which names the field."""

    class Meta:
        model = Member
        fields = MEMBER_FIELDS
        extra_kwargs = {"id_number": {"validators": []}}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["organization"].queryset = scoping.visible_organizations_for(user)
            self.fields["party_group"].queryset = scoping.visible_organizations_for(user)

    def validate(self, attrs):
        return attrs  # model-level checks run in the service (full_clean)


class MemberViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = MemberSerializer
    filterset_class = MemberFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return member_list_for(self.request.user)

    def _unmasked(self) -> bool:
        if self.request.query_params.get("unmask") not in ("1", "true"):
            return False
        if not roll.can_see_sensitive(self.request.user):
            raise PermissionDenied("You may not see ID numbers and phones unmasked.")
        return True

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "unmasked": getattr(self, "unmasked", False)}

    def list(self, request, *args, **kwargs):
        self.unmasked = self._unmasked()
        response = super().list(request, *args, **kwargs)
        if self.unmasked:
            ids = [row["id"] for row in response.data["results"]]
            roll.sensitive_access_log(
                actor=request.user,
                members=members_with_pks(ids),
                channel=SensitiveAccess.Channel.API,
            )
        return response

    def retrieve(self, request, *args, **kwargs):
        self.unmasked = self._unmasked()
        member = self.get_object()
        if self.unmasked:
            roll.sensitive_access_log(
                actor=request.user, members=[member], channel=SensitiveAccess.Channel.API
            )
        return Response(self.get_serializer(member).data)

    def create(self, request, *args, **kwargs):
        if not request.user.has_perm("members.add_member"):
            raise PermissionDenied
        serializer = MemberInputSerializer(data=request.data, user=request.user)
        serializer.is_valid(raise_exception=True)
        member = roll.member_create(actor=request.user, **serializer.validated_data)
        return Response(MemberSerializer(member).data, status=status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        member = self.get_object()
        if not may_manage_member(request.user, member):
            raise PermissionDenied
        serializer = MemberInputSerializer(
            member, data=request.data, partial=True, user=request.user
        )
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        organization: Organization | None = fields.pop("organization", None)
        if organization is not None and organization.pk != member.organization_id:
            fields["organization"] = organization  # the service refuses it with a message
        member = roll.member_update(actor=request.user, member=member, **fields)
        return Response(MemberSerializer(member).data)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


ROUTES = [("members", MemberViewSet, "member")]
