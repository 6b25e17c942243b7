"""Real Celery worker processes for the integration tests, on the test database."""

import os
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def worker_env(broker_url: str) -> dict:
    """The environment of a worker (or server) process on the test database and ``broker_url``;
    a message of a killed worker comes back after 5 s instead of an hour."""
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "SECRET_KEY": "integration-test-secret-key-0123456789-abcdefghijklmnop",
            "DEBUG": "0",
            "PYTHONUNBUFFERED": "1",
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            "CELERY_UNACKED_RESTORE_THROTTLE": "1",
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


def wait_for(condition, seconds: float, *processes, logs=()):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        for process, log in zip(processes, logs, strict=False):
            assert process.poll() is None, log.read_text()
        time.sleep(0.3)
    raise AssertionError("timed out: " + " ".join(log.read_text()[-3000:] for log in logs))
