"""Running ``seed_demo`` with the activities step: idempotency, scale, odd days, reminders."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from activities.demo.base import MONTHS
from activities.models import Activity, ActivityStatus, Attendance, Report, ReportEvent, ReportState
from activities.tests.support.demo import activity_counts, is_of_activities, seed
from grid.models import Street
from members.dates import add_months
from reminders.models import Reminder
from reminders.registry import rules
from reminders.services.sweep import run_sweep

pytestmark = pytest.mark.django_db


def test_seeding_again_or_if_empty_adds_nothing():
    seed()
    counts = activity_counts()
    assert counts["activities.Activity"] > 0 and counts["activities.Report"] > 0
    reports = list(Report.objects.order_by("pk").values())

    seed()
    assert activity_counts() == counts
    output = seed(if_empty=True)
    assert "not loaded" in output
    assert activity_counts() == counts
    assert list(Report.objects.order_by("pk").values()) == reports


def test_activities_wait_for_the_members_and_then_come():
    seed(members_per_street=0)
    assert not Activity.objects.exists()

    seed()

    assert Activity.objects.exists() and Attendance.objects.exists() and Report.objects.exists()


def test_scale_adds_activities_street_by_street_in_proportion():
    seed(scale=2)
    first, second = Street.objects.order_by("pk")
    counts = [Activity.objects.filter(organization__street=s).count() for s in (first, second)]
    assert counts[1] > 0 and 0.8 < counts[1] / counts[0] < 1.25
    assert Report.objects.filter(organization__street=second).exists()
    last = Activity.objects.order_by("-pk").values_list("pk", flat=True)[0]
    activity = Activity.objects.create(  # the ids handed out ahead left the sequence right
        organization=Activity.objects.first().organization,
        activity_type=Activity.objects.first().activity_type,
        held_on=timezone.localdate(),
        topic="added after seeding",
    )
    assert activity.pk > last


@pytest.mark.parametrize(
    "day", ["2026-12-31 18:00 +08:00", "2027-01-01 09:00 +08:00", "2028-02-29 20:00 +08:00"]
)
def test_seeding_on_new_years_day_or_a_leap_day(day):
    with time_machine.travel(day, tick=False):
        seed()
        today, now = timezone.localdate(), timezone.now()
        assert not Activity.objects.filter(status=ActivityStatus.HELD, held_on__gt=today).exists()
        # even on the last day of a year something is planned ahead
        assert Activity.objects.filter(status=ActivityStatus.PLANNED, held_on__gt=today).exists()
        start = add_months(today.replace(day=1), -(MONTHS - 1))  # the demo year's first month
        assert Activity.objects.filter(
            held_on__year=start.year, held_on__month=start.month
        ).exists()
        assert not ReportEvent.objects.filter(at__gt=now).exists()
        assert not Activity.objects.filter(created_at__gt=now).exists()
        for activity in Activity.objects.order_by("?")[:80]:
            activity.full_clean()
        for report in Report.objects.all()[:80]:
            report.full_clean()
        # the street login has a committee's summary waiting long enough for the reminders
        waiting = Report.objects.filter(
            state=ReportState.SUBMITTED,
            reviewing_organization__code="CD",
            submitted_at__lt=now - datetime.timedelta(days=5),
        )
        assert waiting.exists()


def test_a_sweep_late_in_a_quarter_reminds_of_meetings_and_reports():
    kinds = [kind for kind, rule in rules().items() if is_of_activities(rule)]
    assert kinds
    with time_machine.travel("2026-09-26 10:00 +08:00", tick=False):
        seed()
        run_sweep()
    made = set(Reminder.objects.values_list("kind", flat=True))
    assert set(kinds) <= made, set(kinds) - made
    mine = Reminder.objects.filter(recipient__username="secretary")
    assert mine.filter(kind__startswith="activities.").exists()  # the demo secretary's gaps
