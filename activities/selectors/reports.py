"""Read queries of reports: scoped like every record of an organization, and the review queue.

A user sees the reports of the organizations in their scope: the submitting side its own,
the reviewing side everything under it. The review queue of a user holds the submitted
reports of organizations strictly below one of their reviewing posts, except those the user
created or submitted (nobody reviews their own report), the longest waiting first.
"""

import datetime

from django.db.models import (
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from activities.models import (
    Activity,
    ActivityType,
    Attendance,
    Report,
    ReportAction,
    ReportEvent,
    ReportState,
)
from activities.models.report import LOCKING_STATES
from organizations import scoping
from organizations.models import Organization

LIST_RELATED = (
    "organization",
    "reviewing_organization",
    "activity",
    "activity__activity_type",
    "submitted_by",
)


def visible_reports_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Report.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs)


def with_events(queryset: QuerySet) -> QuerySet:
    return queryset.prefetch_related(
        Prefetch("events", queryset=ReportEvent.objects.select_related("by").order_by("at", "pk"))
    )


def get_report_for_user(user, pk) -> Report:
    """The report with its organizations, activity and steps; 404 if missing or out of scope."""
    try:
        return with_events(
            visible_reports_for(user).select_related(
                *LIST_RELATED, "created_by", "reviewed_by", "organization__community"
            )
        ).get(pk=pk)
    except (Report.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def my_reports_for(user, state: str | None = None, *, kind: str | None = None) -> QuerySet:
    """Reports of the organizations the user manages (the submitting side), newest first."""
    qs = scoping.scoped_for_manage(user, Report.objects.all()).select_related(*LIST_RELATED)
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-updated_at", "-pk")


def report_of_activity(activity: Activity) -> Report | None:
    return Report.objects.filter(activity=activity).first()


def summary_report(organization, kind: str, period_start: datetime.date) -> Report | None:
    """The organization's summary of that kind and period, if it was created."""
    return Report.objects.filter(
        organization=organization, kind=kind, period_start=period_start
    ).first()


def reporting_organizations_for(user) -> QuerySet:
    """Organizations the user may report for: managed, with a higher organization."""
    return scoping.manageable_organizations_for(
        user, Organization.objects.filter(parent__isnull=False, dissolved_on__isnull=True)
    ).order_by("path")


def reportable_activities_for(user) -> QuerySet:
    """Activities the user sees, whose report they may ask to create."""
    return scoping.scoped(user, Activity.objects.all())


def get_activity_to_report(user, pk) -> Activity:
    """An activity the user sees, to create its report; 404 if missing or out of scope."""
    try:
        return (
            reportable_activities_for(user)
            .select_related("organization", "organization__parent", "activity_type")
            .get(pk=pk)
        )
    except (Activity.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def reported_activity(report: Report) -> Activity:
    """The activity of an activity report, with what its report page shows."""
    return (
        Activity.objects.select_related("activity_type", "speaker")
        .prefetch_related("attachments")
        .get(pk=report.activity_id)
    )


def attendance_of(activity: Activity) -> list[Attendance]:
    """The activity's attendance, present first, by member."""
    return list(
        Attendance.objects.filter(activity=activity)
        .select_related("member")
        .order_by("status", "member__name_initials", "member_id")
    )


def activity_types_by_id(type_ids) -> dict[int, ActivityType]:
    return {t.pk: t for t in ActivityType.objects.filter(pk__in=type_ids)}


def activity_locked_by_report(activity: Activity | int) -> bool:
    """An activity whose report is submitted or approved is read-only until it is returned."""
    activity_id = activity.pk if isinstance(activity, Activity) else activity
    return Report.objects.filter(activity_id=activity_id, state__in=LOCKING_STATES).exists()


def _below_review_paths(user) -> Q | None:
    scope = scoping.scope_for(user)
    if scope.is_superuser:
        return Q()
    return scoping.under_paths_q(scope.review_paths, strictly=True)


def _authored_by(user) -> Q:
    """The user created, submitted or resubmitted the report (as in services.is_author)."""
    steps = ReportEvent.objects.filter(
        report=OuterRef("pk"),
        by=user,
        action__in=(ReportAction.CREATED, ReportAction.SUBMITTED, ReportAction.RESUBMITTED),
    )
    return Q(created_by=user) | Q(submitted_by=user) | Q(Exists(steps))


def review_queue_for(
    user,
    community=None,
    organization=None,
    kind: str | None = None,
    activity_type=None,
    waiting_since: datetime.date | None = None,
    *,
    today: datetime.date | None = None,
) -> QuerySet:
    """Submitted reports waiting for the user, oldest first, each annotated with
    ``days_waiting`` (a timedelta of whole days since the day it was submitted).
    ``organization`` keeps that organization and those under it (a branch and its groups);
    ``waiting_since`` keeps the reports submitted on that day or before. One query."""
    below = _below_review_paths(user)
    qs = Report.objects.filter(state=ReportState.SUBMITTED)
    if below is None:
        return qs.none()
    qs = qs.filter(below).exclude(_authored_by(user))
    if community is not None:
        qs = qs.filter(organization__community=community)
    if organization is not None:
        path = getattr(organization, "path", None)
        qs = (
            qs.filter(scoping.under_q(organization))
            if path
            else qs.filter(organization_id=organization)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if activity_type is not None:
        qs = qs.filter(activity__activity_type=activity_type)
    if waiting_since is not None:
        qs = qs.filter(submitted_at__date__lte=waiting_since)
    today = today or timezone.localdate()
    return (
        qs.select_related(*LIST_RELATED, "organization__community")
        .annotate(
            days_waiting=ExpressionWrapper(
                Value(today, output_field=DateField()) - TruncDate("submitted_at"),
                output_field=DurationField(),
            )
        )
        .order_by("submitted_at", "pk")
    )


def reports_waiting_count_for(user) -> int:
    below = _below_review_paths(user)
    if below is None:
        return 0
    return (
        Report.objects.filter(below, state=ReportState.SUBMITTED)
        .exclude(_authored_by(user))
        .count()
    )


def first_time_approvals_by_organization(
    organization_ids, first_day: datetime.date, last_day: datetime.date
) -> dict[int, tuple[int, int]]:
    """``{organization id: (its reports last reviewed between the two days, approved or
    returned, those approved without ever being returned)}``. One query."""
    first_time = Q(state=ReportState.APPROVED, times_returned=0)
    rows = (
        Report.objects.filter(
            organization_id__in=organization_ids,
            state__in=(ReportState.APPROVED, ReportState.RETURNED),
            reviewed_at__date__range=(first_day, last_day),
        )
        .order_by()
        .values("organization_id")
        .annotate(reviewed=Count("pk"), first_time=Count("pk", filter=first_time))
    )
    return {row["organization_id"]: (row["reviewed"], row["first_time"]) for row in rows}
