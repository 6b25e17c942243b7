"""Appraisals in the admin: the grades are reference data that admins edit (name, order,
which is the top and which the failing grade); appraisals are read-only lists with their
entries, each user seeing the branches their posts reach; they are changed on the pages,
through the services."""

from django.contrib import admin

from assessment.admin.results import ReadOnlyMixin
from assessment.models import Appraisal, AppraisalEntry, AppraisalGrade
from organizations import scoping
from organizations.admin.scoping import ScopedModelAdmin


@admin.register(AppraisalGrade)
class AppraisalGradeAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "order", "is_top", "is_failing")
    list_editable = ("order",)
    fields = ("code", "name", "order", "is_top", "is_failing")


class AppraisalEntryInline(ReadOnlyMixin, admin.TabularInline):
    model = AppraisalEntry
    extra = 0
    fields = (
        "member",
        "self_assessment",
        "votes_excellent",
        "votes_qualified",
        "votes_basic",
        "votes_unqualified",
        "grade",
        "remarks",
    )
    readonly_fields = fields


def _by_organization(user, queryset):
    return scoping.scoped(user, queryset, org_field="organization")


@admin.register(Appraisal)
class AppraisalAdmin(ReadOnlyMixin, ScopedModelAdmin):
    view_scope = staticmethod(_by_organization)
    list_display = ("organization", "year", "state", "meeting_date", "confirmed_at")
    list_filter = ("state", "year")
    search_fields = ("organization__name",)
    list_select_related = ("organization",)
    fields = (
        "organization",
        "year",
        "state",
        "excellent_cap_percent",
        "meeting_date",
        "activity",
        "opened_by",
        "opened_at",
        "decided_at",
        "confirmed_by",
        "confirmed_at",
    )
    readonly_fields = fields
    inlines = [AppraisalEntryInline]
