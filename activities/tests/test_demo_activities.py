"""The demo year of activities (activities/demo/schedule.py) as ``seed_demo`` leaves it."""

import random
import statistics
from collections import Counter, defaultdict

import pytest
from django.db.models import Q
from django.utils import timezone

from activities.attendance import attendance_counts, total
from activities.demo.base import MONTHS
from activities.models import (
    Activity,
    ActivityForm,
    ActivityStatus,
    ActivityType,
    Attendance,
    AttendanceStatus,
    Exemption,
    Frequency,
)
from activities.periods import period_of
from activities.roll import away_on, may_attend
from activities.selectors.compliance import requirement_status
from activities.tests.support.demo import exempt_ids, seed, window_start
from conftest import built_once
from members.dates import add_months
from organizations.models import CommitteeTerm, Organization, OrgKind, Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

ROLL = 400  # members of the demo street: enough for every kind of mobile record


# Seeded once for the module: the tests only read the demo street.
seeded = built_once(lambda: seed(ROLL))


def test_every_kind_of_organization_holds_a_year_of_activities_up_to_today():
    today = timezone.localdate()
    activities = Activity.objects.select_related("activity_type", "organization")

    kinds = set(activities.values_list("organization__kind", flat=True))
    assert kinds == set(Organization.objects.values_list("kind", flat=True))
    assert set(activities.values_list("activity_type__code", flat=True)) == set(
        ActivityType.objects.values_list("code", flat=True)
    )
    held = activities.filter(status=ActivityStatus.HELD)
    assert not held.filter(held_on__gt=today).exists()
    assert min(held.values_list("held_on", flat=True)) >= window_start(today)
    months = {(d.year, d.month) for d in held.values_list("held_on", flat=True)}
    assert len(months) == MONTHS
    planned = activities.filter(status=ActivityStatus.PLANNED)
    assert planned.exists() and not planned.filter(held_on__lte=today).exists()
    assert not Attendance.objects.filter(activity__status=ActivityStatus.PLANNED).exists()
    branches = Organization.objects.filter(kind__in=[OrgKind.BRANCH, OrgKind.GENERAL_BRANCH])
    per_month = held.filter(organization__in=branches).count() / branches.count() / MONTHS
    assert 2.5 <= per_month <= 4  # about 3 a branch a month
    for activity in random.Random(1).sample(list(activities), 150):
        activity.full_clean()


def test_required_meetings_follow_the_regulations():
    today = timezone.localdate()
    held = Activity.objects.filter(status=ActivityStatus.HELD).select_related("activity_type")
    exempt = exempt_ids()

    themed = held.filter(activity_type__code="themed_party_day")
    assert all(1 <= day.day <= 20 for day in themed.values_list("held_on", flat=True))
    per_branch = Counter(themed.exclude(organization__in=exempt).values_list("organization"))
    assert min(per_branch.values()) >= MONTHS - 3 and max(per_branch.values()) <= MONTHS

    yearly = held.filter(activity_type__frequency=Frequency.YEAR)
    assert {d.month for d in yearly.values_list("held_on", flat=True)} <= {1, 12}
    assert yearly.filter(held_on__month=1).exists() and yearly.filter(held_on__month=12).exists()

    terms = defaultdict(list)
    for term in CommitteeTerm.objects.all():
        terms[term.organization_id].append(term)
    committee = held.filter(activity_type__code="committee_meeting")
    assert committee.exists()
    for organization_id, day in committee.values_list("organization_id", "held_on"):
        assert any(t.elected_on <= day < t.ends_on for t in terms[organization_id])
    without_committee = Organization.objects.filter(kind=OrgKind.BRANCH, committee_terms=None)
    assert without_committee.exists()
    assert not committee.filter(organization__in=without_committee).exists()

    lessons = held.filter(activity_type__code="party_lesson")
    given = set(lessons.filter(speaker_is_secretary=True).values_list("organization", "speaker"))
    secretaries = {
        (o, m)
        for o, m in Organization.objects.filter(
            posts__role=Role.SECRETARY, posts__ended_on__isnull=True
        ).values_list("pk", "posts__user__member")
    }
    assert given and given <= secretaries  # the secretary speaks, nobody else is marked so
    this_year = set(
        lessons.filter(speaker_is_secretary=True, held_on__year=today.year).values_list(
            "organization", flat=True
        )
    )
    holders = set(lessons.filter(held_on__year=today.year).values_list("organization", flat=True))
    assert len(this_year) >= len(holders) * 0.7
    assert (
        lessons.exclude(speaker_is_secretary=True)
        .filter(Q(speaker__isnull=False) | ~Q(speaker_name=""))
        .count()
        == lessons.exclude(speaker_is_secretary=True).count()
    )

    groups = held.filter(activity_type__code="party_group_meeting")
    assert set(groups.values_list("organization__kind", flat=True)) == {OrgKind.PARTY_GROUP}


def test_gaps_leave_required_meetings_missing_in_past_periods():
    today = timezone.localdate()
    start = window_start(today)
    exempt = exempt_ids()
    current = today.replace(day=1)
    themed = Activity.objects.filter(
        activity_type__code="themed_party_day", status=ActivityStatus.HELD
    )
    months_held = defaultdict(set)
    for organization_id, day in themed.values_list("organization_id", "held_on"):
        months_held[organization_id].add(day.replace(day=1))
    past_months = {add_months(start, k) for k in range(MONTHS - 1)}
    branches = Organization.objects.filter(kind__in=[OrgKind.BRANCH, OrgKind.GENERAL_BRANCH])
    missing = [
        (b.code, m)
        for b in branches.exclude(pk__in=exempt)
        for m in past_months - months_held[b.pk]
    ]
    assert 2 <= len(missing) <= branches.count()
    assert any(code == "CD01-01" for code, _ in missing)  # the demo secretary sees red
    not_yet = [b for b in branches.exclude(pk__in=exempt) if current not in months_held[b.pk]]
    assert not_yet  # this month's themed party day still to hold in some branches

    quarter = period_of(add_months(period_of(today, Frequency.QUARTER).start, -3), "quarter")
    general = Activity.objects.filter(
        activity_type__code="branch_general_meeting",
        held_on__range=(quarter.start, quarter.end),
    )
    assert general.values("organization").distinct().count() < branches.count() - len(exempt)


def test_the_compliance_calendar_shows_missing_held_and_exempt():
    today = timezone.localdate()
    last_month = period_of(add_months(today.replace(day=1), -1), Frequency.MONTH)
    states = Counter()
    for branch in Organization.objects.filter(kind=OrgKind.BRANCH, street__code="CD"):
        for period in (last_month, period_of(add_months(today, -3), Frequency.QUARTER)):
            states.update(c.state for c in requirement_status(branch, period))
    assert states["held"] > states["missing"] > 0

    # The months and the quarter inside the exemption are exempt. The year running through it
    # also has months after the exemption: held where the branch held its yearly activities
    # after the exemption ended (it holds them in December), exempt otherwise, never missing.
    exemption = Exemption.objects.get()
    covered = period_of(exemption.starts_on, Frequency.QUARTER)
    inside = requirement_status(exemption.organization, covered, within=True)
    assert inside and {c.state for c in inside} == {"exempt"}
    years = [c for c in requirement_status(exemption.organization, covered) if c not in inside]
    assert years and {c.period.frequency for c in years} == {Frequency.YEAR}
    for cell in years:
        held_after = Activity.objects.filter(
            organization=exemption.organization,
            activity_type=cell.activity_type,
            status=ActivityStatus.HELD,
            held_on__gt=exemption.ends_on,
            held_on__lte=cell.period.end,
        )
        if cell.is_secretary_lesson:
            held_after = held_after.filter(speaker_is_secretary=True)
        assert cell.state == ("held" if held_after.exists() else "exempt")


def test_one_branch_is_exempt_while_newly_founded_and_holds_its_meetings_after():
    exemption = Exemption.objects.select_related("organization").get()
    exemption.full_clean()
    assert exemption.organization.kind == OrgKind.BRANCH and exemption.activity_type is None
    assert exemption.starts_on.day == 1 and exemption.starts_on.month % 3 == 1
    assert exemption.recorded_by.posts.filter(organization=exemption.organization.parent).exists()
    assert exemption.reason
    required = Activity.objects.filter(
        organization=exemption.organization,
        activity_type__frequency__in=[Frequency.MONTH, Frequency.QUARTER, Frequency.YEAR],
    )
    assert not required.filter(held_on__lte=exemption.ends_on).exists()
    assert required.filter(held_on__gt=exemption.ends_on, status=ActivityStatus.HELD).exists()


def test_attendance_comes_from_the_roll_with_mobile_members_away_left_out():
    activities = list(
        Activity.objects.filter(status=ActivityStatus.HELD)
        .select_related("organization", "activity_type")
        .prefetch_related("attendance")
    )
    sample = random.Random(2).sample(activities, 120)
    for activity in sample:
        allowed = set(may_attend(activity.organization).values_list("pk", flat=True))
        for row in activity.attendance.all():
            assert row.member_id in allowed
            assert row.member.joined_on <= activity.held_on
    lessons = [a for a in activities if a.activity_type.code == "party_lesson"]
    for activity in lessons[:20]:  # a meeting has the whole roll
        expected = set(
            activity.organization.members.filter(joined_on__lte=activity.held_on).values_list(
                "pk", flat=True
            )
        ) - set(
            activity.organization.members.filter(left_on__isnull=False).values_list("pk", flat=True)
        )
        assert {r.member_id for r in activity.attendance.all()} == expected

    statuses = Counter(Attendance.objects.values_list("status", flat=True))
    assert set(statuses) == set(AttendanceStatus.values)
    assert statuses[AttendanceStatus.PRESENT] > 0.8 * sum(statuses.values())
    away = Attendance.objects.filter(note="流动党员外出").select_related("activity")
    assert away.exists()
    for row in away[:30]:
        assert row.status != AttendanceStatus.PRESENT
        assert row.member_id in away_on([row.member_id], row.activity.held_on)
    meetings = Activity.objects.filter(
        status=ActivityStatus.HELD, activity_type__category__in=["meeting", "study"]
    )
    figures = total(attendance_counts(meetings).values())
    assert figures.away > 0 and 0.8 < figures.rate < 0.97


def test_service_activities_have_hours_people_served_and_projects():
    service = Activity.objects.filter(
        activity_type__is_service=True, status=ActivityStatus.HELD
    ).select_related("project", "organization")
    assert service.count() >= 100
    assert not service.filter(people_served__isnull=True).exists()
    assert not service.filter(network="").exists()
    assert len(set(service.values_list("network", flat=True))) == 4
    hours = Attendance.objects.filter(activity__in=service)
    assert hours.exists() and not hours.filter(hours__isnull=True).exists()
    assert not Attendance.objects.exclude(activity__in=service).filter(hours__isnull=False).exists()
    linked = service.filter(project__isnull=False)
    assert linked.count() > service.count() / 3
    for activity in linked:
        project = activity.project
        assert project.community_id == activity.organization.community_id
        assert project.starts_on <= activity.held_on
        assert project.ends_on is None or activity.held_on <= project.ends_on
    others = Activity.objects.filter(activity_type__is_service=False)
    assert not others.filter(Q(people_served__isnull=False) | ~Q(network="")).exists()
    volunteers = Counter(hours.values_list("member", flat=True))
    assert max(volunteers.values()) >= 4  # some keen volunteers come back again and again


def test_one_branch_mostly_reads_documents():
    meetings = Activity.objects.filter(
        organization__kind=OrgKind.BRANCH, activity_type__category__in=["meeting", "study"]
    )
    forms = defaultdict(Counter)
    for organization_id, form in meetings.values_list("organization_id", "form"):
        forms[organization_id][form] += 1
    shares = sorted(c[ActivityForm.READING] / sum(c.values()) for c in forms.values())
    assert shares[-1] > 0.6
    assert statistics.median(shares) < 0.35
    assert (
        Organization.objects.get(
            pk=max(forms, key=lambda pk: forms[pk][ActivityForm.READING] / sum(forms[pk].values()))
        ).code
        == "CD01-03"
    )
