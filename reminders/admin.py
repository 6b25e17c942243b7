"""The admin of reminders and sweep runs, for system administrators only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from reminders.models import Reminder, SweepRun
from reminders.services.email import reminder_emails_retry


@admin.register(SweepRun)
class SweepRunAdmin(admin.ModelAdmin):
    """System-wide operational record: system administrators only."""

    list_display = ("started_at", "finished_at", "for_date", "created_count")
    readonly_fields = ("started_at", "finished_at", "for_date", "created_count", "details")
    date_hierarchy = "started_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """All reminders, for system administrators; everyone else has the inbox."""

    list_display = (
        "kind",
        "period",
        "recipient",
        "organization",
        "due_on",
        "state",
        "email_state",
        "email_attempts",
        "email_retry_at",
        "email_error",
    )
    list_filter = ("state", "email_state", "kind")
    actions = ["retry_emails"]
    search_fields = ("recipient__username", "recipient__full_name", "organization__name")
    date_hierarchy = "due_on"
    list_select_related = ("recipient", "organization")
    readonly_fields = [f.name for f in Reminder._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the failed e-mails again"))
    def retry_emails(self, request, queryset):
        count = reminder_emails_retry(reminder_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail will be sent again.",
                "%(count)d e-mails will be sent again.",
                count,
            )
            % {"count": count},
        )


# django-celery-beat labels three admin columns and filters with English that no catalogue can
# translate (a plain-string verbose name, two properties without a description): give them
# translatable labels. The English stays the same, so no migration sees a change.
PeriodicTask._meta.get_field("task").verbose_name = _("Task Name")
PeriodicTask.scheduler.fget.short_description = _("Scheduler")
CrontabSchedule.human_readable.fget.short_description = _("Human readable")
