"""Relation transfers over the API: scoped like the pages (visible to both ends), the list
filtered by ``tab`` (out, in, open) and the list page's filter, and one POST per step
calling the same services (a refusal is a 400 naming the field, a step of the other side
a 403). ID numbers of people coming from outside are masked."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.fields import CharField, IntegerField, ListField
from rest_framework.response import Response

from members.api.base import step_action
from members.api.transfers.serializers import (
    STEP_INPUTS,
    TransferBatchInput,
    TransferCreateInput,
    TransferIncomingInput,
    TransferSerializer,
)
from members.filters.transfers import TransferFilter
from members.selectors.transfers import (
    batch_transfer_pks,
    holding_organizations_managed_by,
    transfers_with_events_for,
)
from members.services.transfers import (
    incoming_transfer_record,
    transfer_create,
    transfers_create_batch,
)
from members.services.transfers.base import is_from_outside, may_act
from members.services.transfers.completion import EXTRA_PERSON_FIELDS
from members.services.transfers.moves import STEPS


def _step_action(name: str):
    return step_action(
        name,
        perform="perform_step",
        label=STEPS[name].label,
        request_serializer=STEP_INPUTS[name],
        response_serializer=TransferSerializer,
    )


class TransferViewSet(viewsets.ReadOnlyModelViewSet):
    """Transfers touching the user's scope (``?tab=out|in|open``), with a POST per step."""

    serializer_class = TransferSerializer
    filterset_class = TransferFilter

    def get_queryset(self):
        tab = self.request.query_params.get("tab") if self.action == "list" else None
        return transfers_with_events_for(self.request.user, tab=tab)

    def _respond(self, transfer, code=status.HTTP_200_OK):
        # an action's serializer_class is its input; the answer is always the transfer
        fresh = self.get_queryset().get(pk=transfer.pk)
        return Response(
            TransferSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    def create(self, request, *args, **kwargs):
        data = TransferCreateInput(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        transfer = transfer_create(actor=request.user, **data.validated_data)
        return self._respond(transfer, status.HTTP_201_CREATED)

    @extend_schema(request=TransferIncomingInput, responses={201: TransferSerializer})
    @action(detail=False, methods=["post"], serializer_class=TransferIncomingInput)
    def incoming(self, request):
        """Record the letter of a member coming from an outside organization."""
        data = TransferIncomingInput(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields["member_status"] = fields.pop("status")
        try:
            transfer = incoming_transfer_record(actor=request.user, **fields)
        except DjangoValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {}
            if "member_status" in errors:
                errors["status"] = errors.pop("member_status")
                raise DjangoValidationError(errors) from exc
            raise
        return self._respond(transfer, status.HTTP_201_CREATED)

    @extend_schema(
        request=TransferBatchInput,
        responses={
            201: inline_serializer(
                name="TransferBatchCreated",
                fields={
                    "batch": IntegerField(),
                    "title": CharField(),
                    "transfers": ListField(child=IntegerField()),
                },
            )
        },
    )
    @action(detail=False, methods=["post"], serializer_class=TransferBatchInput)
    def group(self, request):
        """Start one transfer per member to the same destination, all or none."""
        if not holding_organizations_managed_by(request.user).exists():
            raise PermissionDenied
        data = TransferBatchInput(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        batch = transfers_create_batch(actor=request.user, **data.validated_data)
        return Response(
            {
                "batch": batch.pk,
                "title": batch.title,
                "transfers": batch_transfer_pks(batch),
            },
            status=status.HTTP_201_CREATED,
        )

    def perform_step(self, request, name: str):
        transfer = self.get_object()
        step = STEPS[name]
        if not may_act(request.user, transfer, step.side(transfer)):
            raise PermissionDenied
        data = STEP_INPUTS[name](data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if name == "complete" and not is_from_outside(transfer):
            fields = {k: v for k, v in fields.items() if k not in EXTRA_PERSON_FIELDS}
        step.service(actor=request.user, transfer=transfer, **fields)
        return self._respond(transfer)

    issue = _step_action("issue")
    report = _step_action("report")
    receipt = _step_action("receipt")
    complete = _step_action("complete")
    cancel = _step_action("cancel")
    reject = _step_action("reject")


ROUTES = [("transfers", TransferViewSet, "transfer")]
