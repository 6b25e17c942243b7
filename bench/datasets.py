"""The datasets: one PostgreSQL database per size, built with ``seed_demo`` and stamped with
the version that built it. A dataset is rebuilt only when it is missing or its stamp differs
from ``dataset_stamp(size)``; bump DATASET_VERSION when the seeding changes in a way that
matters to the figures. An existing dataset is migrated before each run, so new migrations
do not force a rebuild."""

import os
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass

from bench.options import ROOT, BenchError, Size, database_name, database_url_with_name

DATASET_VERSION = "1"
STAMP_TABLE = "bench_dataset"


@dataclass(frozen=True)
class Dataset:
    size: Size
    url: str
    seed_seconds: float  # when it was built (maybe by an earlier run)
    built_now: bool


def dataset_stamp(size: Size) -> str:
    return f"v{DATASET_VERSION}:{size.streets}x{size.members_per_street}"


def needs_rebuild(stored_stamp: str | None, size: Size) -> bool:
    return stored_stamp != dataset_stamp(size)


def _connect(url: str):
    import psycopg2

    try:
        connection = psycopg2.connect(url, connect_timeout=5)
    except psycopg2.OperationalError as exc:
        raise BenchError(
            f"PostgreSQL is not reachable at {_without_password(url)}: {str(exc).strip()}\n"
            "The benchmark needs a PostgreSQL server: start one, or point DATABASE_URL at it."
        ) from None
    connection.autocommit = True
    return connection


def _without_password(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.password:
        return url.replace(f":{parts.password}@", ":***@")
    return url


def _on_server(url: str, *statements: tuple[str, list]) -> tuple | None:
    """Run statements on the server's maintenance database; the last one's first row."""
    row = None
    with closing(_connect(database_url_with_name(url, "postgres"))) as server:
        cursor = server.cursor()
        for sql, params in statements:
            cursor.execute(sql, params)
            row = cursor.fetchone() if cursor.description else None
    return row


def server_version(url: str) -> str:
    return _on_server(url, ("SHOW server_version", []))[0]


def read_stamp(url: str) -> tuple[str, float] | None:
    """(stamp, seed seconds) of the dataset at ``url``; None when it is missing or unstamped."""
    import psycopg2

    exists = ("SELECT 1 FROM pg_database WHERE datname = %s", [database_name(url)])
    if _on_server(url, exists) is None:
        return None
    connection = _connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT stamp, seed_seconds FROM {STAMP_TABLE}")
            row = cursor.fetchone()
            return (row[0], row[1]) if row else None
    except psycopg2.errors.UndefinedTable:
        return None
    finally:
        connection.close()


def write_stamp(url: str, size: Size, seed_seconds: float) -> None:
    connection = _connect(url)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {STAMP_TABLE} "
                "(stamp text NOT NULL, seed_seconds double precision NOT NULL, "
                "built_at timestamptz NOT NULL DEFAULT now())"
            )
            cursor.execute(f"DELETE FROM {STAMP_TABLE}")
            cursor.execute(
                f"INSERT INTO {STAMP_TABLE} (stamp, seed_seconds) VALUES (%s, %s)",
                [dataset_stamp(size), seed_seconds],
            )
    finally:
        connection.close()


def recreate_database(url: str) -> None:
    name = database_name(url)
    _on_server(
        url,
        (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', []),
        (f'CREATE DATABASE "{name}"', []),
    )


def django_env(url: str, **extra: str) -> dict[str, str]:
    """The environment of a Django process on a dataset: production settings, except what
    serving plain HTTP on loopback needs."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-never-used-in-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "CELERY_BROKER_URL": "memory://",
        "EMAIL_URL": "locmem://",
        "LOG_LEVEL": "WARNING",
        "VAR_DIR": str(ROOT / "var" / "bench"),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    env.update(extra)
    return env


def manage(url: str, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=django_env(url),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")


def ensure(url: str, size: Size, log=print) -> Dataset:
    stored = read_stamp(url)
    if stored is not None and not needs_rebuild(stored[0], size):
        log(f"{size.key}: dataset {database_name(url)} is up to date ({stored[0]}); migrating")
        manage(url, "migrate", "--noinput", "-v0")
        return Dataset(size, url, stored[1], built_now=False)
    log(
        f"{size.key}: building dataset {database_name(url)} ({size.streets} street(s), "
        f"about {size.members_per_street} members each)"
    )
    recreate_database(url)
    manage(url, "migrate", "--noinput", "-v0")
    started = time.perf_counter()
    manage(
        url,
        "seed_demo",
        "--scale",
        str(size.streets),
        "--members-per-street",
        str(size.members_per_street),
        "--allow-without-debug",
    )
    seconds = time.perf_counter() - started
    write_stamp(url, size, seconds)
    return Dataset(size, url, seconds, built_now=True)
