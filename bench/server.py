"""gunicorn on loopback, as in production (2 workers, DEBUG off; static files are the front
web server's, as in production, so no page request here reaches one), started for one
dataset and always stopped."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.datasets import django_env
from bench.options import ROOT, BenchError

WORKERS = 2


@dataclass
class Server:
    process: subprocess.Popen
    base_url: str
    log_path: Path
    peak_worker_rss_mb: float = 0.0
    worker_pids: list[int] = field(default_factory=list)

    def workers(self) -> list[int]:
        return child_pids(self.process.pid)

    def record_worker_memory(self) -> float:
        """The highest peak RSS (VmHWM) of the live workers, kept as the maximum so far."""
        for pid in self.workers():
            self.peak_worker_rss_mb = max(self.peak_worker_rss_mb, peak_rss_mb(pid))
        return self.peak_worker_rss_mb


def child_pids(parent: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: the fields follow the last ")"
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent:
            pids.append(int(entry.name))
    return sorted(pids)


def peak_rss_mb(pid: int) -> float:
    """VmHWM of a live process, in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def _wait_ready(base_url: str, process: subprocess.Popen, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited at start:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    raise BenchError(
        f"gunicorn did not answer within {timeout:.0f} s:\n{log_path.read_text()[-3000:]}"
    )


def stop(process: subprocess.Popen, timeout: float = 20) -> None:
    """TERM to gunicorn's process group (master and workers), KILL after ``timeout``."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


@contextmanager
def running(url: str, port: int, log_dir: Path) -> Iterator[Server]:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"gunicorn-{port}.log"
    base_url = f"http://127.0.0.1:{port}"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout",
                "120",
                "--graceful-timeout",
                "10",
            ],
            cwd=ROOT,
            env=django_env(url, BENCH_QUERY_COUNT="1"),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so that stopping reaches workers
        )
    server = Server(process, base_url, log_path)
    try:
        _wait_ready(base_url, process, log_path, timeout=90)
        server.worker_pids = server.workers()
        yield server
    finally:
        try:
            server.record_worker_memory()
        finally:
            stop(process)
