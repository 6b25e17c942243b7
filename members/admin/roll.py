"""Admin of the member roll (ID number and phone masked) and the read-only unmasking log."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.admin.base import MaskedPersonMixin, ReadOnlyAdminMixin
from members.models import Member, SensitiveAccess
from members.services.roll import can_see_sensitive, sensitive_values_shown
from organizations import scoping
from organizations.admin.scoping import ScopedAdminMixin


def _members(user, qs):
    return scoping.scoped(user, qs, org_field="organization", cell_field="grid_cell")


def _managed_members(user, qs):
    return scoping.scoped_for_manage(user, qs, org_field="organization")


@admin.register(Member)
class MemberAdmin(MaskedPersonMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    view_scope = staticmethod(_members)
    manage_scope = staticmethod(_managed_members)
    list_display = (
        "name",
        "gender",
        "status",
        "organization",
        "masked_id",
        "masked_phone",
        "joined_on",
        "left_on",
    )
    list_filter = (
        "status",
        "employment",
        "gender",
        ("organization", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("name", "name_initials", "id_last4")
    autocomplete_fields = ("organization", "party_group", "grid_cell")
    list_select_related = ("organization",)
    readonly_fields = ("masked_id", "masked_phone")

    def get_exclude(self, request, obj=None):
        # without the permission the form never carries the full values
        return () if can_see_sensitive(request.user) else ("id_number", "phone")

    def _log_if_shown(self, request, object_id, response):
        # the form shows the ID number and phone in full to those allowed: logged
        if (
            request.method == "GET"
            and can_see_sensitive(request.user)
            and response.status_code == 200
        ):
            sensitive_values_shown(
                actor=request.user, member_id=object_id, channel=SensitiveAccess.Channel.ADMIN
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        return self._log_if_shown(request, object_id, response)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A past version in a form: the same fields, and the same log, as the change form."""
        response = super().history_form_view(request, object_id, version_id, extra_context)
        return self._log_if_shown(request, object_id, response)


@admin.register(SensitiveAccess)
class SensitiveAccessAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The unmasking log is read by system administrators only, and never edited."""

    list_display = ("at", "user", "member", "fields", "channel")
    list_filter = ("channel",)
    search_fields = ("user__username", "member__name")
    date_hierarchy = "at"
    list_select_related = ("user", "member")

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
