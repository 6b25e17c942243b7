"""What several members admins share: read-only inlines and pages, masked ID and phone."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.template_utils import HistoricalRecordContextHelper

from accounts.privacy import mask_id_number, mask_phone

MASKS = {"id_number": mask_id_number, "phone": mask_phone}


class MaskedHistoryHelper(HistoricalRecordContextHelper):
    """The history list's "old → new" of an ID number or phone, masked for everyone (the
    list is no place to read them; the change form shows them, logged, to those allowed)."""

    def prepare_delta_change_value(self, change, value):
        mask = MASKS.get(change.field)
        if mask is not None:
            return mask(str(value or ""))
        return super().prepare_delta_change_value(change, value)


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
    """``masked_id`` and ``masked_phone`` to show in place of the row's ID number and phone;
    on a model with history, the history list shows them masked too."""

    def get_historical_record_context_helper(self, request, historical_record):
        return MaskedHistoryHelper(self.model, historical_record)

    @admin.display(description=_("ID number"))
    def masked_id(self, obj):
        return mask_id_number(obj.id_number)

    @admin.display(description=_("phone"))
    def masked_phone(self, obj):
        return mask_phone(obj.phone)
