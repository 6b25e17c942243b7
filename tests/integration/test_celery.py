"""Real Celery worker and beat processes against Redis and the test database on PostgreSQL:
beat reads its schedule from django-celery-beat's tables, the worker runs the sweep and
computes an assessment scheme's results."""

import email
import itertools
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.utils import translation
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


def emails_written(folder: Path) -> list[email.message.Message]:
    """The e-mails the file backend wrote: a file per connection (two connections opened in
    the same second may share one), each message followed by a line of dashes."""
    separator = b"\n" + b"-" * 79 + b"\n"
    return [
        email.message_from_bytes(chunk)
        for path in sorted(folder.glob("*.log"))
        for chunk in path.read_bytes().split(separator)
        if chunk.strip()
    ]


def text_of(message: email.message.Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_two_beats_started_by_mistake_create_each_reminder_once_and_send_each_email_once(
    celery_env, world, street_staff, tmp_path
):
    """Two beats send the sweep every second each, a worker runs two at a time. Business
    effects counted: one reminder per thing due, one e-mail file per reminder."""
    street_staff.email = "street_staff@example.org"
    street_staff.save(update_fields=["email"])
    terms_ending_soon(world, 5)
    every_second = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(
        name="sweep every second", task="reminders.sweep", interval=every_second
    )
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {
        **celery_env,
        "EMAIL_URL": f"file://{outbox}",
        # a sweep lasts a few seconds, so the beats' next sweeps arrive while it runs
        "REMINDER_SWEEP_PAUSE_SECONDS": "0.1",
    }
    logs = [tmp_path / name for name in ("worker.log", "beat1.log", "beat2.log")]
    worker = start(["worker", "--concurrency=2", "--loglevel=INFO"], env, logs[0])
    beats = [
        start(
            ["beat", "--loglevel=INFO", "--max-interval=1", f"--schedule={tmp_path / name}"],
            env,
            log,
        )
        for name, log in (("beat1", logs[1]), ("beat2", logs[2]))
    ]
    kind = "organizations.term_ending"
    try:
        wait_for(
            lambda: (
                SweepRun.objects.filter(finished_at__isnull=False).count() >= 3
                and not Reminder.objects.filter(email_state__in=["pending", "sending"]).exists()
            ),
            35,
            worker,
            *beats,
            logs=logs,
        )
        time.sleep(1)  # the deliveries the last sweeps started
    finally:
        stop(*beats, worker)
    assert Reminder.objects.filter(kind=kind).count() == 5
    # the sweeps met (some found another running and did nothing) and never overlapped
    worker_log = logs[0].read_text()
    assert re.search(r"reminders\.sweep\[[^]]+\] succeeded in [0-9.]+s: None", worker_log)
    runs = list(SweepRun.objects.order_by("started_at").values_list("started_at", "finished_at"))
    assert all(after[0] >= before[1] for before, after in itertools.pairwise(runs)), runs
    sent = list(Reminder.objects.filter(email_state="sent").select_related("recipient"))
    assert len(sent) == Reminder.objects.count()  # street_staff is everyone's recipient here
    written = [(m["To"], text_of(m)) for m in emails_written(outbox)]
    with translation.override(settings.LANGUAGE_CODE):
        per_reminder = Counter(
            r.pk
            for r in sent
            for to, text in written
            if to == r.recipient.email and r.message in text
        )
    assert len(written) == len(sent), written
    assert sorted(per_reminder.values()) == [1] * len(sent), per_reminder
