"""The admin of grid's territory (streets, communities, grid cells, buildings, grid workers),
scoped like every admin. It is registered from here, not from grid, because scoping lives in
organizations and grid imports no other app; its URLs stay under /admin/grid/."""

from django.contrib import admin

from grid.models import Building, Community, GridCell, GridWorkerAssignment, Street
from organizations import scoping
from organizations.admin.scoping import ScopedInlineMixin, ScopedModelAdmin


def _streets(user, qs):
    return qs.filter(pk__in=scoping.visible_streets_for(user).values("pk"))


def _communities(user, qs):
    return qs.filter(pk__in=scoping.visible_communities_for(user).values("pk"))


def _manageable_communities(user, qs):
    return qs.filter(pk__in=scoping.manageable_communities_for(user).values("pk"))


def _by_grid_cell(user, qs):
    return qs.filter(grid_cell__in=scoping.visible_grid_cells_for(user))


def _by_managed_grid_cell(user, qs):
    return qs.filter(grid_cell__in=scoping.manageable_grid_cells_for(user))


@admin.register(Street)
class StreetAdmin(ScopedModelAdmin):
    view_scope = staticmethod(_streets)
    manage_scope = staticmethod(lambda user, qs: qs.none())
    list_display = ("code", "name", "district")
    search_fields = ("code", "name", "district")


@admin.register(Community)
class CommunityAdmin(ScopedModelAdmin):
    view_scope = staticmethod(_communities)
    manage_scope = staticmethod(_manageable_communities)
    list_display = ("code", "name", "street", "address")
    list_filter = (("street", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("code", "name")
    autocomplete_fields = ("street",)
    list_select_related = ("street",)


class BuildingInline(admin.TabularInline):
    model = Building
    extra = 0


class GridWorkerAssignmentInline(ScopedInlineMixin, admin.TabularInline):
    model = GridWorkerAssignment
    extra = 0


@admin.register(GridCell)
class GridCellAdmin(ScopedModelAdmin):
    view_scope = staticmethod(scoping.visible_grid_cells_for)
    manage_scope = staticmethod(scoping.manageable_grid_cells_for)
    list_display = ("code", "name", "community", "household_count", "population")
    list_filter = (
        ("community__street", admin.RelatedOnlyFieldListFilter),
        ("community", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("code", "name", "community__name")
    autocomplete_fields = ("community",)
    list_select_related = ("community",)
    inlines = [BuildingInline, GridWorkerAssignmentInline]

    def get_readonly_fields(self, request, obj=None):
        """Once a cell has household records, its count follows them (one figure)."""
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.households.exists():
            return (*fields, "household_count")
        return fields


@admin.register(Building)
class BuildingAdmin(ScopedModelAdmin):
    view_scope = staticmethod(_by_grid_cell)
    manage_scope = staticmethod(_by_managed_grid_cell)
    list_display = ("name", "grid_cell", "household_count", "floors")
    list_filter = (("grid_cell__community", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("name", "address", "grid_cell__name")
    autocomplete_fields = ("grid_cell",)
    list_select_related = ("grid_cell",)

    def get_readonly_fields(self, request, obj=None):
        """Once the building's cell has household records, its count follows them."""
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.grid_cell.households.exists():
            return (*fields, "household_count")
        return fields


@admin.register(GridWorkerAssignment)
class GridWorkerAssignmentAdmin(ScopedModelAdmin):
    view_scope = staticmethod(_by_grid_cell)
    manage_scope = staticmethod(_by_managed_grid_cell)
    list_display = ("user", "grid_cell", "started_on", "ended_on")
    list_filter = (("grid_cell__community", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("user__username", "user__full_name", "grid_cell__name")
    autocomplete_fields = ("grid_cell",)
    list_select_related = ("user", "grid_cell")
