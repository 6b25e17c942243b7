"""The API of party organizations: read-only, scoped, filtered like the tree page."""

from rest_framework import serializers, viewsets

from organizations import scoping
from organizations.filters import OrganizationFilter
from organizations.models import Organization


class OrganizationSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "code",
            "kind",
            "kind_display",
            "parent",
            "depth",
            "street",
            "community",
            "grid_cell",
            "established_on",
            "dissolved_on",
        ]


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Party organizations the user may see (their posts and everything below)."""

    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter

    def get_queryset(self):
        return scoping.visible_organizations_for(self.request.user).order_by("path")


ROUTES = [("organizations", OrganizationViewSet, "organization")]
