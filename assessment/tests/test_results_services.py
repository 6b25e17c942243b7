"""Results: totals from weighted points, ranks with ties, grade boundaries on both sides,
publication with unfinished sheets, and published results frozen against later changes."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessment.models import IndicatorKind, Result, SchemeState, Score
from assessment.services.computed import computed_scores_fill
from assessment.services.results import (
    band_for,
    ranks_of,
    results_compute,
    scheme_publish,
)
from assessment.tests.support.schemes import add_bands, add_indicator, give_score, make_scheme


@pytest.fixture
def scheme(world):
    scheme = make_scheme(world.street_committee1)
    add_bands(scheme)
    return scheme


@pytest.fixture
def work(scheme):
    """One reviewed indicator worth the whole 100 points."""
    return add_indicator(scheme, "工作实绩", weight=100)


def _result(organization) -> Result:
    return Result.objects.get(organization=organization)


def test_ties_share_a_rank_and_the_next_rank_skips():
    assert ranks_of({1: Decimal(90), 2: Decimal(90), 3: Decimal(80), 4: Decimal(95)}) == {
        4: 1,
        1: 2,
        2: 2,
        3: 4,
    }


def test_results_rank_the_street_s_branches_with_ties(world, scheme, work):
    give_score(scheme, world.branch_a, work, 90)
    give_score(scheme, world.branch_b, work, 90)
    give_score(scheme, world.branch_c, work, 80)
    results_compute(scheme=scheme)
    assert [(r.organization, r.total, r.rank) for r in Result.objects.order_by("rank", "pk")] == [
        (world.branch_a, Decimal("90.00"), 1),
        (world.branch_b, Decimal("90.00"), 1),
        (world.branch_c, Decimal("80.00"), 3),
    ]


@pytest.mark.parametrize(
    ("total", "grade", "incentive"),
    [
        ("100", "优秀", "1.20"),
        ("90", "优秀", "1.20"),
        ("89.99", "良好", "1.10"),
        ("80", "良好", "1.10"),
        ("79.99", "一般", "1.00"),
        ("60", "一般", "1.00"),
        ("59.99", "较差", "0.80"),
        ("0", "较差", "0.80"),
    ],
)
def test_a_total_at_a_threshold_reaches_the_grade_and_a_cent_below_does_not(
    world, scheme, work, total, grade, incentive
):
    give_score(scheme, world.branch_a, work, total)
    results_compute(scheme=scheme)
    result = _result(world.branch_a)
    assert (result.total, result.grade, result.incentive) == (
        Decimal(total),
        grade,
        Decimal(incentive),
    )


def test_a_total_below_every_band_gets_no_grade(scheme):
    bands = list(scheme.grade_bands.all())
    bands[-1].min_total = 10
    assert band_for(Decimal("9.99"), bands) is None
    assert band_for(Decimal(10), bands).name == "较差"


def test_an_indicator_brings_its_score_scaled_to_its_weight(world, scheme):
    meetings = add_indicator(scheme, "三会一课", weight=60, max_score=10)
    work = add_indicator(scheme, "工作实绩", weight=40, max_score=40)
    give_score(scheme, world.branch_a, meetings, "7.5")  # 7.5 × 60 / 10 = 45
    give_score(scheme, world.branch_a, work, "33.33")  # 33.33
    give_score(scheme, world.branch_b, meetings, "3.33")  # 3.33 × 6 = 19.98
    results_compute(scheme=scheme)
    assert _result(world.branch_a).total == Decimal("78.33")
    assert _result(world.branch_b).total == Decimal("19.98")
    assert _result(world.branch_c).total == Decimal("0.00")


def test_publishing_with_unfinished_sheets_names_what_is_missing_and_saves_nothing(
    world, scheme, work, street_staff, english
):
    give_score(scheme, world.branch_a, work, 90)
    add_indicator(scheme, "群众评价", weight=0, max_score=10)
    with pytest.raises(ValidationError) as error:
        scheme_publish(user=street_staff, scheme=scheme)
    message = error.value.message_dict["confirm"][0]
    assert message.startswith("3 score sheets are unfinished: ")
    assert "A支部 (群众评价)" in message
    assert "B支部 (工作实绩, 群众评价)" in message
    scheme.refresh_from_db()
    assert (scheme.state, scheme.published_at) == (SchemeState.OPEN, None)
    assert not Result.objects.exists()


def test_publishing_after_confirmation_freezes_the_results_with_their_scores(
    world, scheme, work, street_staff
):
    give_score(scheme, world.branch_a, work, 90, reason="成绩突出")
    scheme_publish(user=street_staff, scheme=scheme, confirm=True)
    scheme.refresh_from_db()
    assert scheme.state == SchemeState.PUBLISHED and scheme.published_at is not None
    frozen = _result(world.branch_a).frozen[str(work.pk)]
    assert (frozen["indicator"], frozen["value"], frozen["points"], frozen["reason"]) == (
        "工作实绩",
        "90.00",
        "90.00",
        "成绩突出",
    )
    assert _result(world.branch_b).frozen == {}


def test_only_the_owning_street_publishes(world, scheme, work, secretary_a):
    with pytest.raises(PermissionDenied):
        scheme_publish(user=secretary_a, scheme=scheme, confirm=True)
    assert not Result.objects.exists()


def test_published_results_do_not_move_when_the_records_or_scores_change(
    world, scheme, street_staff, fake_metric
):
    meetings = add_indicator(
        scheme, "三会一课", weight=100, kind=IndicatorKind.COMPUTED, metric=fake_metric.key
    )
    fake_metric.values = {world.branch_a.pk: 1, world.branch_b.pk: "0.5", world.branch_c.pk: 0}
    computed_scores_fill(scheme=scheme)
    scheme_publish(user=street_staff, scheme=scheme)
    before = list(Result.objects.order_by("pk").values())
    # the records change: the metric would now measure otherwise
    fake_metric.values = {world.branch_a.pk: 0, world.branch_b.pk: 1, world.branch_c.pk: 1}
    with pytest.raises(ValidationError):
        computed_scores_fill(scheme=scheme)
    # a score row changed behind the services' back
    Score.objects.filter(indicator=meetings).update(value=0)
    with pytest.raises(ValidationError):
        results_compute(scheme=scheme)
    assert list(Result.objects.order_by("pk").values()) == before
    assert _result(world.branch_a).frozen[str(meetings.pk)]["value"] == "100.00"


def test_publishing_twice_is_refused(world, scheme, work, street_staff):
    give_score(scheme, world.branch_a, work, 90)
    scheme_publish(user=street_staff, scheme=scheme, confirm=True)
    with pytest.raises(ValidationError):
        scheme_publish(user=street_staff, scheme=scheme, confirm=True)
