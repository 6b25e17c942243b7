"""The projects lists (项目清单) over the API, with the units taking part."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action

from activities.api.cobuilding.base import CommunityFilter, ScopedInput, Writable
from activities.models import CoBuildingStatus, Need, Project, ProjectUnit, Resource
from activities.selectors import cobuilding as selectors
from activities.services import cobuilding as services
from config.text import TEXT_MAX_LENGTH
from grid.models import Community
from organizations.models import UnitOrganization


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


class _ProjectLists(ScopedInput):
    # the service refuses those of another community, naming the field
    scopes = {
        "needs": selectors.visible_needs_for,
        "resources": selectors.visible_resources_for,
    }

    needs = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Need.objects.none()
    )
    resources = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Resource.objects.none()
    )


class ProjectInput(_ProjectLists):
    scopes = {**_ProjectLists.scopes, "community": selectors.cobuilding_communities_for}

    community = serializers.PrimaryKeyRelatedField(queryset=Community.objects.none())
    title = serializers.CharField(max_length=150)
    description = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(
        choices=CoBuildingStatus.choices, default=CoBuildingStatus.PLANNED
    )


class ProjectChange(_ProjectLists):
    title = serializers.CharField(max_length=150, required=False)
    description = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=CoBuildingStatus.choices, required=False)


class ProjectUnitInput(ScopedInput):
    scopes = {"unit": selectors.partner_units_for}

    unit = serializers.PrimaryKeyRelatedField(queryset=UnitOrganization.objects.none())
    commitment = serializers.CharField(max_length=200)
    joined_on = serializers.DateField(required=False, allow_null=True)


class ProjectFilter(CommunityFilter):
    class Meta:
        model = Project
        fields = ["community", "status"]


class ProjectViewSet(Writable):
    """The projects lists (项目清单), with the units taking part and their commitments."""

    serializer_class = ProjectSerializer
    filterset_class = ProjectFilter
    input_class = ProjectInput
    change_class = ProjectChange
    create_service = staticmethod(services.project_create)
    update_service = staticmethod(services.project_update)
    target = "project"

    def get_queryset(self):
        return selectors.projects_for_api(self.request.user)

    @extend_schema(request=ProjectUnitInput, responses={201: ProjectSerializer})
    @action(detail=True, methods=["post"], url_path="units")
    def add_unit(self, request, pk=None):
        """A unit of the project's community takes part, with its commitment."""
        project = self.get_object()
        services.project_unit_add(
            user=request.user, project=project, **self._input(ProjectUnitInput, request.data)
        )
        return self._output(project, status.HTTP_201_CREATED)
