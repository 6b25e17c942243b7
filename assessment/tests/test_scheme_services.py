"""Setting up a scheme: its checks (weights, thresholds, metrics, maximum scores), opening
it, the default grade bands and copying it to the next period."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessment.models import (
    Category,
    GradeBand,
    Indicator,
    IndicatorKind,
    PeriodKind,
    Scheme,
    SchemeState,
)
from assessment.services.schemes import (
    grade_bands_default,
    scheme_copy,
    scheme_open,
    scheme_validate,
)
from assessment.tests.support.schemes import add_bands, add_indicator, give_score, make_scheme


@pytest.fixture
def draft(world, fake_metric, street_staff):
    scheme = make_scheme(world.street_committee1, state=SchemeState.DRAFT)
    add_indicator(
        scheme, "三会一课", weight=60, kind=IndicatorKind.COMPUTED, metric=fake_metric.key
    )
    add_indicator(scheme, "工作实绩", weight=40, reviewers=[street_staff])
    add_bands(scheme)
    return scheme


def _refusal(error) -> dict:
    return error.value.message_dict


def test_a_valid_scheme_opens_for_scoring(draft, street_staff):
    scheme_open(user=street_staff, scheme=draft)
    draft.refresh_from_db()
    assert draft.state == SchemeState.OPEN


def test_weights_not_adding_up_to_100_are_refused_naming_the_field(draft, street_staff, english):
    Indicator.objects.filter(name="工作实绩").update(weight=Decimal("39.99"))
    with pytest.raises(ValidationError) as error:
        scheme_open(user=street_staff, scheme=draft)
    assert _refusal(error) == {
        "weight": ["The weights of the indicators add up to 99.99, not 100."]
    }
    draft.refresh_from_db()
    assert draft.state == SchemeState.DRAFT


def test_weights_above_100_are_refused_too(draft):
    Indicator.objects.filter(name="工作实绩").update(weight=Decimal("40.01"))
    with pytest.raises(ValidationError) as error:
        scheme_validate(draft)
    assert "100.01" in _refusal(error)["weight"][0]


def test_grade_thresholds_out_of_order_are_refused(draft, english):
    GradeBand.objects.filter(scheme=draft, name="良好").update(min_total=90)
    with pytest.raises(ValidationError) as error:
        scheme_validate(draft)
    assert "良好 (90.00) comes after 优秀 (90.00)" in _refusal(error)["min_total"][0]


def test_a_computed_indicator_without_a_registered_metric_is_refused(draft, english):
    Indicator.objects.filter(name="三会一课").update(metric="no.such.metric")
    with pytest.raises(ValidationError) as error:
        scheme_validate(draft)
    assert _refusal(error) == {"metric": ["三会一课 names no known metric (no.such.metric)."]}


def test_a_maximum_score_of_zero_is_refused(draft):
    Indicator.objects.filter(name="工作实绩").update(max_score=0)
    with pytest.raises(ValidationError) as error:
        scheme_validate(draft)
    assert "max_score" in _refusal(error)


def test_a_scheme_without_indicators_or_bands_is_refused(world):
    scheme = make_scheme(world.street_committee1, state=SchemeState.DRAFT)
    with pytest.raises(ValidationError) as error:
        scheme_validate(scheme)
    assert "weight" in _refusal(error)


def test_only_the_owning_street_opens_a_scheme(draft, secretary_a):
    with pytest.raises(PermissionDenied):
        scheme_open(user=secretary_a, scheme=draft)
    draft.refresh_from_db()
    assert draft.state == SchemeState.DRAFT


def test_a_scheme_gets_the_four_default_grades_once(world):
    scheme = make_scheme(world.street_committee1)
    bands = grade_bands_default(scheme=scheme)
    assert [(b.name, b.min_total) for b in bands] == [
        ("优秀", 90),
        ("良好", 80),
        ("一般", 60),
        ("较差", 0),
    ]
    assert grade_bands_default(scheme=scheme) == []
    assert GradeBand.objects.filter(scheme=scheme).count() == 4


def test_copying_last_years_scheme_shifts_the_dates_by_a_year(draft, street_staff, world):
    give_score(draft, world.branch_a, Indicator.objects.get(name="工作实绩"), 30)
    draft.name = "2026年度党支部考核"
    draft.save()
    copy = scheme_copy(user=street_staff, scheme=draft)
    assert (copy.name, copy.starts_on, copy.ends_on, copy.scoring_deadline) == (
        "2027年度党支部考核",
        datetime.date(2027, 1, 1),
        datetime.date(2027, 12, 31),
        datetime.date(2028, 1, 15),
    )
    assert (copy.state, copy.copied_from, copy.organization) == (
        SchemeState.DRAFT,
        draft,
        draft.organization,
    )
    assert list(Category.objects.filter(scheme=copy).values_list("name", flat=True)) == ["基本工作"]
    indicators = Indicator.objects.filter(scheme=copy).order_by("name")
    assert [(i.name, i.weight, i.category.scheme_id) for i in indicators] == [
        ("三会一课", 60, copy.pk),
        ("工作实绩", 40, copy.pk),
    ]
    assert list(indicators.get(name="工作实绩").reviewers.all()) == [street_staff]
    assert GradeBand.objects.filter(scheme=copy).count() == 4
    assert not copy.scores.exists()
    assert Indicator.objects.filter(scheme=draft).count() == 2  # the original keeps its own


def test_copying_a_half_year_scheme_keeps_month_ends(world, street_staff):
    scheme = make_scheme(
        world.street_committee1,
        name="上半年考核",
        period_kind=PeriodKind.HALF_YEAR,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 6, 30),
        scoring_deadline=datetime.date(2026, 7, 10),
    )
    copy = scheme_copy(user=street_staff, scheme=scheme, name="下半年考核")
    assert (copy.name, copy.starts_on, copy.ends_on, copy.scoring_deadline) == (
        "下半年考核",
        datetime.date(2026, 7, 1),
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 10),
    )


def test_copying_twice_into_the_same_period_is_refused_and_saves_nothing(draft, street_staff):
    scheme_copy(user=street_staff, scheme=draft)
    with pytest.raises(ValidationError):
        scheme_copy(user=street_staff, scheme=draft)
    assert Scheme.objects.count() == 2
    assert Category.objects.count() == 2


def test_only_the_owning_street_copies_a_scheme(draft, secretary_a):
    with pytest.raises(PermissionDenied):
        scheme_copy(user=secretary_a, scheme=draft)
    assert Scheme.objects.count() == 1
