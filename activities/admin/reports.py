"""Reports in the admin, scoped like the pages. Reports are created and moved through their
steps on the pages and the API (activities.services.reports); here a draft or returned
report's title and remarks can be corrected, through the same service, and the steps read."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from activities.models import Report, ReportEvent, ReportState
from activities.selectors.reports import visible_reports_for
from activities.services.reports import report_update
from organizations import scoping
from organizations.admin.scoping import ScopedAdminMixin

EDITABLE = ("title", "remarks")


class ReportEventInline(admin.TabularInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    fields = ("at", "action", "state_after", "by", "comments")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    view_scope = staticmethod(visible_reports_for)
    manage_scope = staticmethod(lambda user, qs: scoping.scoped_for_manage(user, qs))
    list_display = (
        "title",
        "kind",
        "organization",
        "reviewing_organization",
        "state",
        "submitted_at",
        "times_returned",
    )
    list_filter = ("state", "kind")
    search_fields = ("title", "organization__name")
    list_select_related = ("organization", "reviewing_organization")
    date_hierarchy = "created_at"
    fields = (
        "title",
        "remarks",
        "kind",
        "organization",
        "reviewing_organization",
        "activity",
        "period_start",
        "state",
        "summary",
        "fingerprint",
        "created_by",
        "submitted_at",
        "submitted_by",
        "reviewed_at",
        "reviewed_by",
        "review_comments",
        "times_returned",
    )
    readonly_fields = tuple(f for f in fields if f not in EDITABLE)
    inlines = [ReportEventInline]

    def has_add_permission(self, request):
        # the reviewing organization, the summary and the first step come from the service
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_read_only:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.state != ReportState.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        # has_change_permission already keeps submitted and approved reports out of here
        report_update(
            user=request.user,
            report=obj,
            remarks=form.cleaned_data.get("remarks", ""),
            title=form.cleaned_data.get("title"),
        )
