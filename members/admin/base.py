"""What several members admins share: read-only inlines and pages, masked ID and phone."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.privacy import mask_id_number, mask_phone


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdminMixin:
    """A page that is read, never added to, changed or deleted through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MaskedPersonMixin:
    """``masked_id`` and ``masked_phone`` to show in place of the row's ID number and phone."""

    @admin.display(description=_("ID number"))
    def masked_id(self, obj):
        return mask_id_number(obj.id_number)

    @admin.display(description=_("phone"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone)
