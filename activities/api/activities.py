"""Activities over the API: the same scoping, filters and services as the pages.

``/api/activity-types/`` lists the types; ``/api/activities/`` lists, reads, records and
changes activities with their attendance as ``[{member, status, hours, note}]``;
``POST /api/activities/<id>/attachments/`` adds photos or PDFs (multipart, field ``file``,
several allowed), checked by content like on the pages."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from activities.attendance import AttendanceCounts, attendance_counts
from activities.filters import ActivityFilter
from activities.models import (
    Activity,
    ActivityStatus,
    ActivityType,
    Attachment,
    Attendance,
    AttendanceStatus,
    Project,
)
from activities.models.activity import RECORDED_FIELDS
from activities.selectors.activities import (
    active_types,
    activity_for_api,
    activity_list_for,
    all_types,
    prefetch_for_api,
    project_choices_for,
)
from activities.services import activities as services
from members.errors import RuleError
from members.selectors.roll import visible_members_for
from organizations import scoping
from organizations.models import Organization


class ActivityTypeSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = ActivityType
        fields = [
            "id",
            "code",
            "label",
            "name",
            "category",
            "frequency",
            "applies_to",
            "requires_committee",
            "secretary_yearly",
            "has_speaker",
            "is_service",
            "active",
        ]
        read_only_fields = fields


class ActivityTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The kinds of activity and the frequency the regulations require of them."""

    serializer_class = ActivityTypeSerializer
    queryset = all_types()
    filter_backends: list = []


class AttendanceSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["member", "member_name", "status", "hours", "note"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "kind",
            "content_type",
            "original_name",
            "size",
            "caption",
            "uploaded_at",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, attachment) -> str:
        return reverse("activities:activity_attachment", args=[attachment.pk])


class ActivitySerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    activity_type_label = serializers.CharField(source="activity_type.label", read_only=True)
    attendance = AttendanceSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    attendance_counts = serializers.SerializerMethodField()
    report_state = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "organization",
            "organization_name",
            "activity_type",
            "activity_type_label",
            *RECORDED_FIELDS,
            "attendance",
            "attendance_counts",
            "attachments",
            "report_state",
        ]
        read_only_fields = fields

    def get_attendance_counts(self, activity) -> dict:
        counts = self.context.get("counts", {}).get(activity.pk, AttendanceCounts())
        return {
            "present": counts.present,
            "leave": counts.leave,
            "absent": counts.absent,
            "away": counts.away,
            "expected": counts.expected,
            "rate": counts.rate,
        }


class AttendanceInputSerializer(serializers.Serializer):
    member = serializers.IntegerField()
    status = serializers.ChoiceField(choices=AttendanceStatus.choices)
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=1, required=False, allow_null=True
    )
    note = serializers.CharField(max_length=100, required=False, allow_blank=True)


class ActivityInputSerializer(serializers.ModelSerializer):
    """Shapes only; the rules are the service's, which names the field or the member."""

    status = serializers.ChoiceField(
        choices=[ActivityStatus.HELD, ActivityStatus.PLANNED], default=ActivityStatus.HELD
    )
    attendance = AttendanceInputSerializer(many=True, required=False)

    class Meta:
        model = Activity
        fields = [
            "organization",
            *RECORDED_FIELDS,
            "attendance",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["organization"].queryset = scoping.visible_organizations_for(user)
            self.fields["speaker"].queryset = visible_members_for(user)
        self.fields["activity_type"].queryset = active_types()
        self.fields["project"].queryset = (
            Project.objects.none() if user is None else project_choices_for(user)
        )

    def validate(self, attrs):
        return attrs  # model checks run in the service (full_clean)


class ActivityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Activities of the organizations in the user's scope."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    # DELETE only for an attachment: activities themselves are kept (a plan is cancelled)
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return prefetch_for_api(activity_list_for(self.request.user))

    def _with_counts(self, activities) -> dict:
        ids = [a.pk for a in activities]
        return {**self.get_serializer_context(), "counts": attendance_counts(ids) if ids else {}}

    def _output(self, activity, status_code=status.HTTP_200_OK) -> Response:
        activity = activity_for_api(activity)
        context = self._with_counts([activity])
        return Response(ActivitySerializer(activity, context=context).data, status=status_code)

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        items = list(page if page is not None else queryset)
        serializer = ActivitySerializer(items, many=True, context=self._with_counts(items))
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        return self._output(self.get_object())

    def create(self, request, *args, **kwargs):
        serializer = ActivityInputSerializer(data=request.data, user=request.user)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organization: Organization = data.pop("organization")
        attendance = data.pop("attendance", [])
        activity = services.activity_record(
            user=request.user, organization=organization, data=data, attendance=attendance
        )
        return self._output(activity, status.HTTP_201_CREATED)

    def _manageable(self) -> Activity:
        activity = self.get_object()
        if not scoping.can_manage_organization(self.request.user, activity.organization):
            raise PermissionDenied(_("You may read this activity but not change it."))
        return activity

    def update(self, request, *args, **kwargs):
        activity = self._manageable()
        serializer = ActivityInputSerializer(
            activity, data=request.data, partial=kwargs.get("partial", False), user=request.user
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organization = data.pop("organization", None)
        if organization is not None and organization.pk != activity.organization_id:
            raise RuleError(
                {"organization": _("The organization of a recorded activity does not change.")}
            )
        attendance = data.pop("attendance", None)
        activity = services.activity_update(
            user=request.user, activity=activity, data=data, attendance=attendance
        )
        return self._output(activity)

    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser, FormParser],
        url_path="attachments",
    )
    def attachments(self, request, pk=None):
        """Add photos or PDFs (multipart field ``file``, one or several; ``caption``)."""
        activity = self._manageable()
        files = request.FILES.getlist("file") or request.FILES.getlist("attachments")
        added = services.attachments_add(
            user=request.user,
            activity=activity,
            files=files,
            caption=request.data.get("caption", ""),
        )
        return Response(AttachmentSerializer(added, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"attachments/(?P<attachment_id>\d+)",
    )
    def remove_attachment(self, request, pk=None, attachment_id=None):
        """Remove one photo or PDF of the activity (refused while its report is submitted
        or approved, like every change of the activity)."""
        activity = self._manageable()
        attachment = get_object_or_404(activity.attachments.all(), pk=attachment_id)
        services.attachment_delete(user=request.user, attachment=attachment)
        return Response(status=status.HTTP_204_NO_CONTENT)


ROUTES = [
    ("activity-types", ActivityTypeViewSet, "activity-type"),
    ("activities", ActivityViewSet, "activity"),
]
