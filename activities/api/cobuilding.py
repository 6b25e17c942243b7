"""Co-building over the API: the three lists of the communities the user sees, the pairing
agreements of the branches they see, and volunteer hours per member. Writes go through the
same services as the pages; errors are a 400 naming the field."""

import django_filters
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from activities.models import (
    CoBuildingStatus,
    Need,
    NeedStatus,
    PairingAgreement,
    Project,
    ProjectUnit,
    Resource,
    ResourceCategory,
)
from activities.selectors import cobuilding as selectors
from activities.selectors.volunteer import volunteer_hours_by_member
from activities.services import cobuilding as services
from grid.models import Community
from organizations import scoping
from organizations.models import Organization, TwoNewOrganization, UnitOrganization


def _user(context):
    """The user of the request (none while the schema is generated)."""
    request = context.get("request")
    return getattr(request, "user", None)


class _Writable(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    http_method_names = ["get", "post", "patch", "head", "options"]
    input_class: type[serializers.Serializer]

    def _input(self, data, *, partial=False):
        serializer = self.input_class(
            data=data, partial=partial, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def _output(self, obj, code=status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(fresh).data, status=code)


class CommunityFilter(django_filters.FilterSet):
    community = django_filters.NumberFilter(field_name="community_id", label=_("community"))


# Needs


class NeedSerializer(serializers.ModelSerializer):
    community_name = serializers.CharField(source="community.name", read_only=True)
    projects = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Need
        fields = [
            "id",
            "community",
            "community_name",
            "title",
            "category",
            "description",
            "raised_on",
            "status",
            "projects",
        ]
        read_only_fields = fields


class NeedInput(serializers.Serializer):
    community = serializers.PrimaryKeyRelatedField(queryset=Community.objects.none())
    title = serializers.CharField(max_length=150)
    category = serializers.ChoiceField(choices=ResourceCategory.choices)
    description = serializers.CharField(required=False, allow_blank=True)
    raised_on = serializers.DateField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.context)
        if user is None:
            return
        self.fields["community"].queryset = selectors.cobuilding_communities_for(user)


class NeedChange(serializers.Serializer):
    title = serializers.CharField(max_length=150, required=False)
    category = serializers.ChoiceField(choices=ResourceCategory.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    raised_on = serializers.DateField(required=False)
    status = serializers.ChoiceField(choices=NeedStatus.choices, required=False)


class NeedFilter(CommunityFilter):
    class Meta:
        model = Need
        fields = ["community", "status", "category"]


class NeedViewSet(_Writable):
    """The needs lists (需求清单) of the communities the user sees."""

    serializer_class = NeedSerializer
    filterset_class = NeedFilter
    input_class = NeedInput

    def get_queryset(self):
        return (
            selectors.visible_needs_for(self.request.user)
            .select_related("community")
            .prefetch_related("projects")
            .order_by("community_id", "-raised_on", "id")
        )

    @extend_schema(request=NeedInput, responses={201: NeedSerializer})
    def create(self, request, *args, **kwargs):
        need = services.need_create(user=request.user, **self._input(request.data))
        return self._output(need, status.HTTP_201_CREATED)

    @extend_schema(request=NeedChange, responses={200: NeedSerializer})
    def partial_update(self, request, *args, **kwargs):
        need = self.get_object()
        self.input_class = NeedChange
        need = services.need_update(user=request.user, need=need, **self._input(request.data))
        return self._output(need)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


# Resources


class ResourceSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Resource
        fields = [
            "id",
            "community",
            "unit",
            "unit_name",
            "title",
            "category",
            "description",
            "offered_on",
            "available",
        ]
        read_only_fields = fields


class ResourceInput(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=UnitOrganization.objects.none())
    title = serializers.CharField(max_length=150)
    category = serializers.ChoiceField(choices=ResourceCategory.choices)
    description = serializers.CharField(required=False, allow_blank=True)
    offered_on = serializers.DateField()
    available = serializers.BooleanField(default=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.context)
        if user is None:
            return
        self.fields["unit"].queryset = selectors.partner_units_for(user)


class ResourceChange(serializers.Serializer):
    title = serializers.CharField(max_length=150, required=False)
    category = serializers.ChoiceField(choices=ResourceCategory.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    offered_on = serializers.DateField(required=False)
    available = serializers.BooleanField(required=False)


class ResourceFilter(CommunityFilter):
    class Meta:
        model = Resource
        fields = ["community", "unit", "category", "available"]


class ResourceViewSet(_Writable):
    """The resources lists (资源清单) offered by units in the communities the user sees."""

    serializer_class = ResourceSerializer
    filterset_class = ResourceFilter
    input_class = ResourceInput

    def get_queryset(self):
        return (
            selectors.visible_resources_for(self.request.user)
            .select_related("unit")
            .order_by("community_id", "unit_id", "-offered_on", "id")
        )

    @extend_schema(request=ResourceInput, responses={201: ResourceSerializer})
    def create(self, request, *args, **kwargs):
        resource = services.resource_create(user=request.user, **self._input(request.data))
        return self._output(resource, status.HTTP_201_CREATED)

    @extend_schema(request=ResourceChange, responses={200: ResourceSerializer})
    def partial_update(self, request, *args, **kwargs):
        resource = self.get_object()
        self.input_class = ResourceChange
        resource = services.resource_update(
            user=request.user, resource=resource, **self._input(request.data)
        )
        return self._output(resource)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


# Projects


class ProjectUnitSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = ProjectUnit
        fields = ["id", "unit", "unit_name", "commitment", "joined_on"]
        read_only_fields = fields


class ProjectSerializer(serializers.ModelSerializer):
    community_name = serializers.CharField(source="community.name", read_only=True)
    needs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    resources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    units = ProjectUnitSerializer(source="participants", many=True, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "community",
            "community_name",
            "title",
            "description",
            "starts_on",
            "ends_on",
            "status",
            "needs",
            "resources",
            "units",
        ]
        read_only_fields = fields


class _ProjectLists(serializers.Serializer):
    needs = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Need.objects.none()
    )
    resources = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Resource.objects.none()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.context)
        if user is None:
            return
        # the service refuses those of another community, naming the field
        self.fields["needs"].child_relation.queryset = selectors.visible_needs_for(user)
        self.fields["resources"].child_relation.queryset = selectors.visible_resources_for(user)


class ProjectInput(_ProjectLists):
    community = serializers.PrimaryKeyRelatedField(queryset=Community.objects.none())
    title = serializers.CharField(max_length=150)
    description = serializers.CharField(required=False, allow_blank=True)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=CoBuildingStatus.choices, default=CoBuildingStatus.PLANNED
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.context)
        if user is None:
            return
        self.fields["community"].queryset = selectors.cobuilding_communities_for(user)


class ProjectChange(_ProjectLists):
    title = serializers.CharField(max_length=150, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=CoBuildingStatus.choices, required=False)


class ProjectUnitInput(serializers.Serializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=UnitOrganization.objects.none())
    commitment = serializers.CharField(max_length=200)
    joined_on = serializers.DateField(required=False, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.context)
        if user is not None:
            self.fields["unit"].queryset = selectors.partner_units_for(user)


class ProjectFilter(CommunityFilter):
    class Meta:
        model = Project
        fields = ["community", "status"]


class ProjectViewSet(_Writable):
    """The projects lists (项目清单), with the units taking part and their commitments."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    input_class = ProjectInput

    def get_queryset(self):
        return (
            selectors.visible_projects_for(self.request.user)
            .select_related("community")
            .prefetch_related(
                "needs",
                "resources",
                Prefetch(
                    "participants",
                    queryset=ProjectUnit.objects.select_related("unit").order_by("id"),
                ),
            )
            .order_by("community_id", "-starts_on", "id")
        )

    @extend_schema(request=ProjectInput, responses={201: ProjectSerializer})
    def create(self, request, *args, **kwargs):
        project = services.project_create(user=request.user, **self._input(request.data))
        return self._output(project, status.HTTP_201_CREATED)

    @extend_schema(request=ProjectChange, responses={200: ProjectSerializer})
    def partial_update(self, request, *args, **kwargs):
        project = self.get_object()
        self.input_class = ProjectChange
        project = services.project_update(
            user=request.user, project=project, **self._input(request.data)
        )
        return self._output(project)

    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)

    @extend_schema(request=ProjectUnitInput, responses={201: ProjectSerializer})
    @action(detail=True, methods=["post"], url_path="units")
    def add_unit(self, request, pk=None):
        """A unit of the project's community takes part, with its commitment."""
        project = self.get_object()
        self.input_class = ProjectUnitInput
        services.project_unit_add(user=request.user, project=project, **self._input(request.data))
        return self._output(project, status.HTTP_201_CREATED)


# Pairing agreements


class AgreementSerializer(serializers.ModelSerializer):
    branch_name = serializers.CharField(source="branch.name", read_only=True)
    partner_name = serializers.SerializerMethodField()
    in_force = serializers.SerializerMethodField()

    class Meta:
        model = PairingAgreement
        fields = [
            "id",
            "branch",
            "branch_name",
            "unit",
            "two_new",
            "partner_name",
            "signed_on",
            "ends_on",
            "in_force",
            "content",
        ]
        read_only_fields = fields

    def get_partner_name(self, agreement) -> str:
        return agreement.partner.name if agreement.partner else ""

    def get_in_force(self, agreement) -> bool:
        return selectors.is_agreement_in_force(agreement)


class AgreementInput(serializers.Serializer):
    branch = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.none())
    unit = serializers.PrimaryKeyRelatedField(
        queryset=UnitOrganization.objects.none(), required=False, allow_null=True
    )
    two_new = serializers.PrimaryKeyRelatedField(
        queryset=TwoNewOrganization.objects.none(), required=False, allow_null=True
    )
    signed_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    content = serializers.CharField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = _user(self.context)
        if user is None:
            return
        self.fields["branch"].queryset = scoping.visible_organizations_for(user)
        self.fields["unit"].queryset = selectors.partner_units_for(user)
        self.fields["two_new"].queryset = selectors.partner_two_new_for(user)


class AgreementEndInput(serializers.Serializer):
    ended_on = serializers.DateField(required=False, allow_null=True)


class AgreementFilter(django_filters.FilterSet):
    community = django_filters.NumberFilter(field_name="branch__community_id", label=_("community"))

    class Meta:
        model = PairingAgreement
        fields = ["branch", "community"]


class PairingAgreementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Pairing agreements (结对共建) of the branches the user sees."""

    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter

    def get_queryset(self):
        return (
            selectors.visible_agreements_for(self.request.user)
            .select_related("branch", "unit", "two_new")
            .order_by("branch__path", "-signed_on", "id")
        )

    def _input(self, cls, data):
        serializer = cls(data=data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    @extend_schema(request=AgreementInput, responses={201: AgreementSerializer})
    def create(self, request, *args, **kwargs):
        agreement = services.agreement_create(
            user=request.user, **self._input(AgreementInput, request.data)
        )
        return Response(self.get_serializer(agreement).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AgreementEndInput, responses={200: AgreementSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End the agreement on ``ended_on`` (today if not given)."""
        agreement = self.get_object()
        data = self._input(AgreementEndInput, request.data)
        agreement = services.agreement_end(
            user=request.user, agreement=agreement, ended_on=data.get("ended_on")
        )
        return Response(self.get_serializer(agreement).data)


# Volunteer hours


class VolunteerHoursSerializer(serializers.Serializer):
    member = serializers.IntegerField(source="member_id")
    member_name = serializers.CharField()
    branch = serializers.IntegerField(source="branch_id")
    branch_name = serializers.CharField()
    hours = serializers.DecimalField(max_digits=9, decimal_places=1)
    activities = serializers.IntegerField()


class VolunteerHoursFilter(django_filters.FilterSet):
    """``year`` (default: this year) and ``organization`` (one the user sees, and below)."""

    year = django_filters.NumberFilter(
        method="keep", label=_("year"), min_value=2000, max_value=2100
    )
    organization = django_filters.NumberFilter(method="keep", label=_("organization"))

    class Meta:
        model = Need  # any model: the filter only reads parameters
        fields = ["year", "organization"]

    def keep(self, queryset, name, value):
        return queryset


class VolunteerHoursViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Volunteer service hours per member for a year, most hours first."""

    serializer_class = VolunteerHoursSerializer
    filter_backends = []
    queryset = Need.objects.none()  # for the schema; the rows are computed below

    @extend_schema(
        parameters=[
            OpenApiParameter("year", int, description="2000–2100; this year by default"),
            OpenApiParameter("organization", int, description="an organization and below"),
        ],
        responses={200: VolunteerHoursSerializer(many=True)},
    )
    def list(self, request, *args, **kwargs):
        form = VolunteerHoursFilter(request.query_params).form
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        year = int(form.cleaned_data.get("year") or timezone.localdate().year)
        organization = None
        if form.cleaned_data.get("organization"):
            organization = scoping.get_organization_for_user(
                request.user, int(form.cleaned_data["organization"])
            )
        rows = volunteer_hours_by_member(request.user, year, organization)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


ROUTES = [
    ("co-building-needs", NeedViewSet, "co-building-need"),
    ("co-building-resources", ResourceViewSet, "co-building-resource"),
    ("co-building-projects", ProjectViewSet, "co-building-project"),
    ("pairing-agreements", PairingAgreementViewSet, "pairing-agreement"),
    ("volunteer-hours", VolunteerHoursViewSet, "volunteer-hours"),
]
