"""Services the failure tests really stop and start: a private Redis server and the Celery app
pointed at it."""

import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, open_: bool, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), 0.5):
                if open_:
                    return
        except OSError:
            if not open_:
                return
        time.sleep(0.1)
    raise AssertionError(f"port {port} still {'closed' if open_ else 'open'} after {seconds} s")


class PrivateRedis:
    """A redis-server of the test's own on a free port, with no persistence: stop() really
    ends the process (its queue is lost with it), start() starts a new one on the same port."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port)]
            + ["--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=(self.directory / "redis.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, open_=True)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        wait_for_port(self.port, open_=False)


@contextmanager
def celery_app_on(url: str, transport_options: dict):
    """The project's Celery app publishing to ``url`` for the duration (its connection and
    producer pools rebuilt, so nothing of the previous broker is reused)."""
    from config.celery import app

    def forget_pools():
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None

    saved = app.conf.broker_url, app.conf.broker_transport_options
    saved_environ = os.environ.get("CELERY_BROKER_URL")
    forget_pools()
    # Celery reads CELERY_BROKER_URL from the environment before its configuration
    os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    app.conf.broker_transport_options = transport_options
    try:
        yield app
    finally:
        forget_pools()
        if saved_environ is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_environ
        app.conf.broker_url, app.conf.broker_transport_options = saved
