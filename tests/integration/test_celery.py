"""Real Celery worker and beat processes against Redis and the test database on PostgreSQL:
beat reads its schedule from django-celery-beat's tables, the worker runs the sweep and
computes an assessment scheme's results."""

import subprocess
import sys
import time

import pytest
import redis
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from assessment.models import ComputingState, IndicatorKind, Result, Scheme
from assessment.services.computing import COMPUTE_TASK, scheme_compute_request
from assessment.tests.support.schemes import add_indicator, give_score, make_scheme
from reminders.models import Reminder, SweepRun
from tests.support.workers import ROOT, start, stop, wait_for, worker_env

pytestmark = [pytest.mark.celery, pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture
def celery_env(postgres, redis_url, transactional_db):
    redis.Redis.from_url(redis_url).flushdb()
    return worker_env(redis_url)


def test_beat_schedules_the_sweep_and_a_worker_runs_it(celery_env, tmp_path):
    every_second = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="sweep every second", task="reminders.sweep", interval=every_second
    )

    worker = start(
        ["worker", "--pool=solo", "--loglevel=INFO"], celery_env, tmp_path / "worker.log"
    )
    beat = start(
        ["beat", "--loglevel=INFO", "--max-interval=1", f"--schedule={tmp_path / 'beat'}"],
        celery_env,
        tmp_path / "beat.log",
    )
    try:
        deadline = time.monotonic() + 90
        while (
            time.monotonic() < deadline
            and SweepRun.objects.filter(finished_at__isnull=False).count() < 2
        ):
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()
            assert beat.poll() is None, (tmp_path / "beat.log").read_text()
            time.sleep(0.5)
    finally:
        stop(beat, worker)
    runs = SweepRun.objects.filter(finished_at__isnull=False).count()
    assert runs >= 2, (tmp_path / "worker.log").read_text() + (tmp_path / "beat.log").read_text()


def send_sweep(env):
    subprocess.run(
        [sys.executable, "-m", "celery", "-A", "config", "call", "reminders.sweep"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )


def terms_ending_soon(world, count: int):
    import datetime

    from django.utils import timezone

    from organizations.tests.factories import CommitteeTermFactory, branch

    elected = timezone.localdate() - datetime.timedelta(days=3 * 365 - 30)
    for _ in range(count):
        CommitteeTermFactory(
            organization=branch(world.community1), elected_on=elected, term_years=3
        )


def test_a_sweep_killed_mid_way_is_finished_by_one_rerun_and_no_reminder_is_created_twice(
    celery_env, world, street_staff, tmp_path
):
    kind = "organizations.term_ending"
    terms_ending_soon(world, 15)
    worker_log = tmp_path / "worker1.log"
    worker = start(["worker", "--pool=solo", "--loglevel=INFO"], celery_env, worker_log)
    try:
        send_sweep(celery_env)
        wait_for(
            lambda: SweepRun.objects.filter(finished_at__isnull=False).exists(),
            60,
            worker,
            logs=[worker_log],
        )
        assert Reminder.objects.filter(kind=kind).count() == 15
        send_sweep(celery_env)
        wait_for(
            lambda: SweepRun.objects.filter(finished_at__isnull=False).count() == 2,
            60,
            worker,
            logs=[worker_log],
        )
        assert Reminder.objects.filter(kind=kind).count() == 15  # the second sweep created nothing
    finally:
        stop(worker)

    # second run: more is due, and the worker is killed while the sweep is half-way
    terms_ending_soon(world, 15)
    slow = {**celery_env, "REMINDER_SWEEP_PAUSE_SECONDS": "1.5"}
    killed_log = tmp_path / "worker2.log"
    worker = start(["worker", "--pool=solo", "--loglevel=INFO"], slow, killed_log)
    try:
        send_sweep(slow)
        wait_for(
            lambda: SweepRun.objects.filter(finished_at__isnull=True).exists(),
            60,
            worker,
            logs=[killed_log],
        )
        time.sleep(1)
        assert worker.poll() is None, killed_log.read_text()  # still sweeping when killed
    finally:
        worker.kill()  # SIGKILL: no chance to acknowledge or clean up
        worker.wait()
    interrupted = SweepRun.objects.get(finished_at__isnull=True)
    assert SweepRun.objects.filter(pk__gt=interrupted.pk).count() == 0  # killed mid-sweep
    assert Reminder.objects.filter(kind=kind).count() == 15  # the term rule had not run yet

    rerun_log = tmp_path / "worker3.log"
    worker = start(["worker", "--pool=solo", "--loglevel=INFO"], celery_env, rerun_log)
    try:
        # the unacknowledged message comes back after the visibility timeout
        wait_for(
            lambda: SweepRun.objects.filter(
                finished_at__isnull=False, pk__gt=interrupted.pk
            ).exists(),
            90,
            worker,
            logs=[rerun_log],
        )
        # past another visibility timeout: the acknowledged rerun does not come back again
        time.sleep(7)
    finally:
        stop(worker)
    assert SweepRun.objects.filter(pk__gt=interrupted.pk).count() == 1  # one rerun, no more
    reminders = Reminder.objects.filter(kind=kind)
    assert reminders.count() == 30
    assert reminders.values("object_id", "period").distinct().count() == 30


def test_a_worker_computes_a_scheme_s_results_queued_by_the_street(
    celery_env, world, street_staff, tmp_path, django_capture_on_commit_callbacks
):
    scheme = make_scheme(world.street_committee1)
    add_indicator(
        scheme, "发展党员", weight=60, kind=IndicatorKind.COMPUTED, metric="members_admitted"
    )
    work = add_indicator(scheme, "工作实绩", weight=40)
    give_score(scheme, world.branch_a, work, 40)
    with django_capture_on_commit_callbacks(execute=False):  # sent below to the real broker
        scheme_compute_request(user=street_staff, scheme=scheme)
    assert Scheme.objects.get(pk=scheme.pk).computing_state == ComputingState.QUEUED

    worker_log = tmp_path / "worker.log"
    worker = start(["worker", "--pool=solo", "--loglevel=INFO"], celery_env, worker_log)
    try:
        subprocess.run(
            [sys.executable, "-m", "celery", "-A", "config", "call", COMPUTE_TASK]
            + [f"--args=[{scheme.pk}]"],
            cwd=ROOT,
            env=celery_env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        wait_for(
            lambda: not Scheme.objects.get(pk=scheme.pk).is_computing,
            60,
            worker,
            logs=[worker_log],
        )
    finally:
        stop(worker)
    done = Scheme.objects.get(pk=scheme.pk)
    assert done.computing_state == ComputingState.IDLE, done.computing_error
    assert (done.computing_done, done.computing_total) == (2, 2)
    assert done.computed_at is not None
    # nobody admitted: 0 of 60 points; branch A's reviewed 40 points
    totals = dict(Result.objects.filter(scheme=scheme).values_list("organization_id", "total"))
    assert totals == {world.branch_a.pk: 40, world.branch_b.pk: 0, world.branch_c.pk: 0}
