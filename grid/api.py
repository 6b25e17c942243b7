"""The API of grid cells: read-only, inside the territory the user may see."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers, viewsets

from grid.access import territory_access
from grid.filters import GridCellFilter
from grid.models import GridCell


class GridCellSerializer(serializers.ModelSerializer):
    community_name = serializers.CharField(source="community.name", read_only=True)

    class Meta:
        model = GridCell
        fields = [
            "id",
            "code",
            "name",
            "community",
            "community_name",
            "household_count",
            "population",
            "boundary",
        ]


class GridCellViewSet(viewsets.ReadOnlyModelViewSet):
    """Grid cells inside the territory the user may see."""

    serializer_class = GridCellSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = GridCellFilter

    def get_queryset(self):
        return (
            territory_access().visible_grid_cells_for(self.request.user).select_related("community")
        )
