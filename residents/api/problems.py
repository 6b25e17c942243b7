"""Residents' problems over the API: the problems of the grid cells in the user's scope
(``?state=``, ``?category=``, ``?grid_cell=``, ``?level=``, ``?overdue=true``) with their steps,
the resident's phone masked and its photos; a POST to record one; a POST per step (assign,
start, resolve, confirm, escalate, merge into another problem); a multipart POST of photos to
``<id>/photos/`` (field ``photos``, one or several, checked by content like the page's). A
refused step is a 400 naming the field, a problem out of scope a 404."""

import django_filters
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from accounts.models import User
from accounts.privacy import mask_phone
from grid.models import GridCell
from organizations import scoping
from organizations.filters import IdFilter
from residents.models import (
    Problem,
    ProblemCategory,
    ProblemChannel,
    ProblemEvent,
    ProblemLevel,
    ProblemPhoto,
    ProblemState,
    Satisfaction,
)
from residents.models.problems import OPEN_STATES
from residents.selectors.problems import active_categories, assignable_users, problems_for
from residents.services import problem_photos
from residents.services import problems as services


class ProblemEventSerializer(serializers.ModelSerializer):
    by_name = serializers.SerializerMethodField()

    class Meta:
        model = ProblemEvent
        fields = ["action", "state_before", "state_after", "by", "by_name", "at", "note"]
        read_only_fields = fields

    def get_by_name(self, event) -> str:
        return str(event.by) if event.by_id else ""


class ProblemPhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ProblemPhoto
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]
        read_only_fields = fields

    def get_url(self, photo) -> str:
        """The photo's page, served to those who see its problem."""
        return reverse("residents:problem_photo", args=[photo.pk])


class ProblemSerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True)
    grid_cell_name = serializers.CharField(source="grid_cell.name", read_only=True)
    resident_phone = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    events = ProblemEventSerializer(many=True, read_only=True)
    photos = ProblemPhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Problem
        fields = [
            "id",
            "grid_cell",
            "grid_cell_name",
            "category",
            "category_name",
            "channel",
            "reporter",
            "resident_name",
            "resident_phone",
            "description",
            "reported_on",
            "state",
            "level",
            "organization",
            "assignee",
            "due_on",
            "overdue",
            "resolution",
            "satisfaction",
            "merged_into",
            "events",
            "photos",
        ]
        read_only_fields = fields

    def get_resident_phone(self, problem) -> str:
        return mask_phone(problem.resident_phone)

    def get_overdue(self, problem) -> bool:
        return problem.state in OPEN_STATES and problem.due_on < timezone.localdate()


class ProblemFilter(django_filters.FilterSet):
    category = IdFilter(field_name="category_id", label=_("category"))
    grid_cell = IdFilter(field_name="grid_cell_id", label=_("grid cell"))
    state = django_filters.ChoiceFilter(choices=ProblemState.choices)
    level = django_filters.ChoiceFilter(choices=ProblemLevel.choices)
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("overdue"))

    class Meta:
        model = Problem
        fields = ["category", "grid_cell", "state", "level", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = {"state__in": OPEN_STATES, "due_on__lt": timezone.localdate()}
        return queryset.filter(**late) if value else queryset.exclude(**late)


class ProblemCreateInput(serializers.Serializer):
    grid_cell = serializers.PrimaryKeyRelatedField(queryset=GridCell.objects.none())
    category = serializers.PrimaryKeyRelatedField(queryset=ProblemCategory.objects.none())
    channel = serializers.ChoiceField(choices=ProblemChannel.choices)
    description = serializers.CharField(max_length=5000)
    resident_name = serializers.CharField(
        max_length=50, required=False, default="", allow_blank=True
    )
    resident_phone = serializers.CharField(
        max_length=20, required=False, default="", allow_blank=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # none while the schema is generated
        if request is not None:
            self.fields["grid_cell"].queryset = scoping.visible_grid_cells_for(request.user)
            self.fields["category"].queryset = active_categories()


class NoteInput(serializers.Serializer):
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)


class AssignInput(NoteInput):
    assignee = serializers.PrimaryKeyRelatedField(queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # none while the schema is generated
        if request is not None:
            self.fields["assignee"].queryset = assignable_users(request.user)


class ResolveInput(serializers.Serializer):
    resolution = serializers.CharField(allow_blank=True, max_length=5000)


class MergeInput(NoteInput):
    original = serializers.PrimaryKeyRelatedField(
        queryset=Problem.objects.none(),
        help_text=_("The open problem of the same community this duplicate is merged into."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")  # none while the schema is generated
        if request is not None:
            self.fields["original"].queryset = problems_for(request.user)


class PhotosInput(serializers.Serializer):
    photos = serializers.ListField(child=serializers.FileField(), allow_empty=False)


class ConfirmInput(NoteInput):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices)


class ProblemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The residents' problems in the user's grid cells, newest first, a POST to record one
    and a POST per step."""

    serializer_class = ProblemSerializer
    filterset_class = ProblemFilter
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return (
            problems_for(self.request.user)
            .select_related("category", "grid_cell")
            .prefetch_related("events__by", "photos")
            .order_by("-reported_on", "-pk")
        )

    def _respond(self, problem, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=problem.pk)
        return Response(
            ProblemSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    def _input(self, input_class):
        data = input_class(data=self.request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        return data.validated_data

    @extend_schema(request=ProblemCreateInput, responses={201: ProblemSerializer})
    def create(self, request, *args, **kwargs):
        problem = services.problem_report(request.user, **self._input(ProblemCreateInput))
        return self._respond(problem, status.HTTP_201_CREATED)

    @extend_schema(request=AssignInput, responses=ProblemSerializer)
    @action(detail=True, methods=["post"], serializer_class=AssignInput)
    def assign(self, request, pk=None):
        problem = self.get_object()
        services.problem_assign(request.user, problem, **self._input(AssignInput))
        return self._respond(problem)

    @extend_schema(request=NoteInput, responses=ProblemSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoteInput)
    def start(self, request, pk=None):
        problem = self.get_object()
        services.problem_start(request.user, problem, **self._input(NoteInput))
        return self._respond(problem)

    @extend_schema(request=ResolveInput, responses=ProblemSerializer)
    @action(detail=True, methods=["post"], serializer_class=ResolveInput)
    def resolve(self, request, pk=None):
        problem = self.get_object()
        services.problem_resolve(request.user, problem, **self._input(ResolveInput))
        return self._respond(problem)

    @extend_schema(request=ConfirmInput, responses=ProblemSerializer)
    @action(detail=True, methods=["post"], serializer_class=ConfirmInput)
    def confirm(self, request, pk=None):
        problem = self.get_object()
        services.problem_confirm(request.user, problem, **self._input(ConfirmInput))
        return self._respond(problem)

    @extend_schema(request=NoteInput, responses=ProblemSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoteInput)
    def escalate(self, request, pk=None):
        problem = self.get_object()
        services.problem_escalate(request.user, problem, **self._input(NoteInput))
        return self._respond(problem)

    @extend_schema(request=MergeInput, responses=ProblemSerializer)
    @action(detail=True, methods=["post"], serializer_class=MergeInput)
    def merge(self, request, pk=None):
        problem = self.get_object()
        services.problem_merge(request.user, problem, **self._input(MergeInput))
        return self._respond(problem)

    @extend_schema(
        request={"multipart/form-data": PhotosInput},
        responses={201: ProblemPhotoSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["post"],
        serializer_class=PhotosInput,
        parser_classes=[MultiPartParser, FormParser],
    )
    def photos(self, request, pk=None):
        problem = self.get_object()
        files = request.FILES.getlist("photos")
        if not files:
            raise serializers.ValidationError({"photos": [_("Choose at least one photo.")]})
        added = problem_photos.problem_add_photos(request.user, problem, files)
        return Response(
            ProblemPhotoSerializer(added, many=True).data, status=status.HTTP_201_CREATED
        )


ROUTES = [("problems", ProblemViewSet, "problem")]
