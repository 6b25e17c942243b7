"""Serializers of the transfer API: the transfer as read, and one input per action whose
fields are the service's keyword arguments (shapes only; the services check the rules)."""

from rest_framework import serializers

from config.text import TEXT_MAX_LENGTH
from grid.models import GridCell
from members.api.base import MaskedPersonMixin
from members.models import (
    Education,
    EmploymentCategory,
    Gender,
    Member,
    MemberStatus,
    Transfer,
    TransferEvent,
)
from members.selectors.roll import visible_members_for
from members.selectors.transfers import receiving_organizations
from members.services.transfers import is_pocket_member_case
from organizations import scoping
from organizations.api.scoping import ScopedPrimaryKeyRelatedField
from organizations.models import Organization


class TransferEventSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.username", default=None, read_only=True)
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)

    class Meta:
        model = TransferEvent
        fields = ["at", "by", "from_state", "to_state", "note"]


class TransferSerializer(MaskedPersonMixin, serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    from_organization_name = serializers.CharField(
        source="from_organization.name", default=None, read_only=True
    )
    to_organization_name = serializers.CharField(
        source="to_organization.name", default=None, read_only=True
    )
    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    pocket_member = serializers.SerializerMethodField()
    events = TransferEventSerializer(many=True, read_only=True)

    class Meta:
        model = Transfer
        fields = [
            "id",
            "direction",
            "state",
            "state_display",
            "member",
            "name",
            "id_number",
            "phone",
            "from_organization",
            "from_organization_name",
            "to_organization",
            "to_organization_name",
            "external_organization",
            "external_contact",
            "reason",
            "letter_number",
            "letter_issued_on",
            "valid_until",
            "reported_on",
            "late_report_reason",
            "receipt_on",
            "completed_on",
            "closed_on",
            "closing_reason",
            "batch",
            "pocket_member",
            "events",
        ]
        read_only_fields = fields

    def get_pocket_member(self, transfer) -> bool:
        return is_pocket_member_case(transfer)


def _user(serializer):
    request = serializer.context.get("request")
    return request.user if request is not None else None


class TransferDestinationInput(serializers.Serializer):
    # any organization may receive a member: the browsable API asks for its number instead
    # of listing every organization of every street as options
    to_organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.none(),
        required=False,
        allow_null=True,
        default=None,
        style={"base_template": "input.html", "input_type": "number"},
    )
    external_organization = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    external_contact = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organization"].queryset = receiving_organizations()


class TransferCreateInput(TransferDestinationInput):
    member = serializers.PrimaryKeyRelatedField(queryset=Member.objects.none())
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self)
        if user is not None:
            self.fields["member"].queryset = visible_members_for(user)


class TransferBatchInput(TransferDestinationInput):
    members = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Member.objects.none(), allow_empty=True
    )
    title = serializers.CharField(max_length=150, allow_blank=True)
    reason = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True, default=""
    )
    issued_on = serializers.DateField(required=False, allow_null=True, default=None)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self)
        if user is not None:
            self.fields["members"].child_relation.queryset = visible_members_for(user)


class TransferIncomingInput(serializers.Serializer):
    to_organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none())
    external_organization = serializers.CharField(max_length=200, allow_blank=True)
    external_contact = serializers.CharField(max_length=200, allow_blank=True)
    letter_number = serializers.CharField(max_length=40, allow_blank=True)
    letter_issued_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=50)
    gender = serializers.ChoiceField(choices=Gender.choices)
    birth_date = serializers.DateField()
    id_number = serializers.CharField(max_length=18)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    # named as on the member API (``member_status`` in the service)
    status = serializers.ChoiceField(choices=MemberStatus.choices)
    joined_on = serializers.DateField()
    full_member_on = serializers.DateField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self)
        if user is not None:
            # visible, so that one the user does not manage is refused by the service (403)
            self.fields["to_organization"].queryset = scoping.visible_organizations_for(user)


class TransferIssueInput(serializers.Serializer):
    issued_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    letter_number = serializers.CharField(
        max_length=40, required=False, allow_blank=True, default=""
    )


class TransferReportInput(serializers.Serializer):
    reported_on = serializers.DateField()
    late_report_reason = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True, default=""
    )


class TransferReceiptInput(serializers.Serializer):
    receipt_on = serializers.DateField()


class TransferCompleteInput(serializers.Serializer):
    """For a member from outside, what the roll needs beyond the letter (optional)."""

    completed_on = serializers.DateField()
    ethnicity = serializers.CharField(max_length=20, required=False)
    education = serializers.ChoiceField(choices=Education.choices, required=False)
    employment = serializers.ChoiceField(choices=EmploymentCategory.choices, required=False)
    workplace = serializers.CharField(max_length=150, required=False, allow_blank=True)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True)
    grid_cell = ScopedPrimaryKeyRelatedField(
        queryset=GridCell.objects.all(), required=False, allow_null=True
    )


class TransferCancelInput(serializers.Serializer):
    cancelled_on = serializers.DateField()
    reason = serializers.CharField(max_length=200, allow_blank=True)


class TransferRejectInput(serializers.Serializer):
    rejected_on = serializers.DateField()
    reason = serializers.CharField(max_length=200, allow_blank=True)


STEP_INPUTS = {
    "issue": TransferIssueInput,
    "report": TransferReportInput,
    "receipt": TransferReceiptInput,
    "complete": TransferCompleteInput,
    "cancel": TransferCancelInput,
    "reject": TransferRejectInput,
}
