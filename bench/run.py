"""The benchmark (README, "Performance"): for each dataset size, build the dataset if needed,
time the jobs, then serve it with gunicorn and time the pages over HTTP and the throughput
with locust; write bench/results.json and print a table.

    make bench                       # S and L on postgres://…/bench_s and …/bench_l
    BENCH_SIZES=S make bench         # the small size only
"""

import json
import os
import signal
import subprocess
import sys
import time

from bench import client, datasets, results, server
from bench.options import ROOT, BenchError, Options, Size, from_env

THROUGHPUT_PAGES = {
    "trivial": "trivial",
    "secretary_home": "secretary_home",
    "street_home": "street_home",
}


def log(message: str) -> None:
    print(message, flush=True)


def run_job(url: str, *args: str) -> dict | None:
    """``python -m bench.jobs <args>`` on the dataset; its JSON line."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.jobs", *args],
        cwd=ROOT,
        env=datasets.django_env(url),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BenchError(f"job {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def time_jobs(url: str, options: Options) -> tuple[dict[str, float], float]:
    """Seconds of each job and the peak RSS of the sweep's process (the Celery worker's)."""
    seconds: dict[str, float] = {}
    sweep = run_job(url, "sweep")
    seconds["reminder_sweep"] = sweep["seconds"]
    imported = run_job(url, "import", str(options.import_rows))
    seconds["import_10k"] = imported["seconds"]
    assessment = run_job(url, "assessment")
    if assessment is not None:
        seconds["assessment_street"] = assessment["seconds"]
    log(
        f"  sweep {sweep['seconds']:.1f} s ({sweep['created']} reminders created), "
        f"import of {imported['created']} rows {imported['seconds']:.1f} s"
        + (f", assessment {assessment['seconds']:.1f} s" if assessment else "")
    )
    return seconds, sweep["peak_rss_mb"]


def time_pages(base_url: str, targets: dict, options: Options) -> dict[str, dict]:
    sessions: dict = {}
    timings = {}
    for name, (username, path) in targets.items():
        if path is None:
            continue
        if username not in sessions:
            sessions[username] = client.login(base_url, username)
        timing = client.time_page(
            sessions[username], base_url + path, requests_=options.requests, warmup=options.warmup
        )
        timings[name] = timing.as_dict()
        log(f"  {name:<25}{timing.median_ms:>8} ms{timing.p95_ms:>8} ms p95{timing.queries!s:>5} q")
    return timings


def requests_per_second(stats: list[dict]) -> float | None:
    """From locust's ``--json`` summary: the page's requests over the time from the first
    request's start to the end of the last one (about its mean response time after its start)."""
    for entry in stats:
        if entry["name"] == "page" and entry["num_requests"]:
            count = entry["num_requests"]
            mean = entry["total_response_time"] / count / 1000
            span = entry["last_request_timestamp"] - entry["start_time"] + mean
            return round(count / span, 1)
    return None


def throughput(base_url: str, username: str, path: str, options: Options) -> float:
    """Requests per second of ``path`` under locust's headless run."""
    session = client.login(base_url, username)
    env = {**os.environ, "BENCH_PAGE": path, "BENCH_SESSION": session.cookies["sessionid"]}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "locust",
            "-f", str(ROOT / "bench" / "locustfile.py"),
            "--headless", "--only-summary", "--json", "--loglevel", "WARNING",
            "--host", base_url,
            "--users", str(options.throughput_users),
            "--spawn-rate", str(options.throughput_users),
            "--run-time", f"{options.throughput_seconds}s",
            "--stop-timeout", "5",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=options.throughput_seconds + 60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    try:
        stats = json.loads(stdout)
    except json.JSONDecodeError:
        raise BenchError(f"locust failed on {path}:\n{stderr[-2000:]}") from None
    failures = sum(entry["num_failures"] for entry in stats)
    if failures:
        raise BenchError(f"locust: {failures} failed requests on {path}")
    rps = requests_per_second(stats)
    if rps is None:
        raise BenchError(f"locust measured nothing on {path}:\n{stderr[-2000:]}")
    return rps


def run_size(size: Size, options: Options, collected: dict, last: bool) -> None:
    url = options.database_url_for(size)
    dataset = datasets.ensure(url, size, log=log)
    collected["jobs"].setdefault("seed", {})[size.key] = dataset.seed_seconds
    log(f"{size.key}: seeding took {dataset.seed_seconds:.1f} s; timing the jobs")
    seconds, celery_rss = time_jobs(url, options)
    for name, value in seconds.items():
        collected["jobs"].setdefault(name, {})[size.key] = value
    collected["memory"]["celery_worker"] = max(
        collected["memory"]["celery_worker"] or 0, celery_rss
    )
    targets = run_job(url, "targets")
    log(f"{size.key}: serving with gunicorn; {options.requests} requests a page")
    with server.running(url, options.port, ROOT / "var" / "bench") as web:
        for name, timing in time_pages(web.base_url, targets, options).items():
            collected["pages"].setdefault(name, {})[size.key] = timing
        worker_rss = web.record_worker_memory()
        if last and options.throughput_seconds > 0:
            log(
                f"{size.key}: throughput, {options.throughput_users} users, {options.throughput_seconds} s a page"
            )
            for key, page in THROUGHPUT_PAGES.items():
                username, path = targets[page]
                rps = throughput(web.base_url, username, path, options)
                collected["throughput"][key] = rps
                log(f"  {key:<25}{rps:>8} req/s")
    collected["memory"]["gunicorn_worker"] = max(
        collected["memory"]["gunicorn_worker"] or 0, worker_rss
    )


def run(options: Options) -> dict:
    started = time.monotonic()
    postgresql = datasets.server_version(options.database_url)
    collected = {
        "pages": {},
        "jobs": {},
        "memory": {"gunicorn_worker": None, "celery_worker": None},
        "throughput": {},
    }
    for index, size in enumerate(options.sizes):
        run_size(size, options, collected, last=index == len(options.sizes) - 1)
    out = results.assemble(
        pages=collected["pages"],
        jobs=collected["jobs"],
        memory_mb=collected["memory"],
        throughput_rps=collected["throughput"],
        machine=results.machine(postgresql),
    )
    options.results_path.parent.mkdir(parents=True, exist_ok=True)
    options.results_path.write_text(json.dumps(out, indent=2) + "\n")
    log("")
    for line in results.table(out):
        log(line)
    log(f"\nWritten to {options.results_path} in {time.monotonic() - started:.0f} s.")
    return out


def main() -> int:
    try:
        run(from_env())
    except BenchError as exc:
        print(f"make bench: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
