"""The admin of user accounts, for system administrators only."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import unlock_logins


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """User accounts belong to the system administrators alone; scoped staff never see them."""

    list_display = ("username", "full_name", "phone", "is_active", "is_staff", "last_login")
    search_fields = ("username", "full_name", "phone")
    fieldsets = (
        *BaseUserAdmin.fieldsets[:1],
        (_("Personal info"), {"fields": ("full_name", "phone", "email")}),
        *BaseUserAdmin.fieldsets[2:],
        (_("Login safety"), {"fields": ("password_changed_at",)}),
    )
    readonly_fields = ("password_changed_at",)
    actions = ["unlock"]
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "full_name", "phone")}),
        *BaseUserAdmin.add_fieldsets,
    )

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description=_("Unlock the logins of the selected users"))
    def unlock(self, request, queryset):
        if not request.user.is_superuser:  # the admin is theirs alone; kept explicit here
            self.message_user(request, _("Only a superuser may unlock logins."), messages.ERROR)
            return
        unlock_logins(queryset)
        self.message_user(
            request,
            _("Unlocked the logins of the selected users (%(count)d).")
            % {"count": queryset.count()},
            messages.SUCCESS,
        )
