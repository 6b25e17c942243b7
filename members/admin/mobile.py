"""Mobile members in the admin: read-only and scoped. Records, permits and contacts are written
on the mobile member pages through members.services.mobile, which check the rules; phone and
ID number are shown masked."""

from django.contrib import admin
from django.utils.translation import pgettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from members.admin.base import MaskedPersonMixin, ReadOnlyAdminMixin, ReadOnlyInline
from members.models import MobileContact, MobileMember, PermitRenewal
from organizations import scoping
from organizations.admin.scoping import ScopedAdminMixin


def _records(user, qs):
    return scoping.scoped(user, qs, org_field="organization", cell_field="grid_cell")


class PermitRenewalInline(ReadOnlyInline):
    model = PermitRenewal
    fields = readonly_fields = ("renewed_on", "valid_until", "permit_number", "recorded_by")


class MobileContactInline(ReadOnlyInline):
    model = MobileContact
    fields = readonly_fields = ("contacted_on", "channel", "contacted_by", "reached", "outcome")


@admin.register(MobileMember)
class MobileMemberAdmin(
    MaskedPersonMixin, ReadOnlyAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin
):
    view_scope = staticmethod(_records)
    list_display = (
        "display_name",
        "direction",
        "category",
        "organization",
        "whereabouts",
        "away_since",
        "permit_valid_until",
        "ended_on",
    )
    list_filter = (
        "direction",
        "category",
        "fixed_place",
        ("ended_on", admin.EmptyFieldListFilter),
        ("organization", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("name", "member__name", "member__name_initials", "whereabouts")
    list_select_related = ("organization", "member")
    date_hierarchy = "away_since"
    fields = (
        "direction",
        "category",
        "organization",
        "member",
        "name",
        "gender",
        "masked_id",
        "home_organization",
        "masked_phone",
        "whereabouts",
        "grid_cell",
        "away_since",
        "fixed_place",
        "permit_number",
        "permit_issued_on",
        "permit_valid_until",
        "ended_on",
        "end_reason",
    )
    readonly_fields = fields
    inlines = [PermitRenewalInline, MobileContactInline]

    @admin.display(description=pgettext_lazy("person", "name"))
    def display_name(self, obj):
        return obj.display_name
