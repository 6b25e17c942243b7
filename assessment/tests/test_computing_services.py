"""The background computation of a scheme's results: progress recorded at the end, a failing
metric leaving the previous scores and results untouched, the request's refusals, and a number
of queries that does not grow with the number of organizations."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext

from assessment.models import ComputingState, IndicatorKind, Result, Scheme, SchemeState, Score
from assessment.services.computing import (
    scheme_compute_request,
    scheme_compute_run,
    scheme_compute_send,
    unsent_computations_send,
)
from assessment.tests.support.fake_metric import FakeMetric
from assessment.tests.support.schemes import add_indicator, give_score, standard_scheme
from organizations.tests.factories import branch

PUBLISHED = "The results are published: they are not computed again."
BUSY = "The results of this scheme are already being computed; wait until it is done."
NOON = datetime.datetime(2027, 1, 5, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def setup(world, fake_metric, street_staff):
    scheme, computed, reviewed = standard_scheme(world.street_committee1, reviewer=street_staff)
    fake_metric.values = {world.branch_a.pk: 1, world.branch_b.pk: "0.5", world.branch_c.pk: 0}
    for organization, value in ((world.branch_a, 40), (world.branch_b, 30), (world.branch_c, 20)):
        give_score(scheme, organization, reviewed, value)
    return scheme, computed, reviewed


def _second_metric(scheme, compute, key="tests.second") -> FakeMetric:
    """A second computed indicator, measured after the first, whose metric runs ``compute``."""
    metric = FakeMetric(key=key)
    metric.compute = compute
    metric.register()
    add_indicator(
        scheme, "组织生活", weight=0, max_score=10, kind=IndicatorKind.COMPUTED, metric=key
    )
    return metric


@time_machine.travel(NOON, tick=False)
def test_a_run_fills_the_scores_computes_the_results_and_records_its_progress(world, setup):
    scheme, computed, _ = setup
    done = scheme_compute_run(scheme_id=scheme.pk)
    assert done.computing_state == ComputingState.IDLE
    # one step for the one computed indicator, one for the results
    assert (done.computing_done, done.computing_total) == (2, 2)
    assert done.computing_error == ""
    assert done.computing_started_at == NOON
    assert done.computed_at == NOON
    # 60 × 1 + 40 = 100; 60 × 0.5 + 30 = 60; 0 + 20 = 20
    totals = dict(Result.objects.filter(scheme=scheme).values_list("organization_id", "total"))
    assert totals == {
        world.branch_a.pk: Decimal("100.00"),
        world.branch_b.pk: Decimal("60.00"),
        world.branch_c.pk: Decimal("20.00"),
    }
    assert Score.objects.filter(indicator=computed).count() == 3


def test_the_progress_moves_one_step_after_each_metric(world, setup, fake_metric):
    scheme, _, _ = setup
    seen = []

    def watching(organizations, period):
        seen.append(
            Scheme.objects.values_list("computing_done", "computing_total").get(pk=scheme.pk)
        )
        return {}

    second = _second_metric(scheme, watching)
    try:
        scheme_compute_run(scheme_id=scheme.pk)
    finally:
        second.unregister()
    # the second metric runs once the first one's step is written: 1 of 3 steps
    assert seen == [(1, 3)]
    assert Scheme.objects.get(pk=scheme.pk).computing_done == 3


def test_a_failing_metric_keeps_the_previous_results_and_records_the_error(world, setup):
    scheme, computed, _ = setup
    scheme_compute_run(scheme_id=scheme.pk)
    before = list(Result.objects.filter(scheme=scheme).values_list("organization_id", "total"))
    scores_before = list(Score.objects.filter(indicator=computed).values_list("pk", "value"))

    def broken(organizations, period):
        raise RuntimeError("database went away")

    second = _second_metric(scheme, broken)
    try:
        failed = scheme_compute_run(scheme_id=scheme.pk)
    finally:
        second.unregister()
    assert failed.computing_state == ComputingState.FAILED
    assert failed.computing_error == "组织生活: database went away"
    assert failed.computing_done == 1  # the first metric had been measured
    assert list(Result.objects.filter(scheme=scheme).values_list("organization_id", "total")) == (
        before
    )
    assert list(Score.objects.filter(indicator=computed).values_list("pk", "value")) == (
        scores_before
    )


def test_a_failure_in_the_results_step_writes_no_scores(world, setup, monkeypatch):
    scheme, computed, _ = setup

    def broken(*, scheme):
        raise ValidationError("bands out of order")

    monkeypatch.setattr("assessment.services.computing.results_compute", broken)
    failed = scheme_compute_run(scheme_id=scheme.pk)
    assert failed.computing_state == ComputingState.FAILED
    assert failed.computing_error == "bands out of order"
    assert not Score.objects.filter(indicator=computed).exists()
    assert not Result.objects.filter(scheme=scheme).exists()
    assert failed.computed_at is None


def test_a_published_scheme_is_not_computed_again(world, setup):
    scheme, computed, _ = setup
    Scheme.objects.filter(pk=scheme.pk).update(state=SchemeState.PUBLISHED)
    failed = scheme_compute_run(scheme_id=scheme.pk)
    assert failed.computing_state == ComputingState.FAILED
    assert failed.computing_error == gettext(PUBLISHED)
    assert not Score.objects.filter(indicator=computed).exists()


@time_machine.travel(NOON, tick=False)
def test_a_request_queues_the_computation_after_the_commit(
    setup, street_staff, django_capture_on_commit_callbacks, monkeypatch
):
    scheme, _, _ = setup
    sent = []
    monkeypatch.setattr(
        "assessment.services.computing.signature",
        lambda name, args: type("S", (), {"delay": lambda self: sent.append((name, args))})(),
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        scheme_compute_request(user=street_staff, scheme=scheme)
    assert sent == []  # nothing is sent before the commit
    queued = Scheme.objects.get(pk=scheme.pk)
    assert queued.computing_state == ComputingState.QUEUED
    assert queued.computing_started_at == NOON
    for callback in callbacks:
        callback()
    assert sent == [("assessment.scheme_results_compute", (scheme.pk,))]


def test_a_request_is_refused_to_other_streets_and_to_branches(
    setup, other_street_staff, secretary_a
):
    scheme, _, _ = setup
    for user in (other_street_staff, secretary_a):
        with pytest.raises(PermissionDenied):
            scheme_compute_request(user=user, scheme=scheme)
    assert Scheme.objects.get(pk=scheme.pk).computing_state == ComputingState.IDLE


def test_a_request_is_refused_once_published(setup, street_staff):
    scheme, _, _ = setup
    Scheme.objects.filter(pk=scheme.pk).update(state=SchemeState.PUBLISHED)
    with pytest.raises(ValidationError) as refused:
        scheme_compute_request(user=street_staff, scheme=scheme)
    assert refused.value.messages == [gettext(PUBLISHED)]


@pytest.mark.parametrize("state", [ComputingState.QUEUED, ComputingState.RUNNING])
def test_a_second_request_is_refused_while_one_is_queued_or_running(
    setup, street_staff, state, django_capture_on_commit_callbacks
):
    scheme, _, _ = setup
    started = timezone.now() - datetime.timedelta(minutes=59)
    Scheme.objects.filter(pk=scheme.pk).update(computing_state=state, computing_started_at=started)
    with pytest.raises(ValidationError) as refused:
        scheme_compute_request(user=street_staff, scheme=scheme)
    assert refused.value.messages == [gettext(BUSY)]
    # an hour later it is taken for lost and may be asked again
    Scheme.objects.filter(pk=scheme.pk).update(
        computing_started_at=started - datetime.timedelta(minutes=2)
    )
    with django_capture_on_commit_callbacks(execute=False):
        scheme_compute_request(user=street_staff, scheme=scheme)
    assert Scheme.objects.get(pk=scheme.pk).computing_state == ComputingState.QUEUED


def test_a_failed_computation_may_be_asked_again(
    setup, street_staff, django_capture_on_commit_callbacks
):
    scheme, _, _ = setup
    Scheme.objects.filter(pk=scheme.pk).update(
        computing_state=ComputingState.FAILED, computing_error="boom"
    )
    with django_capture_on_commit_callbacks(execute=False):
        queued = scheme_compute_request(user=street_staff, scheme=scheme)
    assert (queued.computing_state, queued.computing_error) == (ComputingState.QUEUED, "")


def _queries_of_a_run(scheme) -> int:
    with CaptureQueriesContext(connection) as queries:
        done = scheme_compute_run(scheme_id=scheme.pk)
    assert done.computing_state == ComputingState.IDLE, done.computing_error
    return len(queries)


def test_the_queries_of_a_run_do_not_grow_with_the_organizations(world, setup, fake_metric):
    scheme, _, _ = setup
    small = _queries_of_a_run(scheme)
    assert Result.objects.filter(scheme=scheme).count() == 3
    for _ in range(12):
        extra = branch(world.community1)
        fake_metric.values[extra.pk] = "0.75"
    large = _queries_of_a_run(scheme)
    assert Result.objects.filter(scheme=scheme).count() == 15
    assert large == small


def test_a_computation_the_broker_refused_is_kept_and_handed_over_once_later(
    world, setup, street_staff, monkeypatch, django_capture_on_commit_callbacks
):
    scheme, _, _ = setup
    sent = []

    def broker_down(name, args):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr("assessment.services.computing.signature", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        scheme_compute_request(user=street_staff, scheme=scheme)
    kept = Scheme.objects.get(pk=scheme.pk)
    assert (kept.computing_state, kept.computing_unsent) == (ComputingState.QUEUED, True)
    assert unsent_computations_send() == 0  # still down: kept

    monkeypatch.setattr(
        "assessment.services.computing.signature",
        lambda name, args: type("S", (), {"delay": lambda self: sent.append(args)})(),
    )
    assert unsent_computations_send() == 1
    assert scheme_compute_send(scheme_id=scheme.pk) is True  # nothing left: not sent again
    assert unsent_computations_send() == 0
    assert sent == [(scheme.pk,)]
    assert Scheme.objects.get(pk=scheme.pk).computing_unsent is False


def test_the_schedule_hands_over_unsent_computations_every_minute(db):
    import importlib

    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    migration = importlib.import_module(
        "assessment.migrations.0010_unsent_computations_every_minute"
    )
    PeriodicTask.objects.filter(name=migration.NAME).delete()
    migration.create_schedule(apps, None)
    migration.create_schedule(apps, None)
    task = PeriodicTask.objects.get(task="assessment.unsent_computations_send")
    assert (task.interval.every, task.interval.period, task.enabled) == (1, "minutes", True)
