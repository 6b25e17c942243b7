"""Reminder rules of reports, each one set-based query whatever the number of reports.

- ``activities.report_waiting``: a submitted report waiting more than REPORT_WAITING_DAYS
  (default 5) days, counted from the local day it was submitted: with 5, nothing on the 5th
  day after, a reminder on the 6th. It goes to the reviewing organization. Period: the day
  of submission, so a resubmission starts a new one; it closes when the report is approved
  or returned.
- ``activities.report_returned``: a returned report not resubmitted, from RETURNED_REPORT_DAYS
  (default 0: the day of the return) after its return. It goes to the reporting
  organization. Period: "r" and the number of the return ("r1", "r2"…), one per return; it
  closes when the report is resubmitted.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities import rules
from activities.models import Report, ReportState
from policies.registry import value
from reminders import registry
from reminders.registry import Due, Rule


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def _day_bound(day: datetime.date) -> datetime.datetime:
    """The first moment of the local day after ``day``: reports before it were sent by ``day``."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )


def _report_url(reminder) -> str:
    return reverse("activities:report_detail", kwargs={"pk": reminder.object_id})


def report_waiting_due(today: datetime.date) -> list[Due]:
    days = value(rules.REPORT_WAITING_DAYS)
    latest = today - datetime.timedelta(days=days + 1)
    reports = (
        Report.objects.filter(state=ReportState.SUBMITTED, submitted_at__lt=_day_bound(latest))
        .select_related("organization")
        .only("pk", "title", "submitted_at", "reviewing_organization_id", "organization__name")
    )
    dues = []
    for report in reports:
        sent = _local_day(report.submitted_at)
        dues.append(
            Due(
                subject=report,
                period=sent.isoformat(),
                due_on=sent + datetime.timedelta(days=days),
                organization_id=report.reviewing_organization_id,
                params={
                    "organization": report.organization.name,
                    "title": report.title,
                    "date": sent.isoformat(),
                    "days": (today - sent).days,
                },
            )
        )
    return dues


REPORT_WAITING = Rule(
    kind="activities.report_waiting",
    label=_("Report waiting for review"),
    message=_(
        "%(organization)s submitted “%(title)s” on %(date)s: it has been waiting %(days)s days for review."
    ),
    due=report_waiting_due,
    model=Report,
    url=_report_url,
)


def report_returned_due(today: datetime.date) -> list[Due]:
    days = value(rules.RETURNED_REPORT_DAYS)
    latest = today - datetime.timedelta(days=days)
    reports = (
        Report.objects.filter(
            state=ReportState.RETURNED,
            reviewed_at__isnull=False,
            reviewed_at__lt=_day_bound(latest),
        )
        .only("pk", "title", "reviewed_at", "organization_id", "times_returned")
        .order_by()
    )
    dues = []
    for report in reports:
        returned = _local_day(report.reviewed_at)
        dues.append(
            Due(
                subject=report,
                period=f"r{report.times_returned}",
                due_on=returned + datetime.timedelta(days=days),
                organization_id=report.organization_id,
                params={"title": report.title, "date": returned.isoformat()},
            )
        )
    return dues


REPORT_RETURNED = Rule(
    kind="activities.report_returned",
    label=_("Returned report to correct"),
    message=_(
        "“%(title)s” was returned on %(date)s with comments: correct it and submit it again."
    ),
    due=report_returned_due,
    model=Report,
    url=_report_url,
)


def register_rules() -> None:
    registry.register(REPORT_WAITING)
    registry.register(REPORT_RETURNED)
