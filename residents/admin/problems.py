"""Residents' problems in the admin: the categories are reference data that admins edit (name,
deadline days, order, active; built-in ones come back if deleted, so deactivate instead);
problems are read-only with their steps and photos, each user seeing the grid cells they see;
they are dealt with on the pages, through the services."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organizations.admin.scoping import ScopedAdminMixin
from residents.models import Problem, ProblemCategory, ProblemEvent, ProblemPhoto
from residents.selectors.problems import in_scope


class _ReadOnly:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProblemCategory)
class ProblemCategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "deadline_days", "order", "active")
    list_editable = ("deadline_days", "order", "active")
    fields = ("code", "name", "deadline_days", "order", "active")


class ProblemEventInline(_ReadOnly, admin.TabularInline):
    model = ProblemEvent
    extra = 0
    fields = ("action", "state_before", "state_after", "by", "at", "note")
    readonly_fields = fields


class ProblemPhotoInline(_ReadOnly, admin.TabularInline):
    model = ProblemPhoto
    extra = 0
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields


@admin.register(Problem)
class ProblemAdmin(_ReadOnly, ScopedAdminMixin, SimpleHistoryAdmin):
    view_scope = staticmethod(in_scope)
    list_display = ("pk", "category", "grid_cell", "state", "level", "reported_on", "due_on")
    list_filter = ("state", "level", "category", "channel")
    search_fields = ("description",)
    list_select_related = ("category", "grid_cell")
    date_hierarchy = "reported_on"
    fields = (
        "grid_cell",
        "category",
        "channel",
        "reporter",
        "resident_name",
        "description",
        "reported_on",
        "state",
        "level",
        "organization",
        "assignee",
        "due_on",
        "resolution",
        "satisfaction",
        "merged_into",
    )
    readonly_fields = fields
    inlines = [ProblemEventInline, ProblemPhotoInline]
