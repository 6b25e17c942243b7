"""Reminder rules of the members area: dues, arrears, activists and probation.

Each rule reads the figures in force (admin-editable, see members/rules.py and the two
defined here) and the things due with one set-based query, whatever the number of members.
The engine (reminders/services.py) creates one reminder per thing and period and closes it
when ``due`` no longer returns that thing and period.

- ``dues.unpaid``: from day DUES_UNPAID_FROM_DAY of a month (default 20) an organization
  holding members gets one reminder for the month (period "YYYY-MM") while members on its
  roll who had joined by the end of the month have not paid the month: unpaid records,
  and members whose record for the month has not been opened yet (not opening the month
  must not hide it). It closes when all are paid, and at the end of the month, when what is
  left becomes arrears (the arrears page and the rule below follow it).
- ``dues.arrears_6_months``: a member on the roll with DUES_MAKE_UP_MONTHS (default 6) or
  more unpaid past months, counted like the arrears page. Period: the oldest unpaid month,
  so one reminder per run of arrears; it closes when the member pays below the figure. A
  member who makes up the oldest months but stays at or above it starts a new period.
  Due on: the last day the oldest month may be made up.
- ``development.review_due``: an activist whose next half-year review (ACTIVIST_REVIEW_MONTHS
  after the last review, or after becoming an activist) falls within REMIND_REVIEW_DAYS
  (default 14) or is overdue. Period: that due date; recording the review moves the due
  date, which closes the reminder; the next one comes before the next due date.
- ``development.activist_one_year``: from the day an activist completes ACTIVIST_MIN_MONTHS
  (default 12) of training, one reminder that they may become a development candidate.
  Period: that day; it closes when they become a candidate or withdraw.
- ``development.probation_ending``: a probationary member on the roll whose probation ends
  within REMIND_PROBATION_DAYS (default 30), or has ended without a decision. The thing is
  the member (the roll holds probationary members who came by transfer or from Excel without
  a development record); the end is the extension's end, else the record's end of probation,
  else the day joined plus PROBATION_MONTHS. Period: the end; it closes on the decision
  (full membership, cancellation, or an extension, which starts a new period).
"""

import calendar
import datetime

from django.db.models import Count, Exists, F, FilteredRelation, Max, Min, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members import rules
from members.dates import add_months
from members.dues_table import make_up_deadline, month_end
from members.models import DevelopmentRecord, DuesRecord, Member, MemberStatus, Stage
from members.services.development.schedule import (
    candidate_possible_from,
    current_figures,
    next_review_due_on,
)
from organizations.models import Organization
from policies.registry import define, value, values
from reminders import registry
from reminders.registry import Due, Rule

DUES_UNPAID_FROM_DAY = define(
    "reminders.dues_unpaid_from_day",
    20,
    _("Remind of this month's unpaid dues from this day of the month"),
    minimum=1,
    maximum=28,
)
REMIND_REVIEW_DAYS = define(
    "reminders.activist_review_days",
    14,
    _("Remind of an activist's half-year review this many days ahead"),
    minimum=0,
)


def last_day_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def latest_start(horizon: datetime.date, months: int) -> datetime.date:
    """The latest start whose date ``months`` later can fall on or before ``horizon``: any
    day of the month ``months`` earlier (a 31st may shrink to a 28th), none after it. Used
    to narrow the query; the exact date is then checked in Python."""
    return last_day_of_month(add_months(horizon, -months))


def on_date(subject, day: datetime.date, organization_id: int, **params) -> Due:
    """A thing due on a day, the day being its period: once per thing and date."""
    return Due(
        subject=subject,
        period=day.isoformat(),
        due_on=day,
        organization_id=organization_id,
        params={"date": day.isoformat(), **params},
    )


# dues.unpaid


def dues_unpaid_due(today: datetime.date) -> list[Due]:
    if today.day < value(DUES_UNPAID_FROM_DAY):
        return []
    month = today.replace(day=1)
    of_month = DuesRecord.objects.filter(member=OuterRef("pk"), month=month)
    counts = {
        row["organization_id"]: row
        for row in Member.objects.on_roll()
        .filter(joined_on__lte=month_end(month))
        .exclude(Exists(of_month.filter(paid_on__isnull=False)))
        .order_by()
        .values("organization_id")
        .annotate(unpaid=Count("pk"), not_opened=Count("pk", filter=~Exists(of_month)))
    }
    organizations = Organization.objects.filter(pk__in=counts).only("pk", "name")
    return [
        Due(
            subject=org,
            period=f"{month:%Y-%m}",
            due_on=month_end(month),
            organization_id=org.pk,
            params={
                "organization": org.name,
                "month": f"{month:%Y-%m}",
                "count": counts[org.pk]["unpaid"],
                "not_opened": counts[org.pk]["not_opened"],
            },
        )
        for org in organizations
    ]


DUES_UNPAID = Rule(
    kind="dues.unpaid",
    label=_("Dues unpaid this month"),
    message=_("%(organization)s: %(count)s members have not yet paid their dues for %(month)s."),
    due=dues_unpaid_due,
    model=Organization,
    url=lambda r: reverse("members:dues_month", kwargs={"org_pk": r.object_id, "month": r.period}),
)


# dues.arrears_6_months


def dues_arrears_due(today: datetime.date) -> list[Due]:
    months = value(rules.DUES_MAKE_UP_MONTHS)
    # the same count as members.selectors.dues.dues_arrears_for, for every member at once
    unpaid = Q(dues_records__month__lt=today.replace(day=1), dues_records__paid_on__isnull=True)
    members = (
        Member.objects.on_roll()
        .only("pk", "name", "organization_id")
        .annotate(
            arrears_count=Count("dues_records", filter=unpaid),
            oldest_unpaid=Min("dues_records__month", filter=unpaid),
        )
        .filter(arrears_count__gte=months)
        .order_by()
    )
    return [
        Due(
            subject=member,
            period=f"{member.oldest_unpaid:%Y-%m}",
            due_on=make_up_deadline(member.oldest_unpaid, months),
            organization_id=member.organization_id,
            params={
                "name": member.name,
                "count": member.arrears_count,
                "oldest": f"{member.oldest_unpaid:%Y-%m}",
                "deadline": make_up_deadline(member.oldest_unpaid, months).isoformat(),
            },
        )
        for member in members
    ]


DUES_ARREARS = Rule(
    kind="dues.arrears_6_months",
    label=_("Long dues arrears"),
    message=_(
        "%(name)s has %(count)s months of unpaid dues, the oldest %(oldest)s (make-up window until %(deadline)s): the branch should find out why."
    ),
    due=dues_arrears_due,
    model=Member,
    url=lambda r: reverse("members:dues_arrears") + "?long=1",
)


# development.review_due and development.activist_one_year


def _activists():
    return DevelopmentRecord.objects.filter(stage=Stage.ACTIVIST, activist_on__isnull=False).only(
        "pk", "name", "stage", "activist_on", "organization_id"
    )


def review_due(today: datetime.date) -> list[Due]:
    f = current_figures()
    horizon = today + datetime.timedelta(days=value(REMIND_REVIEW_DAYS))
    records = (
        _activists()
        .annotate(last_review=Max("reviews__reviewed_on"))
        .annotate(since=Coalesce("last_review", "activist_on"))
        .filter(since__lte=latest_start(horizon, f.review_months))
        .order_by()
    )
    return [
        on_date(record, day, record.organization_id, name=record.name)
        for record in records
        if (day := next_review_due_on(record, f, record.last_review)) <= horizon
    ]


def _development_url(reminder) -> str:
    return reverse("members:development_detail", args=[reminder.object_id])


REVIEW_DUE = Rule(
    kind="development.review_due",
    label=_("Activist review due"),
    message=_("The half-year review of activist %(name)s is due on %(date)s."),
    due=review_due,
    model=DevelopmentRecord,
    url=_development_url,
)


def activist_one_year_due(today: datetime.date) -> list[Due]:
    f = current_figures()
    records = _activists().filter(activist_on__lte=latest_start(today, f.activist_months))
    return [
        on_date(record, day, record.organization_id, name=record.name)
        for record in records.order_by()
        if (day := candidate_possible_from(record, f)) <= today
    ]


ACTIVIST_ONE_YEAR = Rule(
    kind="development.activist_one_year",
    label=_("Activist may become a candidate"),
    message=_(
        "Activist %(name)s has completed the training time on %(date)s and may become a development candidate."
    ),
    due=activist_one_year_due,
    model=DevelopmentRecord,
    url=_development_url,
)


# development.probation_ending


def probation_ending_due(today: datetime.date) -> list[Due]:
    figures = values(rules.PROBATION_MONTHS, rules.REMIND_PROBATION_DAYS)
    months = figures[rules.PROBATION_MONTHS.key]
    horizon = today + datetime.timedelta(days=figures[rules.REMIND_PROBATION_DAYS.key])
    members = (
        Member.objects.on_roll()
        .filter(status=MemberStatus.PROBATIONARY)
        .only("pk", "name", "joined_on", "organization_id")
        .annotate(
            record=FilteredRelation(
                "development_record",
                condition=Q(development_record__stage=Stage.PROBATIONARY),
            ),
            record_id=F("record__pk"),
            record_end=Coalesce("record__extended_until", "record__probation_ends_on"),
        )
        .filter(
            Q(record_end__lte=horizon)
            | Q(
                record_end__isnull=True,
                joined_on__lte=latest_start(horizon, months),
            )
        )
        .order_by()
    )
    return [
        on_date(member, end, member.organization_id, name=member.name, record=member.record_id)
        for member in members
        if (end := member.record_end or add_months(member.joined_on, months)) <= horizon
    ]


def _probation_url(reminder) -> str:
    record = reminder.params.get("record")
    if record:
        return reverse("members:development_detail", args=[record])
    return reverse("members:detail", args=[reminder.object_id])


PROBATION_ENDING = Rule(
    kind="development.probation_ending",
    label=_("Probation ending"),
    message=_(
        "The probation of %(name)s ends on %(date)s: the branch decides on full membership, an extension or cancellation."
    ),
    due=probation_ending_due,
    model=Member,
    url=_probation_url,
)


RULES = [DUES_UNPAID, DUES_ARREARS, REVIEW_DUE, ACTIVIST_ONE_YEAR, PROBATION_ENDING]


def register_member_rules() -> None:
    """Called from members/apps.py ``ready()``."""
    for rule in RULES:
        registry.register(rule)
