"""The Celery task of assessment: registered under the name the request sends, run directly and
eagerly (CELERY_TASK_ALWAYS_EAGER) from a street's request after the commit."""

import datetime

import pytest
import time_machine
from celery import current_app
from django.urls import reverse

from assessment import tasks
from assessment.models import ComputingState, Result, Scheme
from assessment.services.computing import COMPUTE_TASK, scheme_compute_request
from assessment.tests.support.schemes import give_score, standard_scheme

NOON = datetime.datetime(2027, 1, 5, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def scheme(world, fake_metric, street_staff):
    scheme, _, reviewed = standard_scheme(world.street_committee1, reviewer=street_staff)
    fake_metric.values = {world.branch_a.pk: 1, world.branch_b.pk: "0.5"}
    give_score(scheme, world.branch_a, reviewed, 40)
    return scheme


def test_the_task_is_registered_under_the_name_the_request_sends():
    assert tasks.scheme_results_compute.name == COMPUTE_TASK
    assert current_app.tasks[COMPUTE_TASK].run is tasks.scheme_results_compute.run


@time_machine.travel(NOON, tick=False)
def test_the_task_computes_the_results_and_says_how_it_ended(world, scheme):
    assert tasks.scheme_results_compute(scheme.pk) == ComputingState.IDLE
    done = Scheme.objects.get(pk=scheme.pk)
    assert (done.computing_done, done.computing_total, done.computed_at) == (2, 2, NOON)
    assert Result.objects.filter(scheme=scheme).count() == 3


@time_machine.travel(NOON, tick=False)
def test_a_request_runs_the_task_eagerly_once_committed(
    world, scheme, street_staff, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the Celery app reads Django's settings
    with django_capture_on_commit_callbacks(execute=True):
        scheme_compute_request(user=street_staff, scheme=scheme)
    done = Scheme.objects.get(pk=scheme.pk)
    assert done.computing_state == ComputingState.IDLE
    assert done.computed_at == NOON
    # 60 × 1 + 40 = 100 for branch A; 60 × 0.5 = 30 for branch B; nothing for branch C
    totals = dict(Result.objects.filter(scheme=scheme).values_list("organization__name", "total"))
    assert sorted(totals.values()) == [0, 30, 100]


def test_the_task_of_a_deleted_scheme_does_nothing(db):
    assert tasks.scheme_results_compute(987654) == "deleted"


def test_the_admin_s_compute_action_queues_the_computation(
    world, scheme, street_staff, client, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    client.force_login(street_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:assessment_scheme_changelist"),
            {"action": "compute_results", "_selected_action": [scheme.pk]},
        )
    assert response.status_code == 302
    assert Scheme.objects.get(pk=scheme.pk).computing_state == ComputingState.IDLE
    assert Result.objects.filter(scheme=scheme).count() == 3
