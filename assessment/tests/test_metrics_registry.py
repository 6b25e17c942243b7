"""Every registered metric: its label and definition in Chinese, its unit, a measure for every
organization given (with nothing to measure too), and a fixed number of queries."""

from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from assessment.metrics.registry import Measure, choices, get, metrics
from assessment.tests.support.metrics import YEAR, D
from organizations.models import Organization
from organizations.tests.factories import branch

pytestmark = pytest.mark.django_db

KEYS = {
    "activists_reviewed",
    "attendance",
    "branch_size",
    "dues_on_time",
    "long_arrears",
    "meetings_held",
    "members_admitted",
    "mobile_contacted",
    "reminders_in_time",
    "reports_first_time",
    "talks_on_time",
    "training_met",
    "transfers_in_time",
    "volunteer_hours",
}
MOST_QUERIES = 8
# what is required of an organization even when it has recorded nothing
REQUIRED_WITHOUT_RECORDS = ("meetings_held", "branch_size")


@pytest.fixture(autouse=True)
def _after_the_year():
    with time_machine.travel(D(2026, 3, 1), tick=False):
        yield


def test_the_metrics_of_part_two_are_registered():
    assert {metric.key for metric in metrics()} == KEYS
    assert [key for key, _label in choices()] == sorted(KEYS)
    assert get("long_arrears").higher_is_better is False
    assert all(m.higher_is_better for m in metrics() if m.key != "long_arrears")


@pytest.mark.parametrize("key", sorted(KEYS))
def test_label_and_definition_are_translated(key):
    metric = get(key)
    assert metric.unit in ("share", "hours", "count")
    with translation.override("en"):
        label, definition = str(metric.label), str(metric.definition)
    with translation.override("zh-hans"):
        assert str(metric.label) != label
        assert str(metric.definition) != definition
        assert str(metric.definition).endswith("。")


@pytest.mark.parametrize("key", sorted(KEYS))
def test_every_organization_gets_a_measure_with_nothing_recorded(world, key):
    organizations = [world.branch_a, world.community1, world.street_committee1, world.group_a]
    qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
    measures = get(key).compute(qs, YEAR)
    assert set(measures) == {o.pk for o in organizations}
    empty = Decimal(0) if key in ("long_arrears", "volunteer_hours", "members_admitted") else 1
    for measure in measures.values():
        assert isinstance(measure, Measure)
        assert measure.records.startswith("/")
        assert measure.numerator == 0
        if key in REQUIRED_WITHOUT_RECORDS:  # required meetings missing, a branch too small
            assert measure.value == (0 if measure.denominator else 1)
        elif key == "members_admitted":  # a count: n / 1
            assert (measure.value, measure.denominator) == (0, 1)
        else:
            assert (measure.value, measure.denominator) == (empty, 0)


def test_nothing_given_nothing_measured():
    for metric in metrics():
        assert metric.compute(Organization.objects.none(), YEAR) == {}


def test_every_metric_runs_a_fixed_number_of_queries(world):
    def queries(organizations) -> dict[str, int]:
        qs = Organization.objects.filter(pk__in=[o.pk for o in organizations])
        counts = {}
        for metric in metrics():
            with CaptureQueriesContext(connection) as ctx:
                metric.compute(qs, YEAR)
            counts[metric.key] = len(ctx.captured_queries)
        return counts

    few = queries([world.branch_a])
    many = queries(
        [world.branch_a, world.community1, world.community2, world.street_committee1]
        + [branch(world.community2) for _ in range(5)]
    )
    assert few == many
    assert max(many.values()) <= MOST_QUERIES, many
