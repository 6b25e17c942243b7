"""Real Celery worker and beat processes against Redis and the test database on PostgreSQL:
beat reads its schedule from django-celery-beat's tables and the worker runs the sweep."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from reminders.models import SweepRun

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.celery, pytest.mark.redis, pytest.mark.postgres]


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def celery_env(postgres, redis_url, transactional_db):
    redis.Redis.from_url(redis_url).flushdb()
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": redis_url,
            "SECRET_KEY": "integration-test-secret-key-0123456789-abcdefghijklmnop",
            "DEBUG": "0",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def start(args, env, log: Path):
    handle = log.open("w")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", *args],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
    )


def stop(*processes):
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
