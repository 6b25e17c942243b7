"""Reports over the API: scoped like the pages, created from an activity or as a summary,
with one POST per step calling the same services (a refusal is a 400 naming the field, a
step the user may not take a 403, a report out of scope a 404). The review queue is a
read-only list with the page's filters."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from activities.forms.reports import ReviewQueueFilter
from activities.models import Activity, Report, ReportEvent, ReportKind
from activities.selectors.reports import (
    LIST_RELATED,
    reportable_activities_for,
    review_queue_for,
    visible_reports_for,
    with_events,
)
from activities.services import reports as services
from config.text import TEXT_MAX_LENGTH
from organizations import scoping
from organizations.models import Organization


class ReportEventSerializer(serializers.ModelSerializer):
    by_name = serializers.SerializerMethodField()

    class Meta:
        model = ReportEvent
        fields = ["action", "state_after", "by", "by_name", "at", "comments"]
        read_only_fields = fields

    def get_by_name(self, event) -> str:
        return event.by.get_full_name() if event.by else ""


class ReportSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    reviewing_organization_name = serializers.CharField(
        source="reviewing_organization.name", read_only=True
    )
    events = ReportEventSerializer(many=True, read_only=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "state",
            "title",
            "organization",
            "organization_name",
            "reviewing_organization",
            "reviewing_organization_name",
            "activity",
            "period_start",
            "remarks",
            "summary",
            "created_at",
            "updated_at",
            "submitted_at",
            "reviewed_at",
            "review_comments",
            "times_returned",
            "events",
            "actions",
        ]
        read_only_fields = fields

    def get_actions(self, report) -> list[str]:
        return sorted(services.available_actions(self.context["request"].user, report))


class QueueItemSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    community = serializers.IntegerField(source="organization.community_id", read_only=True)
    activity_type = serializers.SerializerMethodField()
    days_waiting = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "title",
            "organization",
            "organization_name",
            "community",
            "activity",
            "activity_type",
            "period_start",
            "submitted_at",
            "times_returned",
            "days_waiting",
        ]
        read_only_fields = fields

    def get_activity_type(self, report) -> str | None:
        return report.activity.activity_type.code if report.activity_id else None

    def get_days_waiting(self, report) -> int:
        return report.days_waiting.days


class ReportCreateInput(serializers.Serializer):
    """Either ``activity``, or ``organization`` with ``kind`` (monthly, quarterly) and
    ``period_start`` (the first day of the month or quarter)."""

    activity = serializers.PrimaryKeyRelatedField(queryset=Activity.objects.none(), required=False)
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.none(), required=False
    )
    kind = serializers.ChoiceField(choices=ReportKind.choices, required=False)
    period_start = serializers.DateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.context["request"].user
        self.fields["activity"].queryset = reportable_activities_for(user)
        self.fields["organization"].queryset = scoping.visible_organizations_for(user)

    def validate(self, attrs):
        if attrs.get("activity"):
            return attrs
        missing = {
            name: [self.fields[name].error_messages["required"]]
            for name in ("organization", "kind", "period_start")
            if not attrs.get(name)
        }
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class RemarksInput(serializers.Serializer):
    remarks = serializers.CharField(max_length=TEXT_MAX_LENGTH, allow_blank=True)
    title = serializers.CharField(max_length=200, required=False)


class NoInput(serializers.Serializer):
    """A step that takes no input (submit, resubmit)."""


class ReportReviewInput(serializers.Serializer):
    comments = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, allow_blank=True, required=False, default=""
    )


class ReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Reports of the organizations in the user's scope (``?state=``, ``?kind=``), a POST
    to create one, PATCH for the remarks, and a POST per step."""

    serializer_class = ReportSerializer
    filterset_fields = ["state", "kind", "organization"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet:
        return with_events(
            visible_reports_for(self.request.user).select_related(*LIST_RELATED)
        ).order_by("-updated_at", "-pk")

    def _respond(self, report, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=report.pk)
        return Response(
            ReportSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    def create(self, request, *args, **kwargs):
        data = ReportCreateInput(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        if fields.get("activity"):
            report = services.report_create_for_activity(
                user=request.user, activity=fields["activity"]
            )
        else:
            report = services.report_create_summary(
                user=request.user,
                organization=fields["organization"],
                kind=fields["kind"],
                period_start=fields["period_start"],
            )
        return self._respond(report, status.HTTP_201_CREATED)

    def partial_update(self, request, *args, **kwargs):
        report = self.get_object()
        data = RemarksInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_update(user=request.user, report=report, **data.validated_data)
        return self._respond(report)

    @extend_schema(request=NoInput, responses=ReportSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoInput)
    def submit(self, request, pk=None):
        report = self.get_object()
        services.report_submit(user=request.user, report=report)
        return self._respond(report)

    @extend_schema(request=NoInput, responses=ReportSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoInput)
    def resubmit(self, request, pk=None):
        report = self.get_object()
        services.report_resubmit(user=request.user, report=report)
        return self._respond(report)

    @extend_schema(request=ReportReviewInput, responses=ReportSerializer)
    @action(detail=True, methods=["post"], serializer_class=ReportReviewInput)
    def approve(self, request, pk=None):
        report = self.get_object()
        data = ReportReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_approve(user=request.user, report=report, **data.validated_data)
        return self._respond(report)

    @extend_schema(request=ReportReviewInput, responses=ReportSerializer)
    @action(
        detail=True,
        methods=["post"],
        serializer_class=ReportReviewInput,
        url_path="return",
        url_name="return",
    )
    def return_(self, request, pk=None):
        """Return the report with comments (required)."""
        report = self.get_object()
        data = ReportReviewInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.report_return(user=request.user, report=report, **data.validated_data)
        return self._respond(report)


class ReviewQueueViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Submitted reports waiting for the user, oldest first. Filters: ``community``,
    ``organization`` (and those under it), ``kind``, ``activity_type``, ``waiting_since``
    (submitted on that day or before)."""

    serializer_class = QueueItemSerializer
    filter_backends: list = []
    queryset = Report.objects.none()  # for the schema; the real one is below

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        form = ReviewQueueFilter(self.request.query_params, user=self.request.user)
        if not form.is_valid():
            raise serializers.ValidationError({k: list(v) for k, v in form.errors.items()})
        return review_queue_for(self.request.user, **form.filters())


ROUTES = [
    ("reports", ReportViewSet, "report"),
    ("review-queue", ReviewQueueViewSet, "review-queue"),
]
