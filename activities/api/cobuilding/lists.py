"""The needs lists (需求清单) and resources lists (资源清单) over the API."""

from rest_framework import serializers

from activities.api.cobuilding.base import CommunityFilter, ScopedInput, Writable
from activities.models import Need, NeedStatus, Resource, ResourceCategory
from activities.selectors import cobuilding as selectors
from activities.services import cobuilding as services
from config.text import TEXT_MAX_LENGTH
from grid.models import Community
from organizations.models import UnitOrganization

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


class NeedInput(ScopedInput):
    scopes = {"community": selectors.cobuilding_communities_for}

    community = serializers.PrimaryKeyRelatedField(queryset=Community.objects.none())
    title = serializers.CharField(max_length=150)
    category = serializers.ChoiceField(choices=ResourceCategory.choices)
    description = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    raised_on = serializers.DateField()


class NeedChange(serializers.Serializer):
    title = serializers.CharField(max_length=150, required=False)
    category = serializers.ChoiceField(choices=ResourceCategory.choices, required=False)
    description = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    raised_on = serializers.DateField(required=False)
    status = serializers.ChoiceField(choices=NeedStatus.choices, required=False)


class NeedFilter(CommunityFilter):
    class Meta:
        model = Need
        fields = ["community", "status", "category"]


class NeedViewSet(Writable):
    """The needs lists (需求清单) of the communities the user sees."""

    serializer_class = NeedSerializer
    filterset_class = NeedFilter
    input_class = NeedInput
    change_class = NeedChange
    create_service = staticmethod(services.need_create)
    update_service = staticmethod(services.need_update)
    target = "need"

    def get_queryset(self):
        return (
            selectors.visible_needs_for(self.request.user)
            .select_related("community")
            .prefetch_related("projects")
            .order_by("community_id", "-raised_on", "id")
        )


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


class ResourceInput(ScopedInput):
    scopes = {"unit": selectors.partner_units_for}

    unit = serializers.PrimaryKeyRelatedField(queryset=UnitOrganization.objects.none())
    title = serializers.CharField(max_length=150)
    category = serializers.ChoiceField(choices=ResourceCategory.choices)
    description = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    offered_on = serializers.DateField()
    available = serializers.BooleanField(default=True)


class ResourceChange(serializers.Serializer):
    title = serializers.CharField(max_length=150, required=False)
    category = serializers.ChoiceField(choices=ResourceCategory.choices, required=False)
    description = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    offered_on = serializers.DateField(required=False)
    available = serializers.BooleanField(required=False)


class ResourceFilter(CommunityFilter):
    class Meta:
        model = Resource
        fields = ["community", "unit", "category", "available"]


class ResourceViewSet(Writable):
    """The resources lists (资源清单) offered by units in the communities the user sees."""

    serializer_class = ResourceSerializer
    filterset_class = ResourceFilter
    input_class = ResourceInput
    change_class = ResourceChange
    create_service = staticmethod(services.resource_create)
    update_service = staticmethod(services.resource_update)
    target = "resource"

    def get_queryset(self):
        return (
            selectors.visible_resources_for(self.request.user)
            .select_related("unit")
            .order_by("community_id", "unit_id", "-offered_on", "id")
        )
