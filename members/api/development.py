"""API of the development pipeline: records read-only and scoped, and one POST action per
move, calling the same services as the pages (a refusal is a 400 naming the field)."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from config.text import TEXT_MAX_LENGTH
from members.api.base import MaskedPersonMixin, step_action
from members.filters.development import DevelopmentRecordFilter
from members.models import ActivistReview, DevelopmentRecord, Member
from members.selectors.development import development_records_for
from members.selectors.roll import visible_members_for
from members.services.development.moves import MOVES
from members.services.development.schedule import current_figures, notes_for
from organizations import scoping


class ActivistReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActivistReview
        fields = ["id", "reviewed_on", "comment"]


class DevelopmentRecordSerializer(MaskedPersonMixin, serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    stage_display = serializers.CharField(source="get_stage_display", read_only=True)
    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    sponsors = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    reviews = ActivistReviewSerializer(many=True, read_only=True)
    due = serializers.SerializerMethodField()

    class Meta:
        model = DevelopmentRecord
        fields = [
            "id",
            "organization",
            "organization_name",
            "stage",
            "stage_display",
            "name",
            "gender",
            "birth_date",
            "ethnicity",
            "education",
            "id_number",
            "phone",
            "workplace",
            "grid_cell",
            "applied_on",
            "talked_on",
            "activist_on",
            "sponsors",
            "reviews",
            "candidate_on",
            "political_review_on",
            "training_started_on",
            "training_ended_on",
            "training_hours",
            "admitted_on",
            "approved_on",
            "probation_ends_on",
            "extended_until",
            "full_on",
            "closed_on",
            "closing_reason",
            "member",
            "due",
        ]

    def get_due(self, record) -> list[dict]:
        if "figures" not in self.context:
            self.context["figures"] = current_figures()
        notes = notes_for(
            record, self.context["figures"], timezone.localdate(), record.last_review_on
        )
        return [{"level": n.level, "text": n.text} for n in notes]


class MoveSerializer(serializers.Serializer):
    """Input of a move; its fields are the service's keyword arguments."""


class TalkInput(MoveSerializer):
    talked_on = serializers.DateField()


class ActivistInput(MoveSerializer):
    activist_on = serializers.DateField()
    sponsors = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Member.objects.none(), allow_empty=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["sponsors"].child_relation.queryset = visible_members_for(request.user)


class ReviewInput(MoveSerializer):
    reviewed_on = serializers.DateField()
    comment = serializers.CharField(max_length=TEXT_MAX_LENGTH, allow_blank=True)


class CandidateInput(MoveSerializer):
    candidate_on = serializers.DateField()


class PoliticalReviewInput(MoveSerializer):
    political_review_on = serializers.DateField()


class TrainingInput(MoveSerializer):
    training_started_on = serializers.DateField()
    training_ended_on = serializers.DateField()
    training_hours = serializers.DecimalField(max_digits=5, decimal_places=1, min_value=0)


class AdmitInput(MoveSerializer):
    admitted_on = serializers.DateField()


class ApproveInput(MoveSerializer):
    approved_on = serializers.DateField()


class DecisionInput(MoveSerializer):
    decided_on = serializers.DateField()


class ExtendInput(DecisionInput):
    months = serializers.IntegerField()


class CancelInput(DecisionInput):
    reason = serializers.CharField(max_length=200, allow_blank=True)


class WithdrawInput(MoveSerializer):
    withdrawn_on = serializers.DateField()
    reason = serializers.CharField(max_length=200, allow_blank=True, required=False, default="")


MOVE_INPUTS: dict[str, type[MoveSerializer]] = {
    "talk": TalkInput,
    "activist": ActivistInput,
    "review": ReviewInput,
    "candidate": CandidateInput,
    "political-review": PoliticalReviewInput,
    "training": TrainingInput,
    "admit": AdmitInput,
    "approve": ApproveInput,
    "confirm": DecisionInput,
    "extend": ExtendInput,
    "cancel": CancelInput,
    "withdraw": WithdrawInput,
}


def _move_action(name: str):
    return step_action(
        name,
        perform="perform_move",
        label=MOVES[name].label,
        request_serializer=MOVE_INPUTS[name],
        response_serializer=DevelopmentRecordSerializer,
    )


class DevelopmentRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Development records of the branches in the user's scope, with a POST per move."""

    serializer_class = DevelopmentRecordSerializer
    filterset_class = DevelopmentRecordFilter

    def get_queryset(self):
        return development_records_for(self.request.user)

    def perform_move(self, request, name: str):
        record = self.get_object()
        if not scoping.can_manage_path(request.user, record.organization.path):
            raise PermissionDenied
        data = MOVE_INPUTS[name](data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        MOVES[name].service(actor=request.user, record=record, **data.validated_data)
        fresh = self.get_queryset().get(pk=record.pk)
        return Response(
            DevelopmentRecordSerializer(fresh, context=self.get_serializer_context()).data
        )

    talk = _move_action("talk")
    activist = _move_action("activist")
    review = _move_action("review")
    candidate = _move_action("candidate")
    political_review = _move_action("political-review")
    training = _move_action("training")
    admit = _move_action("admit")
    approve = _move_action("approve")
    confirm = _move_action("confirm")
    extend = _move_action("extend")
    cancel = _move_action("cancel")
    withdraw = _move_action("withdraw")


ROUTES = [("development-records", DevelopmentRecordViewSet, "developmentrecord")]
