"""The log of unmaskings of residents' personal data, read by system administrators only."""

from django.contrib import admin

from members.admin.base import ReadOnlyAdminMixin
from residents.models import ResidentDataAccess


@admin.register(ResidentDataAccess)
class ResidentDataAccessAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Never edited; read by superusers, like the members' unmasking log."""

    list_display = ("at", "user", "resident", "problem", "fields", "channel")
    list_filter = ("channel",)
    search_fields = ("user__username", "resident__name", "problem__resident_name")
    date_hierarchy = "at"
    list_select_related = ("user", "resident", "problem")

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
