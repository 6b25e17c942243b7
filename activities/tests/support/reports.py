"""Helpers of the report tests: activities held by an organization, reports moved through
their steps by the services, and extra posts for reviewers."""

import datetime

from activities.models import Activity, Report, ReportKind
from activities.services import reports as services
from activities.tests.factories import ActivityFactory, activity_type
from organizations.models import Role
from organizations.scoping import forget_scope
from organizations.tests.factories import PostFactory

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
