"""The whole benchmark at a tiny size: a dataset of 300 members, a few requests a page, a
second of throughput. It checks that results.json has every key and that no server is left
running; the figures themselves are not checked."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from bench import results
from bench.options import database_url_with_name

ROOT = Path(__file__).resolve().parents[2]
PORT = 18765


def leftovers(port: int) -> list[str]:
    """Command lines of processes the run started that are still alive."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if (
            f"127.0.0.1:{port}" in cmdline
            or "bench/locustfile.py" in cmdline
            or "bench.jobs" in cmdline
        ):
            found.append(cmdline)
    return found


@pytest.mark.skipif(
    not (importlib.util.find_spec("gunicorn") and importlib.util.find_spec("locust")),
    reason="gunicorn and locust are not installed (make install)",
)
def test_a_tiny_run_writes_every_key_and_stops_its_servers(postgres, tmp_path):
    settings = connection.settings_dict
    url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST'] or '127.0.0.1'}"
        f":{settings['PORT'] or 5432}/bench_smoke"
    )
    out = tmp_path / "results.json"
    env = {
        **os.environ,
        "DATABASE_URL": database_url_with_name(url, "bench_smoke"),
        "BENCH_SIZES": "S",
        "BENCH_MEMBERS_S": "300",
        "BENCH_REQUESTS": "3",
        "BENCH_WARMUP": "1",
        "BENCH_IMPORT_ROWS": "20",
        "BENCH_THROUGHPUT_SECONDS": "2",
        "BENCH_USERS": "2",
        "BENCH_PORT": str(PORT),
        "BENCH_RESULTS": str(out),
    }
    run = subprocess.run(
        [sys.executable, "-m", "bench.run"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[-3000:]
    data = json.loads(out.read_text())
    assert set(data) == {"pages", "jobs", "memory_mb", "throughput_rps", "machine"}
    for page in results.PAGES:
        assert data["pages"][page]["S"]["median_ms"] > 0, page
        assert data["pages"][page]["S"]["queries"] >= 1, page
        assert data["pages"][page]["L"] is None
    for job in results.JOBS:
        assert data["jobs"][job]["S_s"] is not None, job
    assert all(value for value in data["memory_mb"].values())
    assert all(value for value in data["throughput_rps"].values())
    assert "member_list" in run.stdout
    assert leftovers(PORT) == []
