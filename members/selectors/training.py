"""Read queries of member training: courses in view, class hours per member and year.

Who is a "cadre" needing TRAINING_HOURS_CADRE rather than TRAINING_HOURS_MEMBER a year
(2019 rules: secretaries and committee members of basic-level organizations): a member whose
user account held, at any time in the year, a post of secretary, deputy secretary or committee
member (organization, propaganda, discipline or plain) in a branch, general branch,
community committee or street working committee. Staff and party group leaders are not
elected committee members. A member without a linked user account holds no post.

Courses a user sees: those of the organizations in the user's scope, and those of the
organizations above the user's posts (a street's course is open to every branch below it).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from members import rules
from members.models import Member, TrainingAttendance, TrainingCourse, TrainingSession
from members.models.member import HOLDING_KINDS
from members.models.training import LEVEL_BY_KIND
from members.selectors.roll import manageable_members_for, visible_members_for
from organizations import scoping
from organizations.models import Organization, OrgKind, Post, Role
from policies.registry import values

CADRE_ROLES = (
    Role.SECRETARY,
    Role.DEPUTY_SECRETARY,
    Role.ORGANIZATION_MEMBER,
    Role.PROPAGANDA_MEMBER,
    Role.DISCIPLINE_MEMBER,
    Role.COMMITTEE_MEMBER,
)
CADRE_ORG_KINDS = (
    OrgKind.BRANCH,
    OrgKind.GENERAL_BRANCH,
    OrgKind.COMMUNITY_COMMITTEE,
    OrgKind.STREET_COMMITTEE,
)
HOURS = DecimalField(max_digits=7, decimal_places=1)


def visible_courses_for(user, queryset: QuerySet | None = None) -> QuerySet:
    qs = TrainingCourse.objects.all() if queryset is None else queryset
    scope = scoping.scope_for(user)
    if scope.is_superuser:
        return qs
    above = scoping.ids_at_and_above_posts(user)
    return qs.filter(
        Q(organization__in=scoping.visible_organizations_for(user)) | Q(organization_id__in=above)
    )


def get_course_for_user(user, pk) -> TrainingCourse:
    try:
        return visible_courses_for(user).select_related("organization").get(pk=pk)
    except (TrainingCourse.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def course_list_for(user, *, year: int | None = None, level: str | None = None) -> QuerySet:
    qs = visible_courses_for(user).select_related("organization")
    if year:
        qs = qs.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    if level:
        qs = qs.filter(level=level)
    return qs.annotate(
        session_count=Count("sessions"),
        session_hours=Coalesce(Sum("sessions__hours"), Value(0, output_field=HOURS)),
    ).order_by("-starts_on", "title", "id")


def get_session_for_user(user, pk) -> TrainingSession:
    """A session of a course the user sees, or 404."""
    try:
        return TrainingSession.objects.select_related("course", "course__organization").get(
            pk=pk, course__in=visible_courses_for(user)
        )
    except (TrainingSession.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def plannable_organizations_for(user) -> QuerySet:
    """Organizations the user may plan a course for: those with a training level, managed."""
    return scoping.manageable_organizations_for(
        user, Organization.objects.filter(kind__in=list(LEVEL_BY_KIND), dissolved_on__isnull=True)
    ).order_by("path")


def attendance_candidates_for(user, course: TrainingCourse, branch_pk=None) -> QuerySet:
    """Members the user may record at the course: on the roll below its organizer, managed."""
    qs = manageable_members_for(user).on_roll()
    qs = qs.filter(scoping.under_q(course.organization))
    if branch_pk:
        qs = qs.filter(organization_id=branch_pk)
    return qs.select_related("organization").order_by("organization__path", "name_initials", "id")


def attendance_branches_for(user, course: TrainingCourse) -> QuerySet:
    """The branches below the course's organizer whose members the user may record."""
    return scoping.manageable_organizations_for(
        user,
        Organization.objects.filter(
            scoping.under_q(course.organization, field=None), kind__in=HOLDING_KINDS
        ),
    ).order_by("path")


def course_sessions(course: TrainingCourse) -> list[TrainingSession]:
    return list(
        course.sessions.annotate(attendance_count=Count("attendance")).order_by("held_on", "id")
    )


def session_attendance_for(user, session: TrainingSession) -> QuerySet:
    """Who attended the session, of the members the user sees."""
    return (
        scoping.scoped(
            user,
            TrainingAttendance.objects.filter(session=session),
            org_field="member__organization",
            cell_field="member__grid_cell",
        )
        .select_related("member", "member__organization")
        .order_by("member__organization__path", "member__name_initials", "member_id")
    )


def requirements() -> tuple[int, int]:
    """(member hours, cadre hours) a year, as the administrator set them."""
    figures = values(rules.TRAINING_HOURS_MEMBER, rules.TRAINING_HOURS_CADRE)
    return figures[rules.TRAINING_HOURS_MEMBER.key], figures[rules.TRAINING_HOURS_CADRE.key]


def cadre_posts(year: int) -> QuerySet:
    """Posts making their holder a cadre for the year (to be correlated on ``user``)."""
    return Post.objects.filter(
        role__in=CADRE_ROLES,
        organization__kind__in=CADRE_ORG_KINDS,
        started_on__lte=datetime.date(year, 12, 31),
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(year, 1, 1)))


def with_training(queryset: QuerySet, year: int, *, figures: tuple[int, int] | None = None):
    """Annotate members with ``done`` (class hours credited in the year), ``is_cadre``,
    ``required`` and ``missing``. Correlated subqueries: one query whatever the size."""
    member_hours, cadre_hours = figures or requirements()
    done = (
        TrainingAttendance.objects.filter(member=OuterRef("pk"), session__held_on__year=year)
        .order_by()
        .values("member")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return (
        queryset.annotate(
            done=Coalesce(Subquery(done, output_field=HOURS), Value(0, output_field=HOURS)),
            is_cadre=Exists(cadre_posts(year).filter(user_id=OuterRef("user_id"))),
        )
        .annotate(
            required=Case(
                When(is_cadre=True, then=Value(cadre_hours)),
                default=Value(member_hours),
                output_field=HOURS,
            )
        )
        .annotate(
            missing=Case(
                When(done__lt=F("required"), then=F("required") - F("done")),
                default=Value(0, output_field=HOURS),
                output_field=HOURS,
            )
        )
    )


def training_hours_for(
    user, year: int, *, organization=None, short_only: bool = False, figures=None
) -> QuerySet:
    """Members on the roll who had joined by the end of the year, with their hours."""
    qs = visible_members_for(user).on_roll().filter(joined_on__lte=datetime.date(year, 12, 31))
    if organization is not None:
        qs = qs.filter(scoping.under_q(organization))
    qs = with_training(qs, year, figures=figures)
    if short_only:
        qs = qs.filter(done__lt=F("required"))
    return qs.select_related("organization").order_by("organization__path", "name_initials", "id")


def members_below_requirement_for(user, year: int, **kwargs) -> QuerySet:
    return training_hours_for(user, year, short_only=True, **kwargs)


@dataclass
class OrganizationHours:
    id: int
    name: str
    path: str
    members: int = 0
    short: int = 0
    hours: Decimal = Decimal("0")

    @property
    def average(self) -> Decimal:
        return (
            (self.hours / self.members).quantize(Decimal("0.1")) if self.members else Decimal("0")
        )


def training_summary_for(user, year: int, *, figures=None) -> list[OrganizationHours]:
    """Per holding organization: members, how many are short, average hours. One query."""
    rows = training_hours_for(user, year, figures=figures).values_list(
        "organization_id", "organization__name", "organization__path", "done", "required"
    )
    summary: dict[int, OrganizationHours] = {}
    for org_id, name, path, done, required in rows:
        item = summary.setdefault(org_id, OrganizationHours(org_id, name, path))
        item.members += 1
        item.hours += Decimal(done)
        item.short += Decimal(done) < Decimal(required)
    return sorted(summary.values(), key=lambda item: item.path)


def training_met_by_organization(organization_ids, year: int) -> dict[int, tuple[int, int]]:
    """``{organization id: (members on its roll who had joined by the end of the year, those
    whose class hours of the year reached their requirement)}``. Two queries."""
    rows = with_training(
        Member.objects.on_roll().filter(
            organization_id__in=organization_ids, joined_on__lte=datetime.date(year, 12, 31)
        ),
        year,
    ).values_list("organization_id", "done", "required")
    result: dict[int, tuple[int, int]] = {}
    for org_id, done, required in rows:
        members, met = result.get(org_id, (0, 0))
        result[org_id] = (members + 1, met + (Decimal(done) >= Decimal(required)))
    return result
