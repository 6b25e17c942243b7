"""Dues in the admin. The rate table is the system administrator's; records and payments are
written by the dues pages (members.services.dues), so here a record's income is the only
thing that changes, through the same service, and payments are an audit list."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from members.admin.base import ReadOnlyAdminMixin
from members.models import DuesPayment, DuesRate, DuesRecord
from members.services.dues import dues_income_check, dues_income_set
from organizations import scoping
from organizations.admin.scoping import ScopedAdminMixin


def _records_in_view(user, qs):
    return scoping.scoped(user, qs, org_field="organization")


def _records_to_manage(user, qs):
    return scoping.scoped_for_manage(user, qs, org_field="organization")


@admin.register(DuesRate)
class DuesRateAdmin(admin.ModelAdmin):
    list_display = ("category", "income_above", "income_up_to", "percent", "fixed_min", "fixed_max")
    list_filter = ("category",)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class DuesPaymentInline(admin.TabularInline):
    model = DuesPayment
    extra = 0
    fields = ("amount", "paid_on", "is_make_up", "recorded_by", "recorded_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class DuesRecordAdminForm(forms.ModelForm):
    class Meta:
        model = DuesRecord
        fields = ["income"]

    def clean_income(self):
        income = self.cleaned_data.get("income")
        if "income" in self.changed_data:
            try:
                dues_income_check(record=self.instance, income=income)
            except ValidationError as error:
                raise ValidationError(error.message_dict["income"]) from error
        return income


@admin.register(DuesRecord)
class DuesRecordAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    view_scope = staticmethod(_records_in_view)
    manage_scope = staticmethod(_records_to_manage)
    list_display = ("member", "month", "category", "income", "expected", "paid", "paid_on")
    list_filter = ("category", "month", ("paid_on", admin.EmptyFieldListFilter))
    search_fields = ("member__name", "member__name_initials", "member__id_last4")
    list_select_related = ("member",)
    date_hierarchy = "month"
    fields = (
        "member",
        "month",
        "category",
        "income",
        "expected",
        "paid",
        "paid_on",
        "recorded_by",
    )
    readonly_fields = ("member", "month", "category", "expected", "paid", "paid_on", "recorded_by")
    inlines = [DuesPaymentInline]
    form = DuesRecordAdminForm

    def has_add_permission(self, request):
        # Records come from opening a month on the dues pages.
        return False

    def save_model(self, request, obj, form, change):
        if "income" in form.changed_data:
            dues_income_set(actor=request.user, record=obj, income=form.cleaned_data["income"])


@admin.register(DuesPayment)
class DuesPaymentAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    view_scope = staticmethod(
        lambda user, qs: scoping.scoped(user, qs, org_field="record__organization")
    )
    list_display = ("record", "amount", "paid_on", "is_make_up", "recorded_by", "recorded_at")
    list_filter = ("is_make_up",)
    search_fields = ("record__member__name", "record__member__name_initials")
    list_select_related = ("record", "record__member", "recorded_by")
    date_hierarchy = "paid_on"
