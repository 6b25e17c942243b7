"""The admin of rule figures, for system administrators only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from policies.models import Policy


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    """Rule figures apply to the whole system, so only system administrators change them."""

    list_display = ("label_column", "key", "value", "default_column", "updated_at")
    search_fields = ("key",)
    readonly_fields = ("key", "label_column", "default_column", "updated_at")
    fields = ("key", "label_column", "value", "default_column", "updated_at")

    @admin.display(description=_("rule"))
    def label_column(self, obj):
        return obj.label

    @admin.display(description=_("published default"))
    def default_column(self, obj):
        return obj.default

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser
