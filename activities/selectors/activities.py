"""Read queries of activity records, scoped: pages, the API, the admin and dashboards.

A user sees the activities of the organizations in their scope (and a grid worker those of
the organizations of the grid cells they look after), like ``visible_organizations_for``."""

import datetime

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from activities.attendance import AttendanceCounts, attendance_counts
from activities.models import Activity, ActivityType, Attachment, Attendance, Project, Report
from activities.roll import away_on, roll_for
from members.models import Member
from organizations import scoping
from organizations.models import Organization


def visible_activities_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Activity.objects.all() if queryset is None else queryset
    return scoping.scoped(user, qs, cell_field="organization__grid_cell")


def manageable_activities_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Activity.objects.all() if queryset is None else queryset
    return scoping.scoped_for_manage(user, qs)


def types_for(organization: Organization | None) -> QuerySet:
    """Active types held by organizations of this kind (all active types without one)."""
    types = list(ActivityType.objects.filter(active=True))
    if organization is not None:
        types = [t for t in types if t.applies_to_kind(organization.kind)]
    return ActivityType.objects.filter(pk__in=[t.pk for t in types])


def projects_for(organization: Organization | None) -> QuerySet:
    """Co-building projects an activity of this organization may serve: its community's, or
    those of its street for an organization above the communities."""
    if organization is None:
        return Project.objects.none()
    if organization.community_id:
        return Project.objects.filter(community_id=organization.community_id)
    return Project.objects.filter(community__street_id=organization.street_id)


def all_types() -> QuerySet:
    """Every activity type, those retired included: reference data everyone may read."""
    return ActivityType.objects.all()


def active_types() -> QuerySet:
    """Activity types that may still be recorded."""
    return ActivityType.objects.filter(active=True)


def project_choices_for(user) -> QuerySet:
    """Co-building projects an activity recorded over the API may name."""
    return scoping.choices_for(user, Project.objects.all())


def recordable_organizations_for(user) -> QuerySet:
    """Active organizations the user manages, where they may record activities."""
    return scoping.manageable_organizations_for(user, Organization.objects.active()).order_by(
        "path"
    )


def organization_of(activity: Activity) -> QuerySet:
    """The activity's organization as the only choice of a form that changes it."""
    return Organization.objects.filter(pk=activity.organization_id)


def get_activity_for_user(user, pk) -> Activity:
    """The activity with what its page shows, or 404 whether missing or out of scope."""
    try:
        return (
            visible_activities_for(user)
            .select_related("organization", "activity_type", "speaker", "project", "recorded_by")
            .get(pk=pk)
        )
    except (Activity.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def visible_attachments_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = Attachment.objects.all() if queryset is None else queryset
    return scoping.scoped(
        user, qs, org_field="activity__organization", cell_field="activity__organization__grid_cell"
    )


def get_attachment_for_user(user, pk) -> Attachment:
    try:
        return (
            visible_attachments_for(user)
            .select_related("activity", "activity__organization")
            .get(pk=pk)
        )
    except (Attachment.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def report_state_subquery() -> Subquery:
    return Subquery(Report.objects.filter(activity=OuterRef("pk")).values("state")[:1])


def filter_activities(
    queryset: QuerySet,
    *,
    organization: Organization | None = None,
    activity_type=None,
    status: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: str | None = None,
) -> QuerySet:
    """The list's filters, shared by the page and the API: ``organization`` takes its
    whole subtree; ``q`` searches the topic and the place."""
    if organization is not None:
        queryset = queryset.filter(scoping.under_q(organization))
    if activity_type is not None:
        queryset = queryset.filter(activity_type=activity_type)
    if status:
        queryset = queryset.filter(status=status)
    if date_from:
        queryset = queryset.filter(held_on__gte=date_from)
    if date_to:
        queryset = queryset.filter(held_on__lte=date_to)
    if q and q.strip():
        words = q.strip()
        queryset = queryset.filter(Q(topic__icontains=words) | Q(place__icontains=words))
    return queryset


def annotate_for_list(queryset: QuerySet) -> QuerySet:
    """What each row of a list shows: attachment count and report state (one query)."""
    attachments = (
        Attachment.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.select_related("organization", "activity_type").annotate(
        attachment_count=Coalesce(Subquery(attachments, output_field=IntegerField()), 0),
        report_state=report_state_subquery(),
    )


def activity_list_for(
    user,
    *,
    organization: Organization | None = None,
    activity_type=None,
    status: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    q: str | None = None,
) -> QuerySet:
    """Activities in the user's scope, filtered and annotated; add attendance figures to the
    page shown with ``with_attendance_counts`` (one more query)."""
    qs = filter_activities(
        visible_activities_for(user),
        organization=organization,
        activity_type=activity_type,
        status=status,
        date_from=date_from,
        date_to=date_to,
        q=q,
    )
    return annotate_for_list(qs).order_by("-held_on", "-starts_at", "-id")


def with_attendance_counts(activities) -> list[Activity]:
    """Set ``attendance_counts`` (AttendanceCounts) on each activity: one query for all."""
    activities = list(activities)
    counts = attendance_counts([a.pk for a in activities]) if activities else {}
    for activity in activities:
        activity.attendance_counts = counts.get(activity.pk, AttendanceCounts())
    return activities


def activity_attendance(activity: Activity) -> list[Attendance]:
    """The attendance of one activity with its members, each marked ``away`` when the
    member was away as a mobile member that day (two queries)."""
    rows = list(
        activity.attendance.select_related("member").order_by("member__name_initials", "member_id")
    )
    away = away_on([row.member_id for row in rows], activity.held_on) if rows else set()
    for row in rows:
        row.away = row.member_id in away
    return rows


def activity_attachments(activity: Activity) -> list[Attachment]:
    return list(activity.attachments.order_by("uploaded_at", "id"))


def prefetch_for_api(queryset: QuerySet) -> QuerySet:
    """Attendance (with member names) and attachments in two queries for any page."""
    return queryset.prefetch_related(
        Prefetch(
            "attendance",
            queryset=Attendance.objects.select_related("member").only(
                "id", "activity_id", "member_id", "status", "hours", "note", "member__name"
            ),
        ),
        Prefetch("attachments", queryset=Attachment.objects.order_by("uploaded_at", "id")),
    )


def activity_for_api(activity: Activity) -> Activity:
    """The activity again, annotated and prefetched as the API's list has it."""
    return prefetch_for_api(annotate_for_list(Activity.objects.filter(pk=activity.pk))).get()


def recorded_member_ids(activity: Activity) -> set[int]:
    """Members already on the activity's attendance (none for an activity not saved yet)."""
    if activity.pk is None:
        return set()
    return set(
        Attendance.objects.filter(activity_id=activity.pk).values_list("member_id", flat=True)
    )


def roll_call(organization: Organization, day: datetime.date, recorded=()) -> list[dict]:
    """The rows of the attendance form: the roll on the day plus members already recorded
    (``recorded``: their Attendance rows), each with ``member``, ``away``, ``status``,
    ``hours``. Three queries."""
    recorded = {row.member_id: row for row in recorded}
    members = list(roll_for(organization, day).select_related(None).only("id", "name"))
    missing = set(recorded) - {m.pk for m in members}
    if missing:
        members += list(Member.objects.filter(pk__in=missing).only("id", "name"))
    away = away_on([m.pk for m in members], day) if members else set()
    rows = []
    for member in members:
        row = recorded.get(member.pk)
        rows.append(
            {
                "member": member,
                "away": member.pk in away,
                "status": row.status if row else None,
                "hours": row.hours if row else None,
            }
        )
    return rows
