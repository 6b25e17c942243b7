"""Computed indicators: the score from the metric's measure (worked out by hand), the trace
kept with it, what an organization without a measure gets, and the queries for a whole street."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.models import IndicatorKind, Score
from assessment.services.computed import computed_scores_fill
from assessment.services.results import results_compute, scheme_publish
from assessment.tests.support.schemes import add_bands, add_indicator, make_scheme
from organizations.tests.factories import branch


@pytest.fixture
def scheme(world):
    scheme = make_scheme(world.street_committee1)
    add_bands(scheme)
    return scheme


def _computed(scheme, metric, **kwargs):
    fields = {"weight": 20, "max_score": 20, **kwargs}
    return add_indicator(
        scheme, f"指标{metric.key}", kind=IndicatorKind.COMPUTED, metric=metric.key, **fields
    )


def _score(indicator, organization) -> Decimal:
    return Score.objects.get(indicator=indicator, organization=organization).value


def test_a_share_earns_its_part_of_the_maximum_up_to_the_target(world, scheme, fake_metric):
    indicator = _computed(scheme, fake_metric, target=Decimal("0.8"))
    fake_metric.values = {world.branch_a.pk: 1, world.branch_b.pk: "0.5", world.branch_c.pk: 0}
    assert computed_scores_fill(scheme=scheme) == 3
    # 20 × min(1, 1 / 0.8) = 20; 20 × 0.5 / 0.8 = 12.5; 0
    assert _score(indicator, world.branch_a) == Decimal("20.00")
    assert _score(indicator, world.branch_b) == Decimal("12.50")
    assert _score(indicator, world.branch_c) == Decimal("0.00")


def test_lower_is_better_loses_points_as_the_value_grows(world, scheme, fake_lower_metric):
    indicator = _computed(scheme, fake_lower_metric, target=Decimal(4))
    fake_lower_metric.values = {world.branch_a.pk: 0, world.branch_b.pk: 1, world.branch_c.pk: 5}
    computed_scores_fill(scheme=scheme)
    # 20 × (1 − 0/4) = 20; 20 × (1 − 1/4) = 15; 20 × max(0, 1 − 5/4) = 0
    assert [_score(indicator, o) for o in (world.branch_a, world.branch_b, world.branch_c)] == [
        Decimal("20.00"),
        Decimal("15.00"),
        Decimal("0.00"),
    ]


def test_scores_round_half_up_to_two_decimals(world, scheme, fake_metric):
    indicator = _computed(scheme, fake_metric, max_score=1, weight=1)
    fake_metric.values = {world.branch_a.pk: "0.125", world.branch_b.pk: "0.3333"}
    computed_scores_fill(scheme=scheme)
    assert _score(indicator, world.branch_a) == Decimal("0.13")  # not 0.12 (half even)
    assert _score(indicator, world.branch_b) == Decimal("0.33")


def test_each_score_keeps_the_measure_and_the_path_of_its_records(world, scheme, fake_metric):
    indicator = _computed(scheme, fake_metric)
    fake_metric.values = {world.branch_a.pk: "0.75"}
    computed_scores_fill(scheme=scheme)
    score = Score.objects.get(indicator=indicator, organization=world.branch_a)
    assert (score.measure, score.numerator, score.denominator, score.records) == (
        Decimal("0.75"),
        Decimal("7.5"),
        Decimal(10),
        f"/records/{world.branch_a.pk}/",
    )


def test_only_the_street_s_organizations_of_the_scheme_s_level_are_computed(
    world, scheme, fake_metric
):
    _computed(scheme, fake_metric)
    fake_metric.values = {
        o.pk: 1 for o in (world.branch_a, world.group_a, world.branch_d, world.community1)
    }
    computed_scores_fill(scheme=scheme)
    assert set(Score.objects.values_list("organization", flat=True)) == {world.branch_a.pk}


def test_an_organization_no_longer_measured_loses_its_earlier_score(world, scheme, fake_metric):
    indicator = _computed(scheme, fake_metric)
    fake_metric.values = {world.branch_a.pk: 1, world.branch_b.pk: 1}
    computed_scores_fill(scheme=scheme)
    first = Score.objects.get(organization=world.branch_a)
    fake_metric.values = {world.branch_a.pk: "0.5"}
    computed_scores_fill(scheme=scheme)
    again = Score.objects.get(indicator=indicator)
    assert (again.pk, again.organization, again.value) == (first.pk, world.branch_a, 10)


def test_computing_is_refused_once_published(world, scheme, fake_metric, street_staff):
    _computed(scheme, fake_metric, weight=100)
    fake_metric.values = {world.branch_a.pk: 1}
    computed_scores_fill(scheme=scheme)
    scheme_publish(user=street_staff, scheme=scheme, confirm=True)
    fake_metric.values = {world.branch_a.pk: 0}
    with pytest.raises(ValidationError):
        computed_scores_fill(scheme=scheme)
    assert Score.objects.get().value == 20


def _queries_for_street(scheme) -> int:
    with CaptureQueriesContext(connection) as queries:
        computed_scores_fill(scheme=scheme)
        results_compute(scheme=scheme)
    return len(queries)


def test_the_queries_do_not_grow_with_the_number_of_organizations(
    world, scheme, fake_metric, fake_lower_metric
):
    _computed(scheme, fake_metric, weight=50, max_score=50)
    _computed(scheme, fake_lower_metric, weight=50, max_score=50)

    def measure_everyone():
        ids = list(scheme.organization.descendants().values_list("pk", flat=True))
        fake_metric.values = dict.fromkeys(ids, "0.9")
        fake_lower_metric.values = dict.fromkeys(ids, "0.1")

    measure_everyone()
    small = _queries_for_street(scheme)
    for _ in range(6):
        branch(world.community2)
    measure_everyone()
    large = _queries_for_street(scheme)
    assert Score.objects.count() == 2 * 9
    assert small == large
