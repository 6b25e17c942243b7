"""Admin of relation transfers: for looking things up, scoped to both ends like the pages.
Every step goes through the transfer pages (the services lock, check and log it), so the
admin changes nothing of a transfer's course; superusers may correct its free texts, and
run the daily expiry step at once."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from accounts.privacy import mask_id_number, mask_phone
from members.admin.base import ReadOnlyInline
from members.models import Transfer, TransferBatch, TransferEvent
from members.selectors.transfers import manageable_transfers_for, visible_transfers_for
from members.services.transfers import transfers_expire_due
from organizations.admin.scoping import ScopedAdminMixin, ScopedModelAdmin

CORRECTABLE = ("external_contact", "reason", "late_report_reason", "closing_reason")
SHOWN = (
    "direction",
    "state",
    "member",
    "from_organization",
    "to_organization",
    "external_organization",
    "external_contact",
    "name",
    "masked_id",
    "masked_phone",
    "member_status",
    "reason",
    "letter_number",
    "letter_issued_on",
    "valid_until",
    "reported_on",
    "late_report_reason",
    "receipt_on",
    "completed_on",
    "closed_on",
    "closing_reason",
    "batch",
    "created_by",
    "created_at",
)


class TransferEventInline(ReadOnlyInline):
    model = TransferEvent
    fields = ("at", "by", "from_state", "to_state", "note")
    readonly_fields = fields


@admin.register(Transfer)
class TransferAdmin(ScopedModelAdmin):
    view_scope = staticmethod(visible_transfers_for)
    manage_scope = staticmethod(manageable_transfers_for)
    inlines = [TransferEventInline]
    list_display = (
        "__str__",
        "direction",
        "state",
        "from_organization",
        "to_organization",
        "external_organization",
        "letter_number",
        "valid_until",
    )
    list_filter = ("state", "direction")
    search_fields = ("member__name", "name", "letter_number", "external_organization")
    list_select_related = ("member", "from_organization", "to_organization")
    date_hierarchy = "created_at"
    fields = SHOWN
    actions = ["expire_lapsed_letters"]

    @admin.display(description=_("ID number"))
    def masked_id(self, obj):
        return mask_id_number(obj.member.id_number if obj.member_id else obj.id_number)

    @admin.display(description=_("phone"))
    def masked_phone(self, obj):
        return mask_phone(obj.member.phone if obj.member_id else obj.phone)

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return tuple(f for f in SHOWN if f not in CORRECTABLE)
        return SHOWN

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            actions.pop("expire_lapsed_letters", None)
        return actions

    @admin.action(description=_("Mark lapsed letters expired now (the daily step)"))
    def expire_lapsed_letters(self, request, queryset):
        result = transfers_expire_due()
        self.message_user(
            request,
            _("%(expired)s letters marked expired, %(pocket)s pocket-member cases opened.")
            % {"expired": result["expired"], "pocket": result["pocket_members"]},
            messages.SUCCESS,
        )


def _visible_batches(user, queryset):
    return queryset.filter(transfers__in=visible_transfers_for(user)).distinct()


@admin.register(TransferBatch)
class TransferBatchAdmin(ScopedAdminMixin, admin.ModelAdmin):
    view_scope = staticmethod(_visible_batches)
    list_display = ("title", "created_by", "created_at", "transfer_count")
    search_fields = ("title",)
    fields = ("title", "reason", "created_by", "created_at")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n=Count("transfers", distinct=True))

    @admin.display(description=_("transfers"), ordering="n")
    def transfer_count(self, obj):
        return obj.n

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
