"""Logged-in HTTP sessions and the timing of sequential requests."""

import math
import re
import statistics
import time
from dataclasses import dataclass

import requests

from bench.options import BenchError

DEMO_PASSWORD = "demo-pass-2026"  # organizations.demo.people.DEMO_PASSWORD
QUERY_HEADER = "X-Query-Count"  # config.query_count.HEADER
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OK = {200, 302}  # the trivial view is a redirect


def login(base_url: str, username: str, password: str = DEMO_PASSWORD) -> requests.Session:
    """A session logged in through the login form, with its CSRF token, as a browser does."""
    session = requests.Session()
    page = session.get(f"{base_url}/accounts/login/", timeout=30)
    match = _CSRF.search(page.text)
    if match is None:
        raise BenchError("the login page has no CSRF token")
    response = session.post(
        f"{base_url}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": match[1]},
        headers={"Referer": f"{base_url}/accounts/login/"},
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302 or "sessionid" not in session.cookies:
        raise BenchError(f"logging in as {username!r} failed (status {response.status_code})")
    return session


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p95_ms: float
    queries: int | None

    def as_dict(self) -> dict:
        return {"median_ms": self.median_ms, "p95_ms": self.p95_ms, "queries": self.queries}


def time_page(session: requests.Session, url: str, *, requests_: int, warmup: int) -> Timing:
    for _ in range(warmup):
        _get(session, url)
    timings, queries = [], None
    for _ in range(requests_):
        started = time.perf_counter()
        response = _get(session, url)
        timings.append((time.perf_counter() - started) * 1000)
        if QUERY_HEADER in response.headers:
            queries = int(response.headers[QUERY_HEADER])
    return Timing(
        median_ms=round(statistics.median(timings), 1),
        p95_ms=round(percentile(timings, 0.95), 1),
        queries=queries,
    )


def _get(session: requests.Session, url: str) -> requests.Response:
    response = session.get(url, allow_redirects=False, timeout=120)
    response.content  # noqa: B018  (read the whole body, as a browser waits for it)
    if response.status_code not in OK:
        raise BenchError(f"GET {url} answered {response.status_code}")
    return response
