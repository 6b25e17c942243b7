"""The demo schemes (assessment/demo/schemes.py) as ``seed_demo`` leaves them."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from assessment.models import (
    IndicatorKind,
    PeriodKind,
    Result,
    Scheme,
    SchemeLevel,
    SchemeState,
    Score,
)
from assessment.selectors.schemes import assessed_organizations
from assessment.selectors.sheets import unfinished_sheets
from conftest import built_once

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, members_per_street=120, allow_without_debug=True)
    return out.getvalue()


seeded = built_once(seed)


def schemes() -> dict[str, Scheme]:
    last, this, half = None, None, None
    for scheme in Scheme.objects.all():
        if scheme.period_kind == PeriodKind.HALF_YEAR:
            half = scheme
        elif scheme.is_published:
            last = scheme
        else:
            this = scheme
    return {"last": last, "this": this, "half": half}


def test_last_years_scheme_is_scored_in_full_and_published():
    today = timezone.localdate()
    last = schemes()["last"]
    assert last.level == SchemeLevel.BRANCH and last.name == f"{today.year - 1}年度党支部考核"
    assert (last.starts_on, last.ends_on) == (
        datetime.date(today.year - 1, 1, 1),
        datetime.date(today.year - 1, 12, 31),
    )
    assert last.scoring_deadline < today
    indicators = list(last.indicators.all())
    assert sum(i.weight for i in indicators) == Decimal(100)
    assert sorted(i.kind for i in indicators).count(IndicatorKind.REVIEWED) == 2
    for indicator in indicators:
        if indicator.kind == IndicatorKind.REVIEWED:
            assert set(indicator.reviewers.values_list("username", flat=True)) == {
                "street",
                "community",
            }
    branches = assessed_organizations(last).count()
    assert branches > 0 and last.grade_bands.count() == 4
    reviewed = Score.objects.filter(scheme=last, indicator__kind=IndicatorKind.REVIEWED)
    assert reviewed.count() == 2 * branches and not reviewed.filter(reason="").exists()
    assert Result.objects.filter(scheme=last).count() == branches
    assert not Result.objects.filter(scheme=last, grade="").exists()


def test_this_years_scheme_is_a_copy_open_two_days_before_its_deadline_and_unfinished():
    today = timezone.localdate()
    found = schemes()
    this = found["this"]
    assert this.copied_from == found["last"] and this.state == SchemeState.OPEN
    assert this.name == f"{today.year}年度党支部考核"
    assert this.scoring_deadline == today + datetime.timedelta(days=2)
    assert unfinished_sheets(this)
    computed = Score.objects.filter(scheme=this, indicator__kind=IndicatorKind.COMPUTED)
    assert computed.exists()


def test_the_half_years_scheme_is_open_after_its_deadline_with_sheets_unfinished():
    today = timezone.localdate()
    half = schemes()["half"]
    assert half.level == SchemeLevel.COMMUNITY and half.state == SchemeState.OPEN
    assert half.ends_on < today and half.ends_on <= half.scoring_deadline < today
    assert unfinished_sheets(half)


def test_seeding_again_adds_no_scheme():
    counts = Scheme.objects.count(), Score.objects.count(), Result.objects.count()
    seed()
    assert (Scheme.objects.count(), Score.objects.count(), Result.objects.count()) == counts


@pytest.mark.parametrize(
    ("day", "half_starts", "half_deadline", "last_deadline"),
    [
        ("2027-01-01", "2026-07-01", "2026-12-31", "2026-12-31"),
        ("2027-01-31", "2026-07-01", "2027-01-15", "2027-01-30"),
        ("2027-06-30", "2026-07-01", "2027-01-15", "2027-01-31"),
        ("2027-07-01", "2027-01-01", "2027-06-30", "2027-01-31"),
    ],
)
def test_the_dates_follow_the_day_of_seeding(day, half_starts, half_deadline, last_deadline):
    Scheme.objects.all().delete()
    with time_machine.travel(f"{day} 10:00 +08:00", tick=False):
        seed()
    found = schemes()
    assert found["half"].starts_on == datetime.date.fromisoformat(half_starts)
    assert found["half"].scoring_deadline == datetime.date.fromisoformat(half_deadline)
    assert found["last"].scoring_deadline == datetime.date.fromisoformat(last_deadline)
    assert found["this"].scoring_deadline == datetime.date.fromisoformat(day) + datetime.timedelta(
        days=2
    )
