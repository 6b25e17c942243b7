"""Figures of the activities area, admin-editable, with the regulations' or common values."""

from django.utils.translation import gettext_lazy as _

from policies.registry import define

ATTACHMENT_MAX_MB = define(
    "activities.attachment_max_mb",
    10,
    _("Largest photo or PDF of an activity (MB)"),
    minimum=1,
    maximum=50,
)
ATTACHMENTS_PER_ACTIVITY = define(
    "activities.attachments_per_activity",
    20,
    _("Most attachments of one activity"),
    minimum=1,
)
REMIND_DAYS_LEFT = define(
    "reminders.meeting_missing_days_left",
    7,
    _("Remind of a required meeting not yet held when this many days of its period are left"),
    minimum=0,
)
REPORT_WAITING_DAYS = define(
    "reminders.report_waiting_days",
    5,
    _("Remind reviewers of a report waiting more than this many days"),
    minimum=1,
)
RETURNED_REPORT_DAYS = define(
    "reminders.returned_report_days",
    0,
    _("Remind of a returned report not resubmitted this many days after its return"),
    minimum=0,
)
