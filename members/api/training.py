"""Training API: courses the user sees, and class hours per member for a year."""

from django.utils import timezone
from rest_framework import mixins, serializers, viewsets

from members.filters.training import TrainingCourseFilter, TrainingHoursFilter
from members.models import Member, TrainingCourse
from members.selectors.training import course_list_for, training_hours_for


class TrainingCourseSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    session_count = serializers.IntegerField(read_only=True)
    session_hours = serializers.DecimalField(max_digits=7, decimal_places=1, read_only=True)

    class Meta:
        model = TrainingCourse
        fields = [
            "id",
            "title",
            "level",
            "organization",
            "organization_name",
            "starts_on",
            "ends_on",
            "planned_hours",
            "session_count",
            "session_hours",
            "description",
        ]
        read_only_fields = fields


class TrainingCourseViewSet(viewsets.ReadOnlyModelViewSet):
    """Courses of the organizations in the user's scope and of those above it."""

    serializer_class = TrainingCourseSerializer
    filterset_class = TrainingCourseFilter

    def get_queryset(self):
        return course_list_for(self.request.user)


class TrainingHoursSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="pk")
    member_name = serializers.CharField(source="name")
    organization = serializers.IntegerField(source="organization_id")
    organization_name = serializers.CharField(source="organization.name")
    is_cadre = serializers.BooleanField()
    required = serializers.DecimalField(max_digits=7, decimal_places=1)
    done = serializers.DecimalField(max_digits=7, decimal_places=1)
    missing = serializers.DecimalField(max_digits=7, decimal_places=1)


class TrainingHoursViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Class hours per member for a year: required, done and missing."""

    serializer_class = TrainingHoursSerializer
    filterset_class = TrainingHoursFilter
    queryset = Member.objects.none()  # for the schema; the real one is below

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        form = TrainingHoursFilter(self.request.query_params).form
        year = timezone.localdate().year
        short = False
        if form.is_valid():
            year = int(form.cleaned_data.get("year") or year)
            short = bool(form.cleaned_data.get("short"))
        return training_hours_for(self.request.user, year, short_only=short)


ROUTES = [
    ("training-courses", TrainingCourseViewSet, "training-course"),
    ("training-hours", TrainingHoursViewSet, "training-hours"),
]
