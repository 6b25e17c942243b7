from django.contrib import admin

from reminders.models import SweepRun


@admin.register(SweepRun)
class SweepRunAdmin(admin.ModelAdmin):
    """System-wide operational record: system administrators only."""

    list_display = ("started_at", "finished_at", "for_date", "created_count")
    readonly_fields = ("started_at", "finished_at", "for_date", "created_count", "details")
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
