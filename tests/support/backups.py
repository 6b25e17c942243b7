"""Helpers of the backup tests: running scripts/backup.sh and scripts/restore.sh, PostgreSQL
databases made and dropped beside the test database, and their row counts."""

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg2
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent

# Every table with its rows, whatever the schema, names quoted as pg_dump quotes them.
ROW_COUNTS = """
    SELECT format('%I.%I', table_schema, table_name),
           (xpath('/row/n/text()', query_to_xml(
             format('SELECT count(*) AS n FROM %I.%I', table_schema, table_name),
             false, true, '')))[1]::text::int
    FROM information_schema.tables
    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
"""


def run_script(name: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(ROOT / "scripts" / name)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def backup(**env: str) -> Path:
    """Run the backup script; the path of the folder it made (its last line of output)."""
    result = run_script("backup.sh", **env)
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip().splitlines()[-1])


def database_url(name: str) -> str:
    """The URL of database ``name`` on the test database's server, with its credentials."""
    settings = connection.settings_dict
    user = quote(settings["USER"] or "", safe="")
    password = f":{quote(settings['PASSWORD'], safe='')}" if settings["PASSWORD"] else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{name}"


@contextmanager
def connected(name: str):
    settings = connection.settings_dict
    link = psycopg2.connect(
        dbname=name,
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or "5432",
    )
    link.autocommit = True
    try:
        yield link
    finally:
        link.close()


def create_database(name: str) -> None:
    with connected("postgres") as link, link.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    with connected("postgres") as link, link.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def row_counts(name: str) -> dict[str, int]:
    with connected(name) as link, link.cursor() as cursor:
        cursor.execute(ROW_COUNTS)
        return dict(cursor.fetchall())


def manage_py_shell(database: str, code: str) -> str:
    """Run ``code`` in ``manage.py shell`` against ``database``; its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url(database)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
