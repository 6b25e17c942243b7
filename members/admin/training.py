"""Training in the admin, scoped like the pages. Attendance is recorded on the course page
(members.services.training); here it can be corrected (hours) or removed."""

from django.contrib import admin

from members.models import TrainingAttendance, TrainingCourse, TrainingSession
from members.selectors.training import visible_courses_for
from organizations import scoping
from organizations.admin.scoping import ScopedModelAdmin


class TrainingSessionInline(admin.TabularInline):
    model = TrainingSession
    extra = 0
    fields = ("held_on", "topic", "hours")


@admin.register(TrainingCourse)
class TrainingCourseAdmin(ScopedModelAdmin):
    view_scope = staticmethod(visible_courses_for)
    manage_scope = staticmethod(lambda user, qs: scoping.scoped_for_manage(user, qs))
    list_display = ("title", "level", "organization", "starts_on", "ends_on", "planned_hours")
    list_filter = ("level",)
    search_fields = ("title", "organization__name")
    list_select_related = ("organization",)
    date_hierarchy = "starts_on"
    autocomplete_fields = ("organization",)
    inlines = [TrainingSessionInline]


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(ScopedModelAdmin):
    view_scope = staticmethod(
        lambda user, qs: scoping.scoped(user, qs, org_field="member__organization")
    )
    manage_scope = staticmethod(
        lambda user, qs: scoping.scoped_for_manage(user, qs, org_field="member__organization")
    )
    list_display = ("member", "session", "hours")
    list_filter = ("session__course__level",)
    search_fields = ("member__name", "member__name_initials", "session__course__title")
    list_select_related = ("member", "session", "session__course")
    readonly_fields = ("member", "session")
    fields = ("member", "session", "hours")

    def has_add_permission(self, request):
        return False
