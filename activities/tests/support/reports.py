"""Helpers of the report tests: activities held by an organization, reports moved through
their steps by the services, extra posts for reviewers, a report's steps, queue and pages."""

import datetime

from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError

from activities.models import Activity, AttendanceStatus, Report, ReportEvent, ReportKind
from activities.selectors.reports import review_queue_for
from activities.services import reports as services
from activities.tests.factories import ActivityFactory, AttendanceFactory, activity_type
from organizations.models import Role
from organizations.scoping import forget_scope
from organizations.tests.factories import PostFactory
from reminders.models import Reminder

NOV = datetime.date(2026, 11, 1)


def activity_of(organization, code: str = "themed_party_day", **kwargs) -> Activity:
    kwargs.setdefault("held_on", datetime.date(2026, 11, 10))
    return ActivityFactory(organization=organization, activity_type=activity_type(code), **kwargs)


def draft_of(organization, user, **kwargs) -> Report:
    return services.report_create_for_activity(
        user=user, activity=activity_of(organization, **kwargs)
    )


def submitted_of(organization, user, **kwargs) -> Report:
    return services.report_submit(user=user, report=draft_of(organization, user, **kwargs))


def summary_of(organization, user, kind=ReportKind.MONTHLY, period_start=NOV) -> Report:
    return services.report_create_summary(
        user=user, organization=organization, kind=kind, period_start=period_start
    )


def give_post(user, organization, role=Role.STAFF):
    post = PostFactory(user=user, organization=organization, role=role)
    forget_scope(user)
    return post


def attend(activity, member, status=AttendanceStatus.PRESENT, hours=None):
    return AttendanceFactory(activity=activity, member=member, status=status, hours=hours)


def form_data(report, **fields):
    """The change form as the admin posts it: the fields and the steps' inline (read-only)."""
    events = list(ReportEvent.objects.filter(report=report).order_by("at", "pk"))
    data = {
        "title": report.title,
        "remarks": report.remarks,
        "events-TOTAL_FORMS": len(events),
        "events-INITIAL_FORMS": len(events),
        "events-MIN_NUM_FORMS": 0,
        "events-MAX_NUM_FORMS": 1000,
    }
    for index, event in enumerate(events):
        data[f"events-{index}-id"] = event.pk
        data[f"events-{index}-report"] = report.pk
    return {**data, **fields}


API = "/api/reports/"


def url(report, step: str = "") -> str:
    return f"{API}{report.pk}/" + (f"{step}/" if step else "")


def reminders(kind):
    return list(Reminder.objects.filter(kind=kind).order_by("pk"))


def queue_of(user, **filters):
    return [r.organization.name for r in review_queue_for(user, **filters)]


def names(world, *keys):
    return [getattr(world, key).name for key in keys]


def steps(report):
    return list(
        ReportEvent.objects.filter(report=report)
        .order_by("at", "pk")
        .values_list("action", "state_after", "by__username", "comments")
    )


def refused(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def detail(report) -> str:
    return f"/activities/reports/{report.pk}/"


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]
