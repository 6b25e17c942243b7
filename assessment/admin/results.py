"""Scores and results in the admin: read-only lists, each user seeing the organizations their
posts reach; scores are given on the score sheets and changed after publication through
the service that records the change."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessment.models import CadreResult, Result, Score, ScoreChange
from organizations import scoping
from organizations.admin.scoping import ScopedAdminMixin, ScopedModelAdmin


def _by_organization(user, queryset):
    return scoping.scoped(user, queryset, org_field="organization")


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScoreChangeInline(ReadOnlyMixin, admin.TabularInline):
    model = ScoreChange
    extra = 0
    fields = ("old_value", "new_value", "reason", "changed_by", "changed_at")
    readonly_fields = fields


@admin.register(Score)
class ScoreAdmin(ReadOnlyMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    view_scope = staticmethod(_by_organization)
    list_display = ("organization", "indicator", "value", "scored_by", "scored_at", "scheme")
    search_fields = ("organization__name", "indicator__name", "reason")
    list_select_related = ("organization", "indicator", "scored_by", "scheme")
    date_hierarchy = "scored_at"
    fields = (
        "scheme",
        "organization",
        "indicator",
        "value",
        "reason",
        "scored_by",
        "scored_at",
        "measure",
        "numerator",
        "denominator",
        "records",
    )
    readonly_fields = fields
    inlines = [ScoreChangeInline]


@admin.register(Result)
class ResultAdmin(ReadOnlyMixin, ScopedModelAdmin):
    view_scope = staticmethod(_by_organization)
    list_display = ("organization", "total", "rank", "grade", "incentive", "scheme", "computed_at")
    search_fields = ("organization__name", "grade")
    list_select_related = ("organization", "scheme")
    fields = (
        "scheme",
        "organization",
        "total",
        "rank",
        "grade",
        "incentive",
        "computed_at",
        "frozen",
    )
    readonly_fields = fields


@admin.register(CadreResult)
class CadreResultAdmin(ReadOnlyMixin, ScopedModelAdmin):
    view_scope = staticmethod(_by_organization)
    list_display = ("name", "role", "organization", "total", "rank", "grade", "scheme")
    list_filter = ("role",)
    search_fields = ("name", "organization__name")
    list_select_related = ("organization", "scheme")
    fields = (
        "scheme",
        "organization",
        "name",
        "role",
        "total",
        "rank",
        "grade",
        "incentive",
        "computed_at",
    )
    readonly_fields = fields
