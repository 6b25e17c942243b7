"""Dues API: the records in the user's scope (with a ``pay`` action) and the rate table."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from members.filters.dues import DuesRecordFilter
from members.models import DuesRate, DuesRecord
from members.selectors.dues import dues_rates, dues_records_for
from members.services.dues import dues_payment_record


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2026-12"})
class MonthField(serializers.DateField):
    """A month, given as YYYY-MM."""

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m", **kwargs)


class DuesRecordSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)
    # the organization that held the membership in that month
    organization = serializers.IntegerField(source="organization_id", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    month = MonthField(read_only=True)
    is_paid = serializers.BooleanField(read_only=True)
    # Plain strings: the roll's API already names the employment choices in the schema.
    category = serializers.CharField(read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = DuesRecord
        fields = [
            "id",
            "member",
            "member_name",
            "organization",
            "organization_name",
            "month",
            "category",
            "category_display",
            "income",
            "expected",
            "paid",
            "paid_on",
            "is_paid",
        ]
        read_only_fields = fields


class DuesPaymentInputSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=8, decimal_places=2)
    paid_on = serializers.DateField()


class DuesRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Monthly dues records of the members the user may see; filter by ``member``,
    ``month`` (YYYY-MM) and ``paid``. ``POST …/pay/`` records a payment."""

    serializer_class = DuesRecordSerializer
    filterset_class = DuesRecordFilter

    def get_queryset(self):
        return dues_records_for(self.request.user)

    @extend_schema(request=DuesPaymentInputSerializer, responses=DuesRecordSerializer)
    @action(detail=True, methods=["post"])
    def pay(self, request, pk=None):
        record = self.get_object()
        data = DuesPaymentInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dues_payment_record(actor=request.user, record=record, **data.validated_data)
        record.refresh_from_db()
        return Response(self.get_serializer(record).data)


class DuesRateSerializer(serializers.ModelSerializer):
    category = serializers.CharField(read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)

    class Meta:
        model = DuesRate
        fields = [
            "id",
            "category",
            "category_display",
            "income_above",
            "income_up_to",
            "percent",
            "fixed_min",
            "fixed_max",
        ]
        read_only_fields = fields


class DuesRateViewSet(viewsets.ReadOnlyModelViewSet):
    """The dues rate table (the same for everyone; edited by the system administrator)."""

    serializer_class = DuesRateSerializer
    filter_backends: list = []

    def get_queryset(self):
        return dues_rates()


ROUTES = [
    ("dues-records", DuesRecordViewSet, "dues-record"),
    ("dues-rates", DuesRateViewSet, "dues-rate"),
]
