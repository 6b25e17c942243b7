"""Services really stopped and started: Redis (a private server of the test's own) going away
while a street asks for its results to be computed, and the machine's PostgreSQL restarted
between two requests of a real server process. (A Celery worker killed mid-sweep is in
test_celery.py; a mail server refusing mail in reminders/tests/test_email_server_refusing.py.)"""

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from assessment.models import ComputingState, IndicatorKind, Result, Scheme
from assessment.services.computing import unsent_computations_send
from assessment.tasks import send_unsent_computations
from assessment.tests.support.schemes import add_indicator, give_score, make_scheme
from conftest import need
from tests.support.services import PrivateRedis, celery_app_on, free_port, wait_for_port
from tests.support.workers import ROOT, start, stop, wait_for, worker_env


@pytest.fixture
def private_redis(tmp_path):
    need("redis-server", bool(shutil.which("redis-server")), "apt-get install redis-server")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def scheme_to_compute(world):
    scheme = make_scheme(world.street_committee1)
    add_indicator(
        scheme, "发展党员", weight=60, kind=IndicatorKind.COMPUTED, metric="members_admitted"
    )
    work = add_indicator(scheme, "工作实绩", weight=40)
    give_score(scheme, world.branch_a, work, 40)
    return scheme


def runs_of(log: Path, task: str) -> int:
    """How many times the worker ran the task to its end."""
    return sum(
        f"Task {task}[" in line and "succeeded" in line for line in log.read_text().splitlines()
    )


@pytest.mark.celery
def test_results_asked_for_while_redis_is_down_are_kept_and_computed_once_when_it_is_back(
    postgres, transactional_db, world, street_staff, private_redis, client, english, tmp_path
):
    scheme = scheme_to_compute(world)
    timeouts = {
        "socket_connect_timeout": settings.CELERY_BROKER_TIMEOUT_SECONDS,
        "socket_timeout": settings.CELERY_BROKER_TIMEOUT_SECONDS,
    }
    client.force_login(street_staff)
    ranking = reverse("assessment:ranking", args=[scheme.pk])
    with celery_app_on(private_redis.url, timeouts):
        send_unsent_computations.delay()  # the web process holds a live broker connection
        private_redis.stop()

        began = time.monotonic()
        response = client.post(reverse("assessment:compute", args=[scheme.pk]), follow=True)
        took = time.monotonic() - began
        assert response.status_code == 200  # no server error
        assert took < 5, f"the request waited {took:.1f} s for the broker"
        body = response.content.decode()
        assert "The task queue cannot be reached just now" in body  # the user is told
        assert 'data-testid="computing-unsent"' in body
        kept = Scheme.objects.get(pk=scheme.pk)
        assert (kept.computing_state, kept.computing_unsent) == (ComputingState.QUEUED, True)

        # pages keep working while the broker is down
        assert client.get(ranking).status_code == 200
        assert client.get(reverse("home")).status_code == 200
        progress = client.get(reverse("assessment:progress", args=[scheme.pk])).json()
        assert progress["unsent"] is True and progress["running"] is True
        # the periodic hand-over finds the broker still down: the work stays recorded
        assert unsent_computations_send() == 0
        assert Scheme.objects.get(pk=scheme.pk).computing_unsent is True

        private_redis.start()  # empty: whatever it held before is gone
        log = tmp_path / "worker.log"
        env = worker_env(private_redis.url)
        worker = start(["worker", "--pool=solo", "--loglevel=INFO"], env, log)
        try:
            send_unsent_computations.delay()  # what beat sends every minute
            wait_for(
                lambda: Scheme.objects.get(pk=scheme.pk).computing_state == ComputingState.IDLE,
                60,
                worker,
                logs=[log],
            )
            send_unsent_computations.delay()  # a later round finds nothing left to hand over
            wait_for(
                lambda: runs_of(log, "assessment.unsent_computations_send") >= 2,
                30,
                worker,
                logs=[log],
            )
        finally:
            stop(worker)
    assert runs_of(log, "assessment.scheme_results_compute") == 1, log.read_text()
    done = Scheme.objects.get(pk=scheme.pk)
    assert (done.computing_state, done.computing_unsent) == (ComputingState.IDLE, False)
    assert done.computing_error == ""
    totals = dict(Result.objects.filter(scheme=scheme).values_list("organization_id", "total"))
    assert totals == {world.branch_a.pk: 40, world.branch_b.pk: 0, world.branch_c.pk: 0}


def restart_postgresql() -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
        timeout=120,
    )
    deadline = time.monotonic() + 60
    while subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode:
        assert time.monotonic() < deadline, "PostgreSQL did not accept connections again"
        time.sleep(0.5)


@pytest.mark.service_restart
def test_the_first_request_after_postgresql_restarts_succeeds(
    postgres, transactional_db, street_staff, client, tmp_path
):
    need(
        "pg_ctlcluster",
        bool(shutil.which("pg_ctlcluster")) and Path("/etc/postgresql").is_dir(),
        "the test restarts the machine's PostgreSQL cluster with pg_ctlcluster",
    )
    client.force_login(street_staff)  # a session in the database the server reads
    port = free_port()
    # the session's hash depends on the secret key: the server signs with the test's
    env = {
        **worker_env("memory://"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": settings.SECRET_KEY,
    }
    log = (tmp_path / "server.log").open("w")
    # one thread: both requests use the same kept connection (CONN_MAX_AGE), like a
    # production worker process
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", "--nothreading"]
        + [f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    def get_home():
        request = urllib.request.Request(home, headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=30) as response:  # a 500 raises here
            return response.status, response.url

    home = f"http://127.0.0.1:{port}{reverse('home')}"
    try:
        wait_for_port(port, open_=True, seconds=60)
        assert get_home() == (200, home)  # signed in, not sent to the login page
        restart_postgresql()
        connection.close()  # this process's own connection died with the restart too
        assert get_home() == (200, home)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
    assert "Traceback" not in (tmp_path / "server.log").read_text()
