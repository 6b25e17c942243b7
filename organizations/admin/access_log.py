"""The access log in the admin: read by superusers only, never changed (street staff read
their street's entries on the access log page)."""

from django.contrib import admin

from organizations.models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "ip_address", "kind", "what", "street")
    list_filter = ("kind",)
    search_fields = ("username", "what")
    date_hierarchy = "at"
    list_select_related = ("street",)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
